import type { Price, PriceTable, RegionPrices } from "./prices";

/**
 * The bundled price table. AWS's price pages render their regional tables in the browser, and this
 * project has no network at build time, so each figure was checked against stored copies of AWS's
 * pages, of Price List API extracts quoted elsewhere, or of real bills; `evidence` says which and
 * when. A figure that could not be confirmed that way is kept as a stated approximation with
 * `confirmed: false`, and every estimate that uses it lists it in its notes. Update the table (and
 * its date) when AWS changes a price; `readiness cost` records the date in every estimate.
 */

const FARGATE = "https://aws.amazon.com/fargate/pricing/";
const DYNAMODB_ON_DEMAND = "https://aws.amazon.com/dynamodb/pricing/on-demand/";
const DYNAMODB_PROVISIONED = "https://aws.amazon.com/dynamodb/pricing/provisioned/";
const SQS = "https://aws.amazon.com/sqs/pricing/";
const ELB = "https://aws.amazon.com/elasticloadbalancing/pricing/";
const CLOUDWATCH = "https://aws.amazon.com/cloudwatch/pricing/";

const confirmed = (usd: number, per: string, source: string, evidence: string): Price => ({
  usd,
  per,
  source,
  evidence,
  confirmed: true,
});
const approximate = (usd: number, per: string, source: string, evidence: string): Price => ({
  usd,
  per,
  source,
  evidence,
  confirmed: false,
});

const US_EAST_1: RegionPrices = {
  "fargate.linuxX86.vcpuHour": confirmed(
    0.04048,
    "vCPU-hour",
    FARGATE,
    "Linux/x86 rate quoted from AWS's page by Fargate pricing guides of March 2026 and by Vantage",
  ),
  "fargate.linuxX86.gbHour": confirmed(0.004445, "GB-hour", FARGATE, "as for the vCPU-hour rate (March 2026)"),
  "fargate.linuxArm.vcpuHour": confirmed(
    0.03238,
    "vCPU-hour",
    FARGATE,
    "Linux/ARM (Graviton) rate quoted from AWS's page (Vantage; March 2026 guides)",
  ),
  "fargate.linuxArm.gbHour": confirmed(0.00356, "GB-hour", FARGATE, "as for the ARM vCPU-hour rate"),
  "fargate.ephemeralStorage.gbHour": confirmed(
    0.000111,
    "GB-hour",
    FARGATE,
    "per GB-hour beyond the 20 GB every task includes (Vantage's Fargate pricing guide)",
  ),
  "dynamodb.onDemand.writeRequestUnits": confirmed(
    0.625,
    "million write request units",
    DYNAMODB_ON_DEMAND,
    "after AWS halved on-demand throughput prices in November 2024 (AWS News Blog note of 2025-01-31; guides of July 2025)",
  ),
  "dynamodb.onDemand.readRequestUnits": confirmed(
    0.125,
    "million read request units",
    DYNAMODB_ON_DEMAND,
    "as for write request units",
  ),
  "dynamodb.provisioned.wcuHour": confirmed(
    0.00065,
    "WCU-hour",
    DYNAMODB_PROVISIONED,
    "quoted by cost guides and by a 2026-05-01 audit against the Price List API",
  ),
  "dynamodb.provisioned.rcuHour": confirmed(0.00013, "RCU-hour", DYNAMODB_PROVISIONED, "as for the WCU-hour rate"),
  "dynamodb.storage.gbMonth": approximate(
    0.25,
    "GB-month",
    DYNAMODB_ON_DEMAND,
    "Standard table class beyond the 25 GB free tier, AWS's long-standing figure; no current stored copy found to confirm it",
  ),
  "sqs.standard.requests": confirmed(
    0.4,
    "million requests",
    SQS,
    "first 100 billion requests a month; SQS pricing guides of March and June 2026. Each 64 KB chunk of a payload is one request (AWS's SQS features page)",
  ),
  "sqs.fifo.requests": confirmed(0.5, "million requests", SQS, "FIFO queues, same sources (2026)"),
  "alb.hour": confirmed(
    0.0225,
    "ALB-hour",
    ELB,
    "the us-east-1 figure of the pricing examples on AWS's page, transcribed 2026-09-20",
  ),
  "alb.lcuHour": confirmed(0.008, "LCU-hour", ELB, "same page and date"),
  "cloudwatch.logs.ingestedGb": confirmed(
    0.5,
    "GB ingested",
    CLOUDWATCH,
    "Standard log class, custom logs; CloudWatch pricing guides of February and June 2026",
  ),
  "cloudwatch.logs.storedGbMonth": approximate(
    0.03,
    "GB-month",
    CLOUDWATCH,
    "archived (stored) logs; AWS's long-standing figure, no current stored copy found to confirm it",
  ),
  "cloudwatch.metrics.metricMonth": confirmed(
    0.3,
    "metric-month",
    CLOUDWATCH,
    "first 10,000 custom metrics (CloudWatch pricing guide, February 2026)",
  ),
  "cloudwatch.alarms.standardMetricMonth": approximate(
    0.1,
    "alarm metric-month",
    CLOUDWATCH,
    "standard-resolution alarm, per metric it evaluates; AWS's long-standing figure, not confirmed from a stored copy",
  ),
  "cloudwatch.alarms.highResolutionMetricMonth": approximate(
    0.3,
    "alarm metric-month",
    CLOUDWATCH,
    "high-resolution (period under 60 s) alarm; AWS's long-standing figure, not confirmed from a stored copy",
  ),
};

/** Europe (Ireland): where no Irish figure could be confirmed, the note says what was assumed. */
const EU_WEST_1: RegionPrices = {
  "fargate.linuxX86.vcpuHour": confirmed(
    0.04048,
    "vCPU-hour",
    FARGATE,
    "Price List API usage type EU-Fargate-vCPU-Hours:perCPU, quoted in a 2026-05-01 audit; an eu-west-1 bill of July 2026 agrees ($6.01 for 148 vCPU-hours)",
  ),
  "fargate.linuxX86.gbHour": confirmed(
    0.004445,
    "GB-hour",
    FARGATE,
    "EU-Fargate-GB-Hours, same audit; the July 2026 bill agrees ($1.32 for 297 GB-hours)",
  ),
  "fargate.linuxArm.vcpuHour": confirmed(
    0.03238,
    "vCPU-hour",
    FARGATE,
    "EU-Fargate-ARM-vCPU-Hours:perCPU, same audit (2026-05-01)",
  ),
  "fargate.linuxArm.gbHour": confirmed(0.00356, "GB-hour", FARGATE, "EU-Fargate-ARM-GB-Hours, same audit"),
  "fargate.ephemeralStorage.gbHour": approximate(
    0.000111,
    "GB-hour",
    FARGATE,
    "no Irish figure found: us-east-1's rate assumed",
  ),
  "dynamodb.onDemand.writeRequestUnits": approximate(
    0.7067,
    "million write request units",
    DYNAMODB_ON_DEMAND,
    "no Irish figure found: us-east-1's rate × 1.1308, Ireland's confirmed premium on provisioned capacity",
  ),
  "dynamodb.onDemand.readRequestUnits": approximate(
    0.1413,
    "million read request units",
    DYNAMODB_ON_DEMAND,
    "no Irish figure found: us-east-1's rate × 1.1308, as for write request units",
  ),
  "dynamodb.provisioned.wcuHour": confirmed(
    0.000735,
    "WCU-hour",
    DYNAMODB_PROVISIONED,
    "Price List API SKU 36CGV8QUHJZG65HD (EU-WriteCapacityUnit-Hrs), price data of 2025-08-28 quoted in an audit",
  ),
  "dynamodb.provisioned.rcuHour": confirmed(
    0.000147,
    "RCU-hour",
    DYNAMODB_PROVISIONED,
    "Price List API SKU J7FH9ZNSN6J2RR9Q (EU-ReadCapacityUnit-Hrs), same data",
  ),
  "dynamodb.storage.gbMonth": approximate(
    0.283,
    "GB-month",
    DYNAMODB_ON_DEMAND,
    "not confirmed from a stored copy; consistent with the ×1.13 Irish premium on us-east-1's $0.25",
  ),
  "sqs.standard.requests": approximate(
    0.4,
    "million requests",
    SQS,
    "no Irish figure found: us-east-1's rate assumed (a Price List fixture for EU-Requests-Tier1 uses the same $0.0000004 per request)",
  ),
  "sqs.fifo.requests": approximate(0.5, "million requests", SQS, "no Irish figure found: us-east-1's rate assumed"),
  "alb.hour": confirmed(
    0.0252,
    "ALB-hour",
    ELB,
    "Europe (Ireland) figure in an ALB price comparison; an eu-west-1 bill of July 2026 agrees ($15.00 for 595 ALB-hours)",
  ),
  "alb.lcuHour": approximate(
    0.008,
    "LCU-hour",
    ELB,
    "no exact Irish figure found: a 2018 eu-west-1 cost script uses $0.008, and a July 2026 bill ($0.01 for 0.8 LCU-hours) is consistent with it",
  ),
  "cloudwatch.logs.ingestedGb": approximate(
    0.57,
    "GB ingested",
    CLOUDWATCH,
    "Standard log class; Ireland's figure as read on AWS's page before, not confirmed from a stored copy",
  ),
  "cloudwatch.logs.storedGbMonth": approximate(
    0.03,
    "GB-month",
    CLOUDWATCH,
    "not confirmed from a stored copy: us-east-1's figure assumed",
  ),
  "cloudwatch.metrics.metricMonth": approximate(
    0.3,
    "metric-month",
    CLOUDWATCH,
    "not confirmed from a stored copy: us-east-1's figure assumed",
  ),
  "cloudwatch.alarms.standardMetricMonth": approximate(
    0.1,
    "alarm metric-month",
    CLOUDWATCH,
    "not confirmed from a stored copy: us-east-1's figure assumed",
  ),
  "cloudwatch.alarms.highResolutionMetricMonth": approximate(
    0.3,
    "alarm metric-month",
    CLOUDWATCH,
    "not confirmed from a stored copy: us-east-1's figure assumed",
  ),
};

export const PRICE_TABLE: PriceTable = {
  date: "2026-12-06",
  currency: "USD",
  basis: "on-demand list prices for Linux, before free tiers, Savings Plans, Spot, reserved capacity and volume tiers",
  regions: { "us-east-1": US_EAST_1, "eu-west-1": EU_WEST_1 },
};
