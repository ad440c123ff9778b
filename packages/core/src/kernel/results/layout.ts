import { serviceNamesOf } from "../ecs-arn";

/**
 * The results table's layout: the one place that says how every record is keyed, which index it
 * joins and when it expires. Single-table design, string keys `pk` / `sk`; the secondary indexes
 * are overloaded, so an item is in an index only when it carries that index's key attributes.
 * stacks/Storage.ts builds the table from these names, the stores read and write through them.
 *
 * | record                | pk                                    | sk                                | index (keys)                                         | kind attribute       | TTL      |
 * |-----------------------|---------------------------------------|-----------------------------------|------------------------------------------------------|----------------------|----------|
 * | evaluation history    | `EVAL#<item>#<resource id>`           | `<evaluatedAt>`                   | none                                                 | none                 | 90 days  |
 * | evaluation latest     | `EVAL#<item>#<resource id>`           | `latest`                          | gsi1: `EVAL#<item>`, `<resource type>#<resource id>` | none                 | never    |
 * | smoke run             | `SMOKE#<cluster>/<service>`           | `<startedAt>#<runId>`             | gsi2: `SERVICE#…`, `SMOKE#<startedAt>#<runId>`       | SMOKE                | 90 days  |
 * | revision tally        | `REVISIONS#<cluster>/<service>`       | `<revision>`                      | none                                                 | REVISION-TALLY       | never    |
 * | rollback              | `ROLLBACK#<from revision>`            | `<cluster>/<service>`             | gsi2: `SERVICE#…`, `ROLLBACK#<requestedAt>`          | ROLLBACK             | 365 days |
 * | deployment outcome    | `OUTCOME#<cluster>/<service>`         | `<at>#<deploymentId>#<eventName>` | gsi2: `SERVICE#…`, `DEPLOYMENT#<at>`                 | DEPLOYMENT           | 90 days  |
 * | hook state            | `HOOK#<execution>`                    | `state`                           | none                                                 | HOOK-STATE           | 7 days   |
 * | gate dead letter      | `GATE-DEADLETTER`                     | `<messageId>`                     | gsi2 when the service is known: `DEADLETTER#<at>`    | DEADLETTER           | 90 days  |
 * | evaluator dead letter | `EVALUATOR-DEADLETTER`                | `<messageId>`                     | none                                                 | EVALUATOR-DEADLETTER | 90 days  |
 * | nightly dead letter   | `NIGHTLY-DEADLETTER`                  | `<messageId>`                     | none                                                 | NIGHTLY-DEADLETTER   | 90 days  |
 * | evidence              | `EVIDENCE#<cluster>/<service>#<item>` | `<recordedAt>#<evidenceId>`       | gsi2: `SERVICE#…`, `EVIDENCE#<recordedAt>`           | EVIDENCE             | —        |
 * | document verdict      | `DOCUMENT#<cluster>/<service>#<item>` | `<publishedAt>`                   | gsi2: `SERVICE#…`, `DOCUMENT#<publishedAt>`          | DOCUMENT             | —        |
 * | nightly snapshot      | `SNAPSHOT#<cluster>/<service>`        | `<date YYYY-MM-DD>`               | none                                                 | SNAPSHOT             | 400 days |
 *
 * Evidence and document verdicts are kept (no TTL): the newest decides, and the reader judges its
 * age (evidence against the item's validityDays, a document verdict against the validity it was
 * published with).
 * A snapshot is one service's verdict on every checklist item on one day (the nightly run); its sort
 * key is the date, so a second run on the same day replaces that day's snapshot. Its own partition
 * is the service's history, oldest to newest: no index is needed to read it.
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
  nightlyDeadLetter: "NIGHTLY-DEADLETTER",
  evidence: "EVIDENCE",
  document: "DOCUMENT",
  snapshot: "SNAPSHOT",
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
  nightlyDeadLetter: 90,
  /** A year of nightly snapshots and a month more: a year-on-year comparison always finds its day. */
  snapshot: 400,
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

// Each record's keys: `…Partition` is the `pk` a Query reads, `…Key` the whole key of one item with
// the index keys it carries. Plain functions, not one object: a function's bundle keeps only those it uses.

export const evaluationPartition = (itemId: string, resourceId: string): string => `EVAL#${itemId}#${resourceId}`;
export const evaluationHistoryKey = (itemId: string, resourceId: string, evaluatedAt: string): ItemKey => ({
  pk: evaluationPartition(itemId, resourceId),
  sk: evaluatedAt,
});
/** The sort key of an evaluation's latest row; history rows sort before it (ISO timestamps < "latest"). */
export const LATEST_EVALUATION_SK = "latest";
export const latestEvaluationsPartition = (itemId: string): string => `EVAL#${itemId}`;
/** The latest row of an item × resource, the only evaluation row in the latest-evaluation index. */
export const evaluationLatestKey = (
  itemId: string,
  resourceType: string,
  resourceId: string,
): ItemKey & LatestEvaluationKey => ({
  pk: evaluationPartition(itemId, resourceId),
  sk: LATEST_EVALUATION_SK,
  gsi1pk: latestEvaluationsPartition(itemId),
  gsi1sk: `${resourceType}#${resourceId}`,
});

export const smokeRunPartition = (serviceArn: string): string => `SMOKE#${serviceKey(serviceArn)}`;
export const smokeRunKey = (serviceArn: string, startedAt: string, runId: string): ItemKey & ServiceTimelineKey => ({
  pk: smokeRunPartition(serviceArn),
  sk: `${startedAt}#${runId}`,
  ...timeline(serviceArn, RECORD_KIND.smokeRun, `${startedAt}#${runId}`),
});

export const revisionTallyPartition = (serviceArn: string): string => `REVISIONS#${serviceKey(serviceArn)}`;
export const revisionTallyKey = (serviceArn: string, revision: string): ItemKey => ({
  pk: revisionTallyPartition(serviceArn),
  sk: revision,
});

/** Rollbacks away from a revision: the partition is the revision, so one claim per revision and service. */
export const rollbackPartition = (fromRevision: string): string => `ROLLBACK#${fromRevision}`;
export const rollbackKey = (
  serviceArn: string,
  fromRevision: string,
  requestedAt: string,
): ItemKey & ServiceTimelineKey => ({
  pk: rollbackPartition(fromRevision),
  sk: serviceKey(serviceArn),
  ...timeline(serviceArn, RECORD_KIND.rollback, requestedAt),
});

export const deploymentOutcomePartition = (serviceArn: string): string => `OUTCOME#${serviceKey(serviceArn)}`;
export const deploymentOutcomeKey = (
  serviceArn: string,
  at: string,
  deploymentId: string,
  eventName: string,
): ItemKey & ServiceTimelineKey => ({
  pk: deploymentOutcomePartition(serviceArn),
  sk: `${at}#${deploymentId}#${eventName}`,
  ...timeline(serviceArn, RECORD_KIND.deploymentOutcome, at),
});

export const hookStateKey = (executionKey: string): ItemKey => ({ pk: `HOOK#${executionKey}`, sk: "state" });

// A dead letter's sort key is its message id: a redelivered dead letter overwrites itself.
export const GATE_DEAD_LETTER_PARTITION = "GATE-DEADLETTER";
/** On the service's timeline only when the dead letter names a service. */
export const gateDeadLetterKey = (
  messageId: string,
  service?: { readonly arn: string; readonly at: string },
): ItemKey & Partial<ServiceTimelineKey> => ({
  pk: GATE_DEAD_LETTER_PARTITION,
  sk: messageId,
  ...(service ? timeline(service.arn, RECORD_KIND.gateDeadLetter, service.at) : {}),
});
export const EVALUATOR_DEAD_LETTER_PARTITION = "EVALUATOR-DEADLETTER";
export const evaluatorDeadLetterKey = (messageId: string): ItemKey => ({
  pk: EVALUATOR_DEAD_LETTER_PARTITION,
  sk: messageId,
});

export const NIGHTLY_DEAD_LETTER_PARTITION = "NIGHTLY-DEADLETTER";
export const nightlyDeadLetterKey = (messageId: string): ItemKey => ({
  pk: NIGHTLY_DEAD_LETTER_PARTITION,
  sk: messageId,
});

/** Evidence of an item for a service, newest first (the store: evidence.ts). */
export const evidencePartition = (serviceArn: string, itemId: string): string =>
  `EVIDENCE#${serviceKey(serviceArn)}#${itemId}`;
export const evidenceKey = (
  serviceArn: string,
  itemId: string,
  recordedAt: string,
  evidenceId: string,
): ItemKey & ServiceTimelineKey => ({
  pk: evidencePartition(serviceArn, itemId),
  sk: `${recordedAt}#${evidenceId}`,
  ...timeline(serviceArn, RECORD_KIND.evidence, recordedAt),
});

/**
 * Published document verdicts of an item for a service, newest first (`readiness publish`; the
 * store: documents.ts). Keyed by `<cluster>/<service>`: CI names the services by readiness.yml's
 * cluster and service, the live runs and the Config evaluator by their ARNs (serviceKey).
 */
export const documentPartitionOf = (service: string, itemId: string): string => `DOCUMENT#${service}#${itemId}`;
export const documentPartition = (serviceArn: string, itemId: string): string =>
  documentPartitionOf(serviceKey(serviceArn), itemId);
export const documentKeyOf = (service: string, itemId: string, publishedAt: string): ItemKey & ServiceTimelineKey => ({
  pk: documentPartitionOf(service, itemId),
  sk: publishedAt,
  gsi2pk: `SERVICE#${service}`,
  gsi2sk: `${RECORD_KIND.document}#${publishedAt}`,
});
export const documentKey = (serviceArn: string, itemId: string, publishedAt: string): ItemKey & ServiceTimelineKey =>
  documentKeyOf(serviceKey(serviceArn), itemId, publishedAt);
/** The newest published verdict of an item for a service. */
export const latestDocumentQuery = (service: string, itemId: string): ItemQuery => ({
  keyCondition: { expression: "pk = :pk", values: { ":pk": documentPartitionOf(service, itemId) } },
  newestFirst: true,
  consistent: true,
  pageSize: 1,
});

/** A service by name: what `readiness history --service --cluster` knows, where the functions have the ARN. */
export interface ServiceName {
  readonly cluster: string;
  readonly service: string;
}

const serviceKeyOf = (service: string | ServiceName): string =>
  typeof service === "string" ? serviceKey(service) : `${service.cluster}/${service.service}`;

/** One service's nightly snapshots, one per day (the sort key is the UTC date). */
export const snapshotPartition = (service: string | ServiceName): string => `SNAPSHOT#${serviceKeyOf(service)}`;
export const snapshotKey = (service: string | ServiceName, date: string): ItemKey => ({
  pk: snapshotPartition(service),
  sk: date,
});

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

// The queries the stores run, by access pattern.

/** Every item of one partition of the table. */
export const partitionQuery = (pk: string, options: Omit<ItemQuery, "keyCondition" | "index"> = {}): ItemQuery => ({
  keyCondition: { expression: "pk = :pk", values: { ":pk": pk } },
  ...options,
});

/** An evaluation's history rows (not its latest row), newest first. */
export const evaluationHistoryQuery = (itemId: string, resourceId: string, pageSize: number): ItemQuery => ({
  keyCondition: {
    expression: "pk = :pk AND sk < :latest",
    values: { ":pk": evaluationPartition(itemId, resourceId), ":latest": LATEST_EVALUATION_SK },
  },
  newestFirst: true,
  pageSize,
});

/**
 * A service's snapshots, newest first: all of them, those of the days before `before` (the
 * previous snapshot of a run), or those from `since` on (`readiness history --days`).
 */
export const snapshotsQuery = (
  service: string | ServiceName,
  range: { readonly before?: string; readonly since?: string } = {},
): ItemQuery => {
  const bound = range.before
    ? { expression: " AND sk < :date", values: { ":date": range.before } }
    : range.since
      ? { expression: " AND sk >= :date", values: { ":date": range.since } }
      : { expression: "", values: {} };
  return {
    keyCondition: {
      expression: `pk = :pk${bound.expression}`,
      values: { ":pk": snapshotPartition(service), ...bound.values },
    },
    newestFirst: true,
    consistent: true,
  };
};

/** The latest evaluation of every resource of an item (gsi1). */
export const latestEvaluationsQuery = (itemId: string): ItemQuery => ({
  index: RESULTS_INDEXES.latestEvaluationByItem.name,
  keyCondition: { expression: "gsi1pk = :pk", values: { ":pk": latestEvaluationsPartition(itemId) } },
});

/** One kind of a service's records, newest first (gsi2, eventually consistent). */
export const serviceTimelineQuery = (serviceArn: string, kind: RecordKind, filter?: Expression): ItemQuery => ({
  index: RESULTS_INDEXES.byServiceNewestFirst.name,
  keyCondition: {
    expression: "gsi2pk = :pk AND begins_with(gsi2sk, :kind)",
    values: { ":pk": `SERVICE#${serviceKey(serviceArn)}`, ":kind": `${kind}#` },
  },
  ...(filter ? { filter } : {}),
  newestFirst: true,
});

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
