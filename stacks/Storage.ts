import { RESULTS_INDEXES, RESULTS_KEY, RESULTS_TTL_ATTRIBUTE } from "@readiness/core/kernel/results/layout";
import { RemovalPolicy } from "aws-cdk-lib";
import { type StackContext, Table } from "sst/constructs";
import { retainCustomResourceHandlerLogs } from "./support/log-retention";
import { isEphemeralStage } from "./support/stage";

/**
 * The results table's keys, secondary indexes (overloaded, single-table design) and TTL attribute
 * come from the module that owns its layout (packages/core/src/kernel/results/layout.ts): the stores
 * write the same names the table declares.
 */
export { RESULTS_INDEXES, RESULTS_TTL_ATTRIBUTE };

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
    fields: Object.fromEntries(
      [RESULTS_KEY, latestEvaluationByItem, byServiceNewestFirst].flatMap((key) => [
        [key.partitionKey, "string" as const],
        [key.sortKey, "string" as const],
      ]),
    ),
    primaryIndex: { partitionKey: RESULTS_KEY.partitionKey, sortKey: RESULTS_KEY.sortKey },
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
