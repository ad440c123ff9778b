import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { SmokeRun, Verdict } from "../smoke/types";
import { GateStoreError } from "./errors";
import { serviceNamesOf } from "./event";

/**
 * The gate's records in the results table (single-table design, keys pk/sk; the GSI `gsi2`
 * "byServiceNewestFirst" lists everything of one service newest first through
 * gsi2pk `SERVICE#<cluster>/<service>` and gsi2sk `<KIND>#<ISO time>`):
 *
 * - smoke run:        pk `SMOKE#<cluster>/<service>`, sk `<startedAt>#<runId>`; kind SMOKE.
 * - revision tally:   pk `REVISIONS#<cluster>/<service>`, sk `<revision>`: PASS and FAIL counts and
 *   the last PASS time, updated with every run; the loop guard reads these small items, not the runs.
 * - rollback:         pk `ROLLBACK#<from revision>`, sk `<cluster>/<service>`; written only when
 *   absent, so at most one automatic rollback per revision, whatever the concurrency; kind ROLLBACK.
 *   It carries its target revision and status REQUESTED until the completion event of that
 *   revision consumes it (never roll back a rollback).
 * - outcome:          pk `OUTCOME#<cluster>/<service>`, sk `<time>#<deploymentId>#<eventName>`; kind DEPLOYMENT.
 *
 * The gate's decisions read the primary keys (strongly consistent); the GSI is for listings.
 * Runs and outcomes expire (`expiresAt`, the table's TTL attribute); rollback records last longer.
 */
export const RUN_HISTORY_DAYS = 90;
/** The results table's "byServiceNewestFirst" index (stacks/Storage.ts RESULTS_INDEXES). */
export const SERVICE_INDEX = "gsi2";
export const ROLLBACK_HISTORY_DAYS = 365;

/** Who and what recorded an item. */
export interface Provenance {
  /** The recording component, e.g. "readiness-deployment-gate". */
  readonly recordedBy: string;
  /** What triggered it: a deployment event or a lifecycle hook invocation. */
  readonly trigger: "deployment-event" | "lifecycle-hook";
  readonly deploymentId?: string;
  readonly eventName?: string;
  readonly hookExecutionId?: string;
  /** The commit of the gate's code, when the deployment sets it (READINESS_COMMIT). */
  readonly commit?: string;
}

export interface RunRecord {
  readonly runId: string;
  /** Service ARN. */
  readonly service: string;
  /** Task definition ARN the run tested. */
  readonly revision: string;
  readonly verdict: Verdict;
  readonly reason: string;
  readonly startedAt: string;
  readonly run: SmokeRun;
  readonly provenance: Provenance;
}

export type RollbackMethod = "UpdateService" | "StopServiceDeployment";

/** The target of a StopServiceDeployment rollback: ECS returns to the deployment's source revision. */
export const ECS_NATIVE_TARGET = "ecs-native";

export interface RollbackRecord {
  readonly service: string;
  readonly fromRevision: string;
  /** Task definition ARN, or "ecs-native" when ECS picks the source revision (StopServiceDeployment). */
  readonly toRevision: string;
  readonly method: RollbackMethod;
  readonly requestedAt: string;
  readonly deploymentId: string;
  readonly provenance: Provenance;
}

/** How a revision of a service fared: counts of PASS and FAIL runs, and when it last passed (ISO 8601). */
export interface RevisionTally {
  readonly revision: string;
  readonly passes: number;
  readonly fails: number;
  readonly lastPassAt?: string;
}

/** A requested rollback not yet completed, with the key of its target record. */
export interface PendingRollback extends RollbackRecord {
  readonly key: { readonly pk: string; readonly sk: string };
}

export class GateRunsStore {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    dynamodb: DynamoDBClient,
    readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {
    this.documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  }

  async recordRun(record: RunRecord): Promise<void> {
    const key = serviceKey(record.service);
    const pass = record.verdict === "PASS";
    await Promise.all([
      this.guard(`record smoke run ${record.runId}`, () =>
        this.documents.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              pk: `SMOKE#${key}`,
              sk: `${record.startedAt}#${record.runId}`,
              gsi2pk: `SERVICE#${key}`,
              gsi2sk: `SMOKE#${record.startedAt}#${record.runId}`,
              kind: "SMOKE",
              ...record,
              expiresAt: this.expiry(RUN_HISTORY_DAYS),
            },
          }),
        ),
      ),
      // The revision's tally, so the loop guard reads one small item per revision, not every run.
      this.guard(`update the tally of ${record.revision}`, () =>
        this.documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: `REVISIONS#${key}`, sk: record.revision },
            UpdateExpression: `SET #revision = :revision, #kind = :kind${pass ? ", #lastPassAt = :at" : ""} ADD #passes :pass, #fails :fail`,
            ExpressionAttributeNames: {
              "#revision": "revision",
              "#kind": "kind",
              "#passes": "passes",
              "#fails": "fails",
              ...(pass ? { "#lastPassAt": "lastPassAt" } : {}),
            },
            ExpressionAttributeValues: {
              ":revision": record.revision,
              ":kind": "REVISION-TALLY",
              ":pass": pass ? 1 : 0,
              ":fail": record.verdict === "FAIL" ? 1 : 0,
              ...(pass ? { ":at": record.startedAt } : {}),
            },
          }),
        ),
      ),
    ]);
  }

  /** Smoke runs of a service, newest first (every page, or the first `limit`). */
  async runsOf(service: string, options: { revision?: string; limit?: number } = {}): Promise<RunRecord[]> {
    const runs: RunRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.guard(`query smoke runs of ${service}`, () =>
        this.documents.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: "pk = :pk",
            ExpressionAttributeValues: { ":pk": `SMOKE#${serviceKey(service)}` },
            ScanIndexForward: false,
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const run = runOf(item);
        if (run && (options.revision === undefined || run.revision === options.revision)) runs.push(run);
        if (options.limit !== undefined && runs.length >= options.limit) return runs;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return runs;
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
    const tallies: RevisionTally[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.guard(`query the revision tallies of ${service}`, () =>
        this.documents.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: "pk = :pk",
            ExpressionAttributeValues: { ":pk": `REVISIONS#${serviceKey(service)}` },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      for (const item of page.Items ?? [])
        if (typeof item.revision === "string")
          tallies.push({
            revision: item.revision,
            passes: Number(item.passes ?? 0),
            fails: Number(item.fails ?? 0),
            ...(typeof item.lastPassAt === "string" ? { lastPassAt: item.lastPassAt } : {}),
          });
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return tallies;
  }

  /** Automatic rollbacks away from a revision (at most one per service). */
  async rollbacksOf(revision: string): Promise<RollbackRecord[]> {
    const page = await this.guard(`query rollbacks of ${revision}`, () =>
      this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": `ROLLBACK#${revision}` },
          ConsistentRead: true,
        }),
      ),
    );
    return (page.Items ?? []).flatMap((item) => rollbackOf(item) ?? []);
  }

  /**
   * Claims the one automatic rollback of `fromRevision` (a PutItem written only when absent) and
   * records its target with status REQUESTED. False when the revision was already rolled back once.
   */
  async claimRollback(record: RollbackRecord): Promise<boolean> {
    const key = serviceKey(record.service);
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `ROLLBACK#${record.fromRevision}`,
            sk: key,
            gsi2pk: `SERVICE#${key}`,
            gsi2sk: `ROLLBACK#${record.requestedAt}`,
            kind: "ROLLBACK",
            status: "REQUESTED",
            ...record,
            expiresAt: this.expiry(ROLLBACK_HISTORY_DAYS),
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException") return false;
      throw new GateStoreError(`could not record the rollback of ${record.fromRevision}: ${message(error)}`, {
        cause: error,
      });
    }
  }

  /**
   * The rollback the gate requested to `revision` of `service` that no completion event has
   * consumed yet (an ECS-native rollback goes to a revision ECS picks, so it matches any revision).
   * Read from the service's rollbacks on gsi2: eventually consistent, which is enough because the
   * completion event of a rollback comes minutes after the request (ECS has to deploy it first).
   */
  async pendingRollbackTo(service: string, revision: string): Promise<PendingRollback | undefined> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.guard(`query the pending rollbacks of ${service}`, () =>
        this.documents.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: SERVICE_INDEX,
            KeyConditionExpression: "gsi2pk = :pk AND begins_with(gsi2sk, :kind)",
            FilterExpression: "#status = :requested AND (toRevision = :revision OR toRevision = :native)",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: {
              ":pk": `SERVICE#${serviceKey(service)}`,
              ":kind": "ROLLBACK#",
              ":requested": "REQUESTED",
              ":revision": revision,
              ":native": ECS_NATIVE_TARGET,
            },
            ScanIndexForward: false,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const record = rollbackOf(item);
        if (record) return { ...record, key: { pk: String(item.pk), sk: String(item.sk) } };
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return undefined;
  }

  /** Marks a pending rollback completed; false when another completion event took it first. */
  async completeRollback(pending: PendingRollback): Promise<boolean> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pending.key,
          UpdateExpression: "SET #status = :completed, completedAt = :at",
          ConditionExpression: "#status = :requested",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":completed": "COMPLETED",
            ":requested": "REQUESTED",
            ":at": new Date(this.now()).toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === "ConditionalCheckFailedException") return false;
      throw new GateStoreError(`could not mark the rollback to ${pending.toRevision} completed: ${message(error)}`, {
        cause: error,
      });
    }
  }

  /** Stores the outcome of one deployment event (the audit trail of the gate's decisions). */
  async recordOutcome(
    outcome: { service: string; eventName: string; deploymentId: string; at: string } & Record<string, unknown>,
  ): Promise<void> {
    const key = serviceKey(outcome.service);
    await this.guard(`record the outcome of ${outcome.deploymentId}`, () =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `OUTCOME#${key}`,
            sk: `${outcome.at}#${outcome.deploymentId}#${outcome.eventName}`,
            gsi2pk: `SERVICE#${key}`,
            gsi2sk: `DEPLOYMENT#${outcome.at}`,
            kind: "DEPLOYMENT",
            ...outcome,
            expiresAt: this.expiry(RUN_HISTORY_DAYS),
          },
        }),
      ),
    );
  }

  /** Outcomes recorded for a service, newest first. */
  async outcomesOf(service: string, limit = 50): Promise<Record<string, unknown>[]> {
    const page = await this.guard(`query outcomes of ${service}`, () =>
      this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": `OUTCOME#${serviceKey(service)}` },
          ScanIndexForward: false,
          ConsistentRead: true,
          Limit: limit,
        }),
      ),
    );
    return page.Items ?? [];
  }

  private expiry(days: number): number {
    return Math.floor(this.now() / 1000) + days * 86_400;
  }

  private async guard<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new GateStoreError(`could not ${what} in ${this.tableName}: ${message(error)}`, { cause: error });
    }
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

/** `<cluster>/<service>` of a service ARN: the key part every gate record of the service shares. */
export const serviceKey = (serviceArn: string): string => {
  const { cluster, service } = serviceNamesOf(serviceArn);
  return `${cluster}/${service}`;
};

const message = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

const runOf = (item: Record<string, unknown>): RunRecord | undefined => {
  const { runId, service, revision, verdict, reason, startedAt, run, provenance } = item;
  if (typeof runId !== "string" || typeof service !== "string" || typeof revision !== "string") return undefined;
  if (verdict !== "PASS" && verdict !== "FAIL" && verdict !== "INCONCLUSIVE") return undefined;
  return {
    runId,
    service,
    revision,
    verdict,
    reason: typeof reason === "string" ? reason : "",
    startedAt: typeof startedAt === "string" ? startedAt : "",
    run: run as SmokeRun,
    provenance: provenance as Provenance,
  };
};

const rollbackOf = (item: Record<string, unknown>): RollbackRecord | undefined => {
  const { service, fromRevision, toRevision, method, requestedAt, deploymentId, provenance } = item;
  if (typeof service !== "string" || typeof fromRevision !== "string" || typeof toRevision !== "string")
    return undefined;
  return {
    service,
    fromRevision,
    toRevision,
    method: method === "StopServiceDeployment" ? "StopServiceDeployment" : "UpdateService",
    requestedAt: typeof requestedAt === "string" ? requestedAt : "",
    deploymentId: typeof deploymentId === "string" ? deploymentId : "",
    provenance: provenance as Provenance,
  };
};
