import { EVALUATIONS_INDEX } from "@readiness/core/results/evaluations";
import { RemovalPolicy } from "aws-cdk-lib";
import { type StackContext, Table } from "sst/constructs";
import { retainCustomResourceHandlerLogs } from "./support/log-retention";
import { isEphemeralStage } from "./support/stage";

/**
 * The results table's secondary indexes (overloaded, single-table design). Items opt in by
 * carrying the index's key attributes, so each index holds only the items of its access pattern.
 */
export const RESULTS_INDEXES = {
  /**
   * Latest evaluation of each item × resource (the results store's `EVALUATIONS_INDEX`): only
   * the `latest` row of an evaluation carries `gsi1pk = EVAL#<item-id>` and
   * `gsi1sk = <resource-type>#<resource-id>`, so one Query lists an item's latest verdict for
   * every resource.
   */
  latestEvaluationByItem: { name: EVALUATIONS_INDEX, partitionKey: "gsi1pk", sortKey: "gsi1sk" },
  /**
   * Deployments, smoke runs and evidence of a service, newest first:
   * `gsi2pk = SERVICE#<cluster>/<service>`, `gsi2sk = <KIND>#<ISO-8601 time>`; Query with
   * `ScanIndexForward: false` (and `begins_with(gsi2sk, "DEPLOYMENT#")` for one kind).
   */
  byServiceNewestFirst: { name: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
} as const;

/** TTL attribute of the results table (epoch seconds): bounded history (snapshots, smoke runs) expires. */
export const RESULTS_TTL_ATTRIBUTE = "expiresAt";

/** Powertools idempotency layout: partition key `id`, TTL attribute `expiration` (its defaults). */
export const IDEMPOTENCY_KEY = "id";
export const IDEMPOTENCY_TTL_ATTRIBUTE = "expiration";

export function Storage({ stack, app }: StackContext) {
  const keep = !isEphemeralStage(app.stage);
  const durability = {
    // SST sets the deprecated `pointInTimeRecovery`; CDK refuses it next to the specification.
    pointInTimeRecovery: undefined,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: keep,
    removalPolicy: keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  };
  const { latestEvaluationByItem, byServiceNewestFirst } = RESULTS_INDEXES;

  const resultsTable = new Table(stack, "Results", {
    fields: { pk: "string", sk: "string", gsi1pk: "string", gsi1sk: "string", gsi2pk: "string", gsi2sk: "string" },
    primaryIndex: { partitionKey: "pk", sortKey: "sk" },
    globalIndexes: {
      [latestEvaluationByItem.name]: {
        partitionKey: latestEvaluationByItem.partitionKey,
        sortKey: latestEvaluationByItem.sortKey,
      },
      [byServiceNewestFirst.name]: {
        partitionKey: byServiceNewestFirst.partitionKey,
        sortKey: byServiceNewestFirst.sortKey,
      },
    },
    timeToLiveAttribute: RESULTS_TTL_ATTRIBUTE,
    cdk: { table: durability },
  });

  const idempotencyTable = new Table(stack, "Idempotency", {
    fields: { [IDEMPOTENCY_KEY]: "string" },
    primaryIndex: { partitionKey: IDEMPOTENCY_KEY },
    timeToLiveAttribute: IDEMPOTENCY_TTL_ATTRIBUTE,
    cdk: { table: durability },
  });

  retainCustomResourceHandlerLogs(stack);
  stack.addOutputs({ ResultsTableName: resultsTable.tableName, IdempotencyTableName: idempotencyTable.tableName });
  return { resultsTable, idempotencyTable };
}
