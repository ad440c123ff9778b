import { deleteItem } from "../../kernel/results/dynamodb/delete";
import { putItem } from "../../kernel/results/dynamodb/put";
import { getItem } from "../../kernel/results/dynamodb/get";
import { updateItem } from "../../kernel/results/dynamodb/update";
import { hookStateKey } from "../../kernel/results/layout";
import { type HookClaim, type HookState, hookClaim, hookDone, hookStateOfItem } from "../../kernel/results/records/hook-state";
import type { ResultsTable } from "../../kernel/results/table";
import type { Verdict } from "../smoke/types";
import { GateStoreError } from "./errors";

export type { HookState } from "../../kernel/results/records/hook-state";

export interface HookExecutions {
  read(executionKey: string): Promise<HookState | undefined>;
  /** Claims the execution (absent, or RUNNING and stale); false when another run owns it. */
  claim(claim: HookClaim, staleAfterMs: number): Promise<boolean>;
  done(executionKey: string, verdict: Verdict, reason: string): Promise<void>;
  /** Forgets a claim whose run died, so the next invocation starts again. */
  forget(executionKey: string): Promise<void>;
}

/**
 * The lifecycle hook's executions in the results table: which container runs an execution's smoke
 * test, and its verdict once done, so every container answers ECS alike.
 */
export const hookExecutions = (results: ResultsTable, now: () => number = Date.now): HookExecutions => {
  const table = results.raising(GateStoreError);
  return {
    read: async (executionKey) =>
      hookStateOfItem(await getItem(table, "read the hook state", hookStateKey(executionKey))),
    claim: (claim, staleAfterMs) => {
      const at = now();
      const { item, condition } = hookClaim(claim, at, at - staleAfterMs);
      return putItem(table, `claim hook execution ${claim.executionKey}`, item, condition);
    },
    done: async (executionKey, verdict, reason) => {
      await updateItem(table, "store the hook verdict", hookStateKey(executionKey), hookDone(verdict, reason));
    },
    forget: (executionKey) => deleteItem(table, "forget the hook state", hookStateKey(executionKey)),
  };
};
