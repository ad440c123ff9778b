import * as z from "../../kernel/validation/zod";

type Range = "positive" | "nonnegative" | "share" | "boolean";

interface AssumptionSpec {
  readonly default: number | boolean;
  readonly unit: string;
  readonly range: Range;
  readonly meaning: string;
}

/**
 * The assumptions of a cost estimate: what the inventory cannot say (traffic, sizes, log volume),
 * and the stand-ins for what it did not say (a task definition without Cpu). Declared once here:
 * readiness.yml's `cost:` schema, its JSON Schema descriptions, the estimate's list of assumptions
 * and docs/cost.md all come from this table.
 */
export const COST_ASSUMPTIONS = {
  requestsPerSecond: {
    default: 10,
    unit: "requests/s",
    range: "positive",
    meaning: "average API requests per second over the month",
  },
  messagesPerRequest: {
    default: 1,
    unit: "messages",
    range: "nonnegative",
    meaning: "queue messages each API request sends (each is consumed by a worker)",
  },
  messageSizeKb: {
    default: 4,
    unit: "KB",
    range: "positive",
    meaning: "size of a queue message: SQS bills each 64 KB chunk of a payload as a request",
  },
  deadLetterShare: {
    default: 0.001,
    unit: "share",
    range: "share",
    meaning: "share of a queue's messages that end in its dead-letter queue",
  },
  receiveWaitSeconds: {
    default: 20,
    unit: "s",
    range: "positive",
    meaning: "long-polling wait of each consumer task's ReceiveMessage call: every wait is a billed request",
  },
  taskCount: {
    default: 1,
    unit: "tasks",
    range: "positive",
    meaning: "tasks of an ECS service whose DesiredCount is unknown",
  },
  taskVcpu: {
    default: 0.25,
    unit: "vCPU",
    range: "positive",
    meaning: "vCPU of a task whose task definition gives no Cpu",
  },
  taskMemoryGb: {
    default: 0.5,
    unit: "GB",
    range: "positive",
    meaning: "memory of a task whose task definition gives no Memory",
  },
  readsPerRequest: {
    default: 1,
    unit: "reads",
    range: "nonnegative",
    meaning: "reads of each on-demand DynamoDB table per API request",
  },
  writesPerRequest: {
    default: 1,
    unit: "writes",
    range: "nonnegative",
    meaning: "writes to each on-demand DynamoDB table per API request",
  },
  itemSizeKb: {
    default: 1,
    unit: "KB",
    range: "positive",
    meaning: "size of a DynamoDB item read or written: a write unit covers 1 KB, a read unit 4 KB",
  },
  stronglyConsistentReads: {
    default: true,
    unit: "",
    range: "boolean",
    meaning: "DynamoDB reads are strongly consistent (false: eventually consistent, half the read units)",
  },
  tableStorageGb: {
    default: 1,
    unit: "GB",
    range: "nonnegative",
    meaning: "data stored in each DynamoDB table, its indexes included",
  },
  requestKb: {
    default: 2,
    unit: "KB",
    range: "nonnegative",
    meaning: "size of a request through the load balancer",
  },
  responseKb: {
    default: 4,
    unit: "KB",
    range: "nonnegative",
    meaning: "size of a response through the load balancer",
  },
  requestsPerConnection: {
    default: 1,
    unit: "requests",
    range: "positive",
    meaning: "requests a client sends on one connection to the load balancer (1: a new connection each)",
  },
  connectionSeconds: {
    default: 5,
    unit: "s",
    range: "positive",
    meaning: "how long a client connection to the load balancer stays open",
  },
  logBytesPerRequest: {
    default: 1024,
    unit: "bytes",
    range: "nonnegative",
    meaning: "log bytes an ECS service writes per request or message it handles",
  },
  otherLogGbPerMonth: {
    default: 1,
    unit: "GB",
    range: "nonnegative",
    meaning: "GB ingested each month by a log group no ECS service writes to (VPC flow logs, say)",
  },
  neverExpireLogMonths: {
    default: 12,
    unit: "months",
    range: "positive",
    meaning: "months of logs a log group without a retention holds",
  },
  customMetricsPerService: {
    default: 0,
    unit: "metrics",
    range: "nonnegative",
    meaning: "custom CloudWatch metrics each ECS service publishes",
  },
} as const satisfies Record<string, AssumptionSpec>;

export type AssumptionKey = keyof typeof COST_ASSUMPTIONS;
type Widen<T> = T extends number ? number : T extends boolean ? boolean : T;
export type AssumptionValues = { [K in AssumptionKey]: Widen<(typeof COST_ASSUMPTIONS)[K]["default"]> };

export const ASSUMPTION_KEYS = Object.keys(COST_ASSUMPTIONS) as AssumptionKey[];

/** What may be set per resource, under `cost.services.<name>`, `cost.tables.<name>`, `cost.queues.<name>`. */
export const OVERRIDE_KEYS = {
  services: ["taskCount", "taskVcpu", "taskMemoryGb", "logBytesPerRequest", "customMetricsPerService"],
  tables: ["readsPerRequest", "writesPerRequest", "itemSizeKb", "stronglyConsistentReads", "tableStorageGb"],
  queues: ["messagesPerRequest", "messageSizeKb"],
} as const satisfies Record<string, readonly AssumptionKey[]>;
export type OverrideKind = keyof typeof OVERRIDE_KEYS;

type Overrides<K extends AssumptionKey> = Readonly<Record<string, Partial<Pick<AssumptionValues, K>>>>;

/** readiness.yml's `cost:` section: every field optional, the defaults apply to what is left out. */
export type CostSettings = Partial<AssumptionValues> & {
  readonly services?: Overrides<(typeof OVERRIDE_KEYS)["services"][number]>;
  readonly tables?: Overrides<(typeof OVERRIDE_KEYS)["tables"][number]>;
  readonly queues?: Overrides<(typeof OVERRIDE_KEYS)["queues"][number]>;
};

const describeAssumption = (spec: AssumptionSpec): string =>
  `${spec.meaning[0].toUpperCase()}${spec.meaning.slice(1)} (default ${spec.default}${spec.unit && spec.unit !== "share" ? ` ${spec.unit}` : ""}).`;

const fieldSchema = (key: AssumptionKey) => {
  const spec: AssumptionSpec = COST_ASSUMPTIONS[key];
  const described = z.describe(describeAssumption(spec));
  switch (spec.range) {
    case "boolean":
      return z.optional(z.boolean().check(described));
    case "share":
      return z.optional(z.number().check(z.gte(0), z.lte(1), described));
    case "positive":
      return z.optional(z.number().check(z.positive(), described));
    default:
      return z.optional(z.number().check(z.gte(0), described));
  }
};

const fields = (keys: readonly AssumptionKey[]) => Object.fromEntries(keys.map((key) => [key, fieldSchema(key)]));

const overridesOf = (kind: OverrideKind, what: string) =>
  z.optional(
    z
      .record(z.string().check(z.minLength(1)), z.strictObject(fields(OVERRIDE_KEYS[kind])))
      .check(z.describe(`Per ${what}, by name or logical id: overrides of ${OVERRIDE_KEYS[kind].join(", ")}.`)),
  );

/** The `cost:` section of readiness.yml (docs/cost.md). */
export const costSettingsSchema = z
  .strictObject({
    ...fields(ASSUMPTION_KEYS),
    services: overridesOf("services", "ECS service (readiness.yml name or service name)"),
    tables: overridesOf("tables", "DynamoDB table"),
    queues: overridesOf("queues", "SQS queue"),
  })
  .check(
    z.describe(
      "Assumptions of `readiness cost` (docs/cost.md): traffic, task size and count, messages, item sizes, log volume.",
    ),
  ) as unknown as z.ZodMiniType<CostSettings, CostSettings>;
