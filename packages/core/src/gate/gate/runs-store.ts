import { putItem } from "../../kernel/results/dynamodb/put";
import { queryAll, queryItems } from "../../kernel/results/dynamodb/read";
import { updateItem } from "../../kernel/results/dynamodb/update";
import {
  deploymentOutcomePartition,
  partitionQuery,
  RECORD_KIND,
  revisionTallyPartition,
  rollbackPartition,
  serviceTimelineQuery,
  smokeRunPartition,
} from "../../kernel/results/layout";
import { type DeploymentOutcomeRecord, deploymentOutcomeItem } from "../../kernel/results/records/deployment-outcomes";
import {
  type PendingRollback,
  pendingRollbackFilter,
  pendingRollbackOfItem,
  type RollbackRecord,
  rollbackClaim,
  rollbackCompletion,
  rollbackOfItem,
} from "../../kernel/results/records/rollbacks";
import {
  type RevisionTally,
  type RunRecord,
  revisionTallyUpdate,
  runOfItem,
  smokeRunItem,
  tallyOfItem,
} from "../../kernel/results/records/smoke-runs";
import { smokeRunsOf } from "../../kernel/results/smoke-runs";
import type { ResultsTable } from "../../kernel/results/table";
import { GateStoreError } from "./errors";

export { serviceKey } from "../../kernel/results/layout";
export {
  ECS_NATIVE_TARGET,
  type PendingRollback,
  type RollbackMethod,
  type RollbackRecord,
} from "../../kernel/results/records/rollbacks";
export type { Provenance, RevisionTally, RunRecord } from "../../kernel/results/records/smoke-runs";

/**
 * The gate's records in the results table: smoke runs, revision tallies, rollback claims and
 * deployment outcomes (their keys: kernel/results/layout.ts). The gate's decisions read primary keys,
 * strongly consistent; the pending-rollback lookup reads the service's timeline (gsi2).
 */
export class GateRunsStore {
  private readonly table: ResultsTable;

  constructor(
    table: ResultsTable,
    private readonly now: () => number = Date.now,
  ) {
    this.table = table.raising(GateStoreError);
  }

  get tableName(): string {
    return this.table.name;
  }

  async recordRun(record: RunRecord): Promise<void> {
    const tally = revisionTallyUpdate(record);
    await Promise.all([
      putItem(this.table, `record smoke run ${record.runId}`, smokeRunItem(record, this.now())),
      // The revision's tally, so the loop guard reads one small item per revision, not every run.
      updateItem(this.table, `update the tally of ${record.revision}`, tally.key, tally.update),
    ]);
  }

  /** Smoke runs of a service, newest first (every page, or the first `limit`). */
  async runsOf(service: string, options: { revision?: string; limit?: number } = {}): Promise<RunRecord[]> {
    return smokeRunsOf(this.table, service, options);
  }

  /**
   * The newest revision with a PASS run that never FAILed a smoke run (never roll back to a
   * revision that failed its smoke test), other than `excluding`. Undefined: no known good revision.
   */
  async lastKnownGood(service: string, excluding?: string): Promise<string | undefined> {
    return lastKnownGoodOf(await this.talliesOf(service), excluding);
  }

  /** Every revision of a service with its PASS and FAIL counts (one small item per revision). */
  async talliesOf(service: string): Promise<RevisionTally[]> {
    const query = partitionQuery(revisionTallyPartition(service), { consistent: true });
    const items = await queryAll(this.table, `query the revision tallies of ${service}`, query);
    return items.flatMap((item) => tallyOfItem(item) ?? []);
  }

  /** Automatic rollbacks away from a revision (at most one per service). */
  async rollbacksOf(revision: string): Promise<RollbackRecord[]> {
    const query = partitionQuery(rollbackPartition(revision), { consistent: true });
    const items = await queryAll(this.table, `query rollbacks of ${revision}`, query);
    return items.flatMap((item) => rollbackOfItem(item) ?? []);
  }

  /**
   * Claims the one automatic rollback of `fromRevision` (a PutItem written only when absent) and
   * records its target with status REQUESTED. False when the revision was already rolled back once.
   */
  async claimRollback(record: RollbackRecord): Promise<boolean> {
    const { item, condition } = rollbackClaim(record, this.now());
    return putItem(this.table, `record the rollback of ${record.fromRevision}`, item, condition);
  }

  /**
   * The rollback the gate requested to `revision` of `service` that no completion event has
   * consumed yet (an ECS-native rollback goes to a revision ECS picks, so it matches any revision).
   * Read from the service's rollbacks on gsi2: eventually consistent, which is enough because the
   * completion event of a rollback comes minutes after the request (ECS has to deploy it first).
   */
  async pendingRollbackTo(service: string, revision: string): Promise<PendingRollback | undefined> {
    const query = serviceTimelineQuery(service, RECORD_KIND.rollback, pendingRollbackFilter(revision));
    for await (const item of queryItems(this.table, `query the pending rollbacks of ${service}`, query)) {
      const pending = pendingRollbackOfItem(item);
      if (pending) return pending;
    }
    return undefined;
  }

  /** Marks a pending rollback completed; false when another completion event took it first. */
  async completeRollback(pending: PendingRollback): Promise<boolean> {
    const { update, condition } = rollbackCompletion(new Date(this.now()).toISOString());
    return updateItem(
      this.table,
      `mark the rollback to ${pending.toRevision} completed`,
      pending.key,
      update,
      condition,
    );
  }

  /** Stores the outcome of one deployment event (the audit trail of the gate's decisions). */
  async recordOutcome(outcome: DeploymentOutcomeRecord): Promise<void> {
    await putItem(
      this.table,
      `record the outcome of ${outcome.deploymentId}`,
      deploymentOutcomeItem(outcome, this.now()),
    );
  }

  /** Outcomes recorded for a service, newest first. */
  async outcomesOf(service: string, limit = 50): Promise<Record<string, unknown>[]> {
    const query = partitionQuery(deploymentOutcomePartition(service), {
      newestFirst: true,
      consistent: true,
      pageSize: limit,
    });
    return queryAll(this.table, `query outcomes of ${service}`, query, limit);
  }
}

/** Pure: the revision whose newest PASS run is the newest, among revisions that never FAILed, other than `excluding`. */
export const lastKnownGoodOf = (tallies: readonly RevisionTally[], excluding?: string): string | undefined => {
  const candidates = tallies.filter(
    (tally) =>
      tally.passes > 0 &&
      tally.fails === 0 &&
      tally.lastPassAt !== undefined &&
      tally.revision !== excluding &&
      // Runs of the lifecycle hook are keyed on service revision ARNs: UpdateService cannot target them.
      TASK_DEFINITION_ARN.test(tally.revision),
  );
  candidates.sort((a, b) => (b.lastPassAt ?? "").localeCompare(a.lastPassAt ?? ""));
  return candidates[0]?.revision;
};

export const TASK_DEFINITION_ARN = /^arn:aws[a-z-]*:ecs:[^:]+:\d{12}:task-definition\/[^:]+:\d+$/;
