import type { Status } from "../model/finding";

/**
 * The shapes every document decider shares (issue 10: SLOs, Prometheus rules, Alertmanager,
 * dashboards, runbooks, CI workflows, on-call rotations, cost estimates). A decider is a pure
 * function from parsed documents and the item's parameters to a verdict; reading files, globbing
 * and publishing are the caller's. The engine turns a DocumentVerdict into the item's document
 * part (template run, live run and the Config evaluator alike).
 */

/** A document as read from the team's repository. */
export interface DocumentFile {
  /** The path as the user knows it: relative to the readiness.yml folder, forward slashes. */
  readonly path: string;
  readonly text: string;
}

/** Where in a document something is (1-based line and column, when known). */
export interface DocumentPlace {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** One finding of a document decider: what is wrong (or right) and where. */
export interface DocumentFinding {
  readonly status: Status;
  /** Specific and complete: names the alert, objective, route, layer or mode, and what is missing. */
  readonly reason: string;
  readonly place?: DocumentPlace;
  /** What the finding is about, for reports that group by it: an alert name, an SLO, a failure mode id. */
  readonly subject?: string;
}

/**
 * A decider's verdict on one item's document part. `pass` only when everything required was read
 * and holds; `fail` when something required is missing or wrong; `unknown` when a document the
 * decision needs is not configured. A document that cannot be read or parsed is a `fail` finding
 * that names the file and line, never a crash and never a pass.
 */
export interface DocumentVerdict {
  readonly status: Status;
  /** One line: why this status. */
  readonly reason: string;
  readonly findings: readonly DocumentFinding[];
}

/** The worst status of the findings decides; no finding at all decides nothing. */
export const verdictOf = (findings: readonly DocumentFinding[], passReason: string): DocumentVerdict => {
  const failed = findings.filter((f) => f.status === "fail");
  if (failed.length > 0) return { status: "fail", reason: failed.map((f) => f.reason).join("; "), findings };
  const unknown = findings.filter((f) => f.status === "unknown");
  if (unknown.length > 0) return { status: "unknown", reason: unknown.map((f) => f.reason).join("; "), findings };
  if (findings.length === 0) return { status: "unknown", reason: "nothing to decide from", findings };
  return { status: "pass", reason: passReason, findings };
};

/** "ops/slo.yaml:12" or "ops/slo.yaml". */
export const describePlace = (place: DocumentPlace): string =>
  `${place.file}${place.line ? `:${place.line}` : ""}${place.line && place.column ? `:${place.column}` : ""}`;
