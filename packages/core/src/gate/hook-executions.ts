import { deleteItem } from "../results/dynamodb/delete";
import { putItem } from "../results/dynamodb/put";
import { getItem } from "../results/dynamodb/read";
import { updateItem } from "../results/dynamodb/update";
import { resultsKeys } from "../results/layout";
import { type HookClaim, type HookState, hookClaim, hookDone, hookStateOfItem } from "../results/records/hook-state";
import type { ResultsTable } from "../results/table";
import type { Verdict } from "../smoke/types";
import { GateStoreError } from "./errors";

export type { HookState } from "../results/records/hook-state";

/**
 * The lifecycle hook's executions in the results table: which container runs an execution's smoke
 * test, and its verdict once done, so every container answers ECS alike.
 */
export class HookExecutions {
  private readonly table: ResultsTable;

  constructor(
    table: ResultsTable,
    private readonly now: () => number = Date.now,
  ) {
    this.table = table.raising(GateStoreError);
  }

  async read(executionKey: string): Promise<HookState | undefined> {
    return hookStateOfItem(await getItem(this.table, "read the hook state", resultsKeys.hookState(executionKey)));
  }

  /** Claims the execution (absent, or RUNNING and stale); false when another run owns it. */
  async claim(claim: HookClaim, staleAfterMs: number): Promise<boolean> {
    const now = this.now();
    const { item, condition } = hookClaim(claim, now, now - staleAfterMs);
    return putItem(this.table, `claim hook execution ${claim.executionKey}`, item, condition);
  }

  async done(executionKey: string, verdict: Verdict, reason: string): Promise<void> {
    await updateItem(
      this.table,
      "store the hook verdict",
      resultsKeys.hookState(executionKey),
      hookDone(verdict, reason),
    );
  }

  /** Forgets a claim whose run died, so the next invocation starts again. */
  async forget(executionKey: string): Promise<void> {
    await deleteItem(this.table, "forget the hook state", resultsKeys.hookState(executionKey));
  }
}
