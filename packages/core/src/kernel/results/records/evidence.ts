import { evidenceKey, RECORD_KIND } from "../layout";
import type { StoredItem } from "../table";

/** Where a piece of evidence came from: the command or function, and the code and CI run behind it. */
export interface EvidenceProvenance {
  /** `readiness load`, `readiness drill worker-crash`, `deployment-gate`, … */
  readonly source: string;
  readonly gitCommit?: string;
  readonly ciRunUrl?: string;
  readonly repository?: string;
}

/** A figure observed while gathering evidence (a rate, a latency, a count, a yes/no). */
export type EvidenceFigure = number | string | boolean;

/**
 * What readiness observed when it did what an item asks to be done (a load test, a drill, a log
 * sample, an mTLS handshake), for one service, against one revision (its task definition ARN).
 */
export interface EvidenceRecord {
  readonly itemId: string;
  /** The ECS service ARN (the key names its cluster and service). */
  readonly service: string;
  /** The task definition ARN the evidence was gathered against. */
  readonly revision: string;
  readonly recordedAt: string;
  readonly evidenceId: string;
  readonly provenance: EvidenceProvenance;
  readonly figures: Readonly<Record<string, EvidenceFigure>>;
  readonly verdict: "pass" | "fail";
  /** What was observed, in a sentence a reviewer reads (the item's reason quotes it). */
  readonly reason: string;
}

export const evidenceItem = (record: EvidenceRecord): StoredItem => ({
  ...evidenceKey(record.service, record.itemId, record.recordedAt, record.evidenceId),
  kind: RECORD_KIND.evidence,
  itemId: record.itemId,
  service: record.service,
  revision: record.revision,
  recordedAt: record.recordedAt,
  evidenceId: record.evidenceId,
  provenance: record.provenance,
  figures: record.figures,
  verdict: record.verdict,
  reason: record.reason,
});

const isString = (value: unknown): value is string => typeof value === "string";

/** The record an item holds, or undefined when it is not a well-formed evidence record. */
export const evidenceOfItem = (item: StoredItem): EvidenceRecord | undefined => {
  const { itemId, service, revision, recordedAt, evidenceId, provenance, figures, verdict, reason } = item;
  if (item.kind !== RECORD_KIND.evidence) return undefined;
  if (![itemId, service, revision, recordedAt, evidenceId, reason].every(isString)) return undefined;
  if (verdict !== "pass" && verdict !== "fail") return undefined;
  if (typeof provenance !== "object" || provenance === null || !isString((provenance as EvidenceProvenance).source))
    return undefined;
  return {
    itemId: itemId as string,
    service: service as string,
    revision: revision as string,
    recordedAt: recordedAt as string,
    evidenceId: evidenceId as string,
    provenance: provenance as EvidenceProvenance,
    figures: (typeof figures === "object" && figures !== null ? figures : {}) as Record<string, EvidenceFigure>,
    verdict,
    reason: reason as string,
  };
};
