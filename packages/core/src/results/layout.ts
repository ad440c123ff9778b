import { serviceNamesOf } from "../model/ecs-arn";

/**
 * The results table's layout: the one place that says how every record is keyed, which index it
 * joins and when it expires. Single-table design, string keys `pk` / `sk`; the secondary indexes
 * are overloaded, so an item is in an index only when it carries that index's key attributes.
 * stacks/Storage.ts builds the table from these names, the stores read and write through them.
 *
 * | record                | pk                                  | sk                                   | index (keys)                                        | kind attribute         | TTL      |
 * |-----------------------|-------------------------------------|--------------------------------------|-----------------------------------------------------|------------------------|----------|
 * | evaluation history    | `EVAL#<item>#<resource id>`         | `<evaluatedAt>`                      | none                                                | none                   | 90 days  |
 * | evaluation latest     | `EVAL#<item>#<resource id>`         | `latest`                             | gsi1: `EVAL#<item>`, `<resource type>#<resource id>` | none                   | never    |
 * | smoke run             | `SMOKE#<cluster>/<service>`         | `<startedAt>#<runId>`                | gsi2: `SERVICE#…`, `SMOKE#<startedAt>#<runId>`      | SMOKE                  | 90 days  |
 * | revision tally        | `REVISIONS#<cluster>/<service>`     | `<revision>`                         | none                                                | REVISION-TALLY         | never    |
 * | rollback              | `ROLLBACK#<from revision>`          | `<cluster>/<service>`                | gsi2: `SERVICE#…`, `ROLLBACK#<requestedAt>`         | ROLLBACK               | 365 days |
 * | deployment outcome    | `OUTCOME#<cluster>/<service>`       | `<at>#<deploymentId>#<eventName>`    | gsi2: `SERVICE#…`, `DEPLOYMENT#<at>`                | DEPLOYMENT             | 90 days  |
 * | hook state            | `HOOK#<execution>`                  | `state`                              | none                                                | HOOK-STATE             | 7 days   |
 * | gate dead letter      | `GATE-DEADLETTER`                   | `<messageId>`                        | gsi2 when the service is known: `DEADLETTER#<at>`   | DEADLETTER             | 90 days  |
 * | evaluator dead letter | `EVALUATOR-DEADLETTER`              | `<messageId>`                        | none                                                | EVALUATOR-DEADLETTER   | 90 days  |
 * | evidence              | `EVIDENCE#<cluster>/<service>#<item>` | `<recordedAt>#<evidenceId>`        | gsi2: `SERVICE#…`, `EVIDENCE#<recordedAt>`          | EVIDENCE               | —        |
 * | document verdict      | `DOCUMENT#<cluster>/<service>#<item>` | `<publishedAt>`                    | gsi2: `SERVICE#…`, `DOCUMENT#<publishedAt>`         | DOCUMENT               | —        |
 *
 * Evidence and document verdicts have keys and no store yet: their validity windows come with them.
 */

/** The primary key. */
export const RESULTS_KEY = { partitionKey: "pk", sortKey: "sk" } as const;

export const RESULTS_INDEXES = {
  /**
   * Latest evaluation of each item × resource: only the `latest` row of an evaluation carries
   * `gsi1pk = EVAL#<item-id>` and `gsi1sk = <resource-type>#<resource-id>`, so one Query lists an
   * item's latest verdict for every resource (the scheduled run compares it with what still exists).
   */
  latestEvaluationByItem: { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
  /**
   * Deployments, smoke runs and evidence of a service, newest first:
   * `gsi2pk = SERVICE#<cluster>/<service>`, `gsi2sk = <KIND>#<ISO-8601 time>`; Query with
   * `ScanIndexForward: false` (and `begins_with(gsi2sk, "DEPLOYMENT#")` for one kind).
   */
  byServiceNewestFirst: { name: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
} as const;

/** TTL attribute (epoch seconds): records whose history is bounded expire on their own. */
export const RESULTS_TTL_ATTRIBUTE = "expiresAt";

/** The `kind` attribute of each record that carries one (evaluations carry none). */
export const RECORD_KIND = {
  smokeRun: "SMOKE",
  revisionTally: "REVISION-TALLY",
  rollback: "ROLLBACK",
  deploymentOutcome: "DEPLOYMENT",
  hookState: "HOOK-STATE",
  gateDeadLetter: "DEADLETTER",
  evaluatorDeadLetter: "EVALUATOR-DEADLETTER",
  evidence: "EVIDENCE",
  document: "DOCUMENT",
} as const;
export type RecordKind = (typeof RECORD_KIND)[keyof typeof RECORD_KIND];

/** How long each bounded record is kept (DynamoDB TTL removes older items); the others never expire. */
export const RETENTION_DAYS = {
  evaluationHistory: 90,
  smokeRun: 90,
  deploymentOutcome: 90,
  rollback: 365,
  hookState: 7,
  gateDeadLetter: 90,
  /** As long as evaluation history. */
  evaluatorDeadLetter: 90,
} as const;

/** The TTL value of a record written at `fromMs` and kept `days` days. */
export const expiresAt = (fromMs: number, days: number): number => Math.floor(fromMs / 1000) + days * 86_400;

/** The TTL attribute of a bounded record written at `fromMs`: kept its retention, or `days`. */
export const expiryOf = (
  record: keyof typeof RETENTION_DAYS,
  fromMs: number,
  days: number = RETENTION_DAYS[record],
): { readonly [RESULTS_TTL_ATTRIBUTE]: number } => ({ [RESULTS_TTL_ATTRIBUTE]: expiresAt(fromMs, days) });

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** The gsi2 keys: one service's records, newest first. */
export interface ServiceTimelineKey {
  readonly gsi2pk: string;
  readonly gsi2sk: string;
}

/** The gsi1 keys: the latest evaluation of an item × resource. */
export interface LatestEvaluationKey {
  readonly gsi1pk: string;
  readonly gsi1sk: string;
}

/** `<cluster>/<service>` of a service ARN: the key part every record of the service shares. */
export const serviceKey = (serviceArn: string): string => {
  const { cluster, service } = serviceNamesOf(serviceArn);
  return `${cluster}/${service}`;
};

const timeline = (serviceArn: string, kind: RecordKind, sortKey: string): ServiceTimelineKey => ({
  gsi2pk: `SERVICE#${serviceKey(serviceArn)}`,
  gsi2sk: `${kind}#${sortKey}`,
});

/** Every record's keys, by record. Partitions are the `pk` a Query reads. */
export const resultsKeys = {
  evaluations: (itemId: string, resourceId: string): string => `EVAL#${itemId}#${resourceId}`,
  evaluationHistory: (itemId: string, resourceId: string, evaluatedAt: string): ItemKey => ({
    pk: resultsKeys.evaluations(itemId, resourceId),
    sk: evaluatedAt,
  }),
  evaluationLatest: (itemId: string, resourceId: string): ItemKey => ({
    pk: resultsKeys.evaluations(itemId, resourceId),
    sk: LATEST_EVALUATION_SK,
  }),
  latestEvaluationsOfItem: (itemId: string): string => `EVAL#${itemId}`,
  latestEvaluationIndex: (itemId: string, resourceType: string, resourceId: string): LatestEvaluationKey => ({
    gsi1pk: resultsKeys.latestEvaluationsOfItem(itemId),
    gsi1sk: `${resourceType}#${resourceId}`,
  }),

  smokeRuns: (serviceArn: string): string => `SMOKE#${serviceKey(serviceArn)}`,
  smokeRun: (serviceArn: string, startedAt: string, runId: string): ItemKey & ServiceTimelineKey => ({
    pk: resultsKeys.smokeRuns(serviceArn),
    sk: `${startedAt}#${runId}`,
    ...timeline(serviceArn, RECORD_KIND.smokeRun, `${startedAt}#${runId}`),
  }),

  revisionTallies: (serviceArn: string): string => `REVISIONS#${serviceKey(serviceArn)}`,
  revisionTally: (serviceArn: string, revision: string): ItemKey => ({
    pk: resultsKeys.revisionTallies(serviceArn),
    sk: revision,
  }),

  rollbacksFrom: (revision: string): string => `ROLLBACK#${revision}`,
  rollback: (serviceArn: string, fromRevision: string, requestedAt: string): ItemKey & ServiceTimelineKey => ({
    pk: resultsKeys.rollbacksFrom(fromRevision),
    sk: serviceKey(serviceArn),
    ...timeline(serviceArn, RECORD_KIND.rollback, requestedAt),
  }),

  deploymentOutcomes: (serviceArn: string): string => `OUTCOME#${serviceKey(serviceArn)}`,
  deploymentOutcome: (
    serviceArn: string,
    at: string,
    deploymentId: string,
    eventName: string,
  ): ItemKey & ServiceTimelineKey => ({
    pk: resultsKeys.deploymentOutcomes(serviceArn),
    sk: `${at}#${deploymentId}#${eventName}`,
    ...timeline(serviceArn, RECORD_KIND.deploymentOutcome, at),
  }),

  hookState: (executionKey: string): ItemKey => ({ pk: `HOOK#${executionKey}`, sk: "state" }),

  /** sk of a dead letter is its message id: a redelivered dead letter overwrites itself. */
  gateDeadLetters: "GATE-DEADLETTER",
  /** On the service's timeline only when the dead letter names a service. */
  gateDeadLetter: (
    messageId: string,
    service?: { arn: string; at: string },
  ): ItemKey & Partial<ServiceTimelineKey> => ({
    pk: resultsKeys.gateDeadLetters,
    sk: messageId,
    ...(service ? timeline(service.arn, RECORD_KIND.gateDeadLetter, service.at) : {}),
  }),

  evaluatorDeadLetters: "EVALUATOR-DEADLETTER",
  evaluatorDeadLetter: (messageId: string): ItemKey => ({ pk: resultsKeys.evaluatorDeadLetters, sk: messageId }),

  evidenceOf: (serviceArn: string, itemId: string): string => `EVIDENCE#${serviceKey(serviceArn)}#${itemId}`,
  evidence: (
    serviceArn: string,
    itemId: string,
    recordedAt: string,
    evidenceId: string,
  ): ItemKey & ServiceTimelineKey => ({
    pk: resultsKeys.evidenceOf(serviceArn, itemId),
    sk: `${recordedAt}#${evidenceId}`,
    ...timeline(serviceArn, RECORD_KIND.evidence, recordedAt),
  }),

  documentsOf: (serviceArn: string, itemId: string): string => `DOCUMENT#${serviceKey(serviceArn)}#${itemId}`,
  document: (serviceArn: string, itemId: string, publishedAt: string): ItemKey & ServiceTimelineKey => ({
    pk: resultsKeys.documentsOf(serviceArn, itemId),
    sk: publishedAt,
    ...timeline(serviceArn, RECORD_KIND.document, publishedAt),
  }),
} as const;

/** The sort key of an evaluation's latest row; history rows sort before it (ISO timestamps < "latest"). */
export const LATEST_EVALUATION_SK = "latest";

/** A DynamoDB expression with its placeholders (`#name`, `:value`). */
export interface Expression {
  readonly expression: string;
  readonly names?: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, unknown>>;
}

/** One Query: a key condition on the table or an index, an optional filter, the order and the read mode. */
export interface ItemQuery {
  readonly index?: string;
  readonly keyCondition: Expression;
  readonly filter?: Expression;
  /** Descending sort key (`ScanIndexForward: false`). */
  readonly newestFirst?: boolean;
  /** Strongly consistent (the table only: indexes are eventually consistent). */
  readonly consistent?: boolean;
  /** Items per page (DynamoDB's `Limit`). */
  readonly pageSize?: number;
}

/** The queries the stores run, by access pattern. */
export const resultsQueries = {
  /** Every item of one partition of the table. */
  partition: (pk: string, options: Omit<ItemQuery, "keyCondition" | "index"> = {}): ItemQuery => ({
    keyCondition: { expression: "pk = :pk", values: { ":pk": pk } },
    ...options,
  }),
  /** An evaluation's history rows (not its latest row), newest first. */
  evaluationHistory: (itemId: string, resourceId: string, pageSize: number): ItemQuery => ({
    keyCondition: {
      expression: "pk = :pk AND sk < :latest",
      values: { ":pk": resultsKeys.evaluations(itemId, resourceId), ":latest": LATEST_EVALUATION_SK },
    },
    newestFirst: true,
    pageSize,
  }),
  /** The latest evaluation of every resource of an item (gsi1). */
  latestEvaluationsOfItem: (itemId: string): ItemQuery => ({
    index: RESULTS_INDEXES.latestEvaluationByItem.name,
    keyCondition: { expression: "gsi1pk = :pk", values: { ":pk": resultsKeys.latestEvaluationsOfItem(itemId) } },
  }),
  /** One kind of a service's records, newest first (gsi2, eventually consistent). */
  serviceTimeline: (serviceArn: string, kind: RecordKind, filter?: Expression): ItemQuery => ({
    index: RESULTS_INDEXES.byServiceNewestFirst.name,
    keyCondition: {
      expression: "gsi2pk = :pk AND begins_with(gsi2sk, :kind)",
      values: { ":pk": `SERVICE#${serviceKey(serviceArn)}`, ":kind": `${kind}#` },
    },
    ...(filter ? { filter } : {}),
    newestFirst: true,
  }),
} as const;

/**
 * The table's definition as CreateTable takes it (on-demand; every key attribute a string; each
 * index projects everything), with its TTL attribute: for the emulator, the demo and the tests;
 * stacks/Storage.ts declares the same keys through SST.
 */
export const resultsTableDefinition = (tableName: string) => {
  const indexes = Object.values(RESULTS_INDEXES);
  const attributes = [RESULTS_KEY, ...indexes].flatMap((key) => [key.partitionKey, key.sortKey]);
  return {
    table: {
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST" as const,
      AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: "S" as const })),
      KeySchema: keySchema(RESULTS_KEY),
      GlobalSecondaryIndexes: indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index),
        Projection: { ProjectionType: "ALL" as const },
      })),
    },
    ttlAttribute: RESULTS_TTL_ATTRIBUTE,
  };
};

const keySchema = (key: { readonly partitionKey: string; readonly sortKey: string }) => [
  { AttributeName: key.partitionKey, KeyType: "HASH" as const },
  { AttributeName: key.sortKey, KeyType: "RANGE" as const },
];
