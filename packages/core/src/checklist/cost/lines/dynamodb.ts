import type { Resource } from "../../model/resource";
import { asArray, asRecord } from "../../model/value";
import {
  type CostLine,
  type EstimateContext,
  fmt,
  HOURS_PER_MONTH,
  input,
  linesOfEachInScope,
  namesOf,
  numberOf,
  priced,
  SECONDS_PER_MONTH,
} from "../line";

const TABLE = "AWS::DynamoDB::Table";

/**
 * DynamoDB: an on-demand table is priced by the request units the assumed traffic consumes (each
 * write also writes every global secondary index); a provisioned table by its provisioned read and
 * write capacity (table and indexes) for 730 hours. Both pay for the data they store.
 */
export const dynamodbLines = (ctx: EstimateContext): CostLine[] =>
  linesOfEachInScope(ctx, TABLE, { service: "dynamodb", what: "DynamoDB table" }, tableLines);

const tableLines = (ctx: EstimateContext, table: Resource): CostLine[] => {
  const name = typeof table.properties.TableName === "string" ? table.properties.TableName : table.id;
  const names = namesOf(table.id, table.aliases, table.properties.TableName);
  const base = { service: "dynamodb" as const, resource: name, resourceId: table.id };
  const indexes = asArray(table.properties.GlobalSecondaryIndexes).map(asRecord);
  const onDemand = table.properties.BillingMode === "PAY_PER_REQUEST";
  const storage = ctx.assumptions.forResource("tables", names, "tableStorageGb");
  const storageLine = priced(ctx.prices, {
    ...base,
    item: "storage",
    quantity: storage.value,
    priceKey: "dynamodb.storage.gbMonth",
    formula: `${fmt(storage.value)} GB stored`,
    inputs: [input("GB stored", storage)],
  });
  return [
    ...(onDemand ? onDemandLines(ctx, names, base, indexes.length) : provisionedLines(ctx, table, base, indexes)),
    storageLine,
  ];
};

type Base = Pick<CostLine, "service" | "resource" | "resourceId">;

const onDemandLines = (ctx: EstimateContext, names: readonly string[], base: Base, indexCount: number): CostLine[] => {
  const rate = ctx.assumptions.get("requestsPerSecond");
  const writes = ctx.assumptions.forResource("tables", names, "writesPerRequest");
  const reads = ctx.assumptions.forResource("tables", names, "readsPerRequest");
  const itemKb = ctx.assumptions.forResource("tables", names, "itemSizeKb");
  const strong = ctx.assumptions.forResource("tables", names, "stronglyConsistentReads");
  const requests = rate.value * SECONDS_PER_MONTH;
  // A write unit covers 1 KB; a strongly consistent read unit 4 KB, an eventually consistent one twice that.
  const unitsPerWrite = Math.ceil(itemKb.value);
  const unitsPerRead = Math.ceil(itemKb.value / 4) * (strong.value ? 1 : 0.5);
  const tables = 1 + indexCount;
  const traffic = [input("requests/s", rate), { name: "seconds per month", value: SECONDS_PER_MONTH, from: "730 h" }];
  return [
    priced(ctx.prices, {
      ...base,
      item: "write request units (on-demand)",
      quantity: (requests * writes.value * unitsPerWrite * tables) / 1e6,
      priceKey: "dynamodb.onDemand.writeRequestUnits",
      formula: `${fmt(rate.value)} req/s × ${fmt(SECONDS_PER_MONTH)} s × ${fmt(writes.value)} writes per request × ${unitsPerWrite} WRU each × (1 table + ${indexCount} GSI) / 1,000,000`,
      inputs: [
        ...traffic,
        input("writes per request", writes),
        input("item KB", itemKb),
        { name: "global secondary indexes", value: indexCount, from: "GlobalSecondaryIndexes" },
      ],
    }),
    priced(ctx.prices, {
      ...base,
      item: "read request units (on-demand)",
      quantity: (requests * reads.value * unitsPerRead) / 1e6,
      priceKey: "dynamodb.onDemand.readRequestUnits",
      formula: `${fmt(rate.value)} req/s × ${fmt(SECONDS_PER_MONTH)} s × ${fmt(reads.value)} reads per request × ${fmt(unitsPerRead)} RRU each / 1,000,000`,
      inputs: [
        ...traffic,
        input("reads per request", reads),
        input("item KB", itemKb),
        input("strongly consistent", strong),
      ],
    }),
  ];
};

const provisionedLines = (
  ctx: EstimateContext,
  table: Resource,
  base: Base,
  indexes: readonly Record<string, unknown>[],
): CostLine[] => {
  const capacity = (key: "WriteCapacityUnits" | "ReadCapacityUnits"): { units: number; parts: string[] } => {
    const owners = [
      { label: "table", throughput: table.properties.ProvisionedThroughput },
      ...indexes.map((index) => ({
        label: String(index.IndexName ?? "index"),
        throughput: index.ProvisionedThroughput,
      })),
    ];
    let units = 0;
    const parts: string[] = [];
    for (const owner of owners) {
      const value = numberOf(asRecord(owner.throughput)[key]);
      if (value === undefined) {
        ctx.warnings.push(`${base.resource}: ${owner.label} ${key} is unknown; counted as 0`);
        continue;
      }
      units += value;
      parts.push(`${fmt(value)} (${owner.label})`);
    }
    return { units, parts };
  };
  const line = (key: "WriteCapacityUnits" | "ReadCapacityUnits") => {
    const { units, parts } = capacity(key);
    const write = key === "WriteCapacityUnits";
    return priced(ctx.prices, {
      ...base,
      item: `provisioned ${write ? "write" : "read"} capacity`,
      quantity: units * HOURS_PER_MONTH,
      priceKey: write ? "dynamodb.provisioned.wcuHour" : "dynamodb.provisioned.rcuHour",
      formula: `(${parts.join(" + ") || "0"}) ${write ? "WCU" : "RCU"} × ${HOURS_PER_MONTH} h`,
      inputs: [{ name: write ? "WCU" : "RCU", value: units, from: `ProvisionedThroughput.${key} (table and indexes)` }],
      note: "priced at the provisioned capacity; auto scaling moves it with the load",
    });
  };
  return [line("WriteCapacityUnits"), line("ReadCapacityUnits")];
};
