import type { DocumentPlace } from "../types";

/** What readiness reads from an SLO file, whatever its format (OpenSLO v1 or Sloth prometheus/v1). */

export interface SloQuery {
  /** good, bad, total, raw (OpenSLO); error, total, raw (Sloth); threshold. */
  readonly role: string;
  /** The PromQL, when the metric source is Prometheus; undefined for another source. */
  readonly promql?: string;
  readonly place: DocumentPlace;
}

export type SloIndicator =
  | { readonly kind: "ratio"; readonly queries: readonly SloQuery[] }
  | { readonly kind: "threshold"; readonly query: SloQuery; readonly op: string; readonly value: number };

export interface SloObjective {
  /** `objective "Good" of SLO web-availability`, `SLO requests-availability`: how reasons name it. */
  readonly label: string;
  /** The objective's fields as written, for reasons that quote it: `target: 0.995`. */
  readonly quote: string;
  readonly place: DocumentPlace;
  /** The objective's target as a percentage (OpenSLO `target` × 100, `targetPercent`, Sloth `objective`). */
  readonly targetPercent: number;
  readonly indicator: SloIndicator;
  /** Names, display names and descriptions of the SLO, its indicator and the objective, lowercased. */
  readonly words: string;
}

export interface SloDefinition {
  readonly name: string;
  readonly place: DocumentPlace;
  readonly objectives: readonly SloObjective[];
}
