import { UsageError } from "../../kernel/errors";
import { PRICE_TABLE } from "./price-table";

/** The five services a cost estimate covers, in the order reports list them. */
export const COST_SERVICES = ["ecs-fargate", "dynamodb", "sqs", "alb", "cloudwatch"] as const;
export type CostService = (typeof COST_SERVICES)[number];

export const COST_SERVICE_TITLES: Readonly<Record<CostService, string>> = {
  "ecs-fargate": "ECS Fargate",
  dynamodb: "DynamoDB",
  sqs: "SQS",
  alb: "ALB",
  cloudwatch: "CloudWatch",
};

/** Every price the estimator uses; each region of the table prices all of them. */
export const PRICE_KEYS = [
  "fargate.linuxX86.vcpuHour",
  "fargate.linuxX86.gbHour",
  "fargate.linuxArm.vcpuHour",
  "fargate.linuxArm.gbHour",
  "fargate.ephemeralStorage.gbHour",
  "dynamodb.onDemand.writeRequestUnits",
  "dynamodb.onDemand.readRequestUnits",
  "dynamodb.provisioned.wcuHour",
  "dynamodb.provisioned.rcuHour",
  "dynamodb.storage.gbMonth",
  "sqs.standard.requests",
  "sqs.fifo.requests",
  "alb.hour",
  "alb.lcuHour",
  "cloudwatch.logs.ingestedGb",
  "cloudwatch.logs.storedGbMonth",
  "cloudwatch.metrics.metricMonth",
  "cloudwatch.alarms.standardMetricMonth",
  "cloudwatch.alarms.highResolutionMetricMonth",
] as const;
export type PriceKey = (typeof PRICE_KEYS)[number];

/** One list price, with where it comes from and whether it could be confirmed. */
export interface Price {
  /** US dollars per `per`. */
  readonly usd: number;
  /** The billing unit: "vCPU-hour", "million write request units", "GB-month"… */
  readonly per: string;
  /** The AWS public price page the figure belongs to. */
  readonly source: string;
  /** What the figure was checked against, and when. */
  readonly evidence: string;
  /**
   * False when no stored copy of AWS's own figure (or of a bill or Price List API extract) could
   * be found: the figure is then a stated approximation, and estimates using it say so.
   */
  readonly confirmed: boolean;
}

export type RegionPrices = Readonly<Record<PriceKey, Price>>;

export interface PriceTable {
  /** When the table was compiled (YYYY-MM-DD); every estimate records it. */
  readonly date: string;
  readonly currency: "USD";
  /** Linux on-demand list prices, before free tiers, Savings Plans, Spot or reserved capacity. */
  readonly basis: string;
  readonly regions: Readonly<Record<string, RegionPrices>>;
}

export { PRICE_TABLE };

export const PRICED_REGIONS: readonly string[] = Object.keys(PRICE_TABLE.regions);

/** The prices of a region, or a UsageError naming the regions the bundled table has. */
export const pricesFor = (region: string, table: PriceTable = PRICE_TABLE): RegionPrices => {
  const prices = table.regions[region];
  if (prices) return prices;
  throw new UsageError(
    `no prices for region ${region}: the bundled price table (${table.date}) has ${Object.keys(table.regions).join(", ")}`,
    undefined,
    `estimate with one of those regions (--region ${Object.keys(table.regions)[0]}), knowing the prices may differ from ${region}'s`,
  );
};

/** The prices an estimate used that the table could not confirm, for the estimate's notes. */
export const unconfirmedPrices = (prices: RegionPrices, used: Iterable<PriceKey>): PriceKey[] =>
  [...new Set(used)].filter((key) => !prices[key].confirmed).sort();
