import type { Verdict } from "../../../gate/smoke/types";
import { expiryOf, type Expression, hookStateKey, RECORD_KIND } from "../layout";
import type { StoredItem } from "../table";

/** Where one lifecycle hook execution stands: its run is RUNNING in a container, or DONE with a verdict. */
export interface HookState {
  readonly status: "RUNNING" | "DONE";
  /** ms since the epoch. */
  readonly startedAt: number;
  /** The container that runs it. */
  readonly owner: string;
  readonly verdict?: Verdict;
  readonly reason?: string;
}

export interface HookClaim {
  readonly executionKey: string;
  readonly owner: string;
  readonly service: string;
  readonly targetServiceRevisionArn: string;
}

/** The claim: written when the execution is unclaimed, or RUNNING since before `staleBefore` (ms). */
export const hookClaim = (
  claim: HookClaim,
  nowMs: number,
  staleBefore: number,
): { item: StoredItem; condition: Expression } => ({
  item: {
    ...hookStateKey(claim.executionKey),
    kind: RECORD_KIND.hookState,
    status: "RUNNING",
    startedAt: nowMs,
    owner: claim.owner,
    service: claim.service,
    targetServiceRevisionArn: claim.targetServiceRevisionArn,
    ...expiryOf("hookState", nowMs),
  },
  condition: {
    expression: "attribute_not_exists(pk) OR (#status = :running AND startedAt < :stale)",
    names: { "#status": "status" },
    values: { ":running": "RUNNING", ":stale": staleBefore },
  },
});

export const hookDone = (verdict: Verdict, reason: string): Expression => ({
  expression: "SET #status = :done, verdict = :verdict, reason = :reason",
  names: { "#status": "status" },
  values: { ":done": "DONE", ":verdict": verdict, ":reason": reason },
});

export const hookStateOfItem = (item: StoredItem | undefined): HookState | undefined => item as HookState | undefined;
