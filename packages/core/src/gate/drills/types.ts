import type { EvidenceFigure } from "../../kernel/results/evidence";

export const DRILLS = ["worker-crash", "drain", "rollback"] as const;
export type DrillName = (typeof DRILLS)[number];

/** The checklist item each drill decides (its evidence part). */
export const DRILL_ITEM: Record<DrillName, string> = {
  "worker-crash": "failure-injection",
  drain: "graceful-shutdown",
  rollback: "rollback-tested",
};

/**
 * pass: every task completed exactly once (and, for drain, the worker exited in time).
 * fail: a task was lost, duplicated or wrong, or the worker overran its stop timeout.
 * inconclusive: the drill could not be run as intended (no answer from the service, nothing in
 * flight when the worker was stopped): never recorded as evidence.
 */
export type DrillVerdict = "pass" | "fail" | "inconclusive";

export interface DrillResult {
  readonly drill: DrillName;
  readonly verdict: DrillVerdict;
  readonly reason: string;
  /** The observed figures (docs/drills.md lists them per drill). */
  readonly figures: Readonly<Record<string, EvidenceFigure>>;
  /** How the worker was stopped: "SIGKILL to pid 4242", "ECS StopTask arn:…". */
  readonly stopped?: string;
  readonly startedAt: string;
  readonly finishedAt: string;
}

export type DrillProgress = (message: string) => void;
