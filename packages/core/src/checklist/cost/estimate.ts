import type { Scope } from "../engine/scope";
import type { Inventory } from "../inventory/inventory";
import { type AssumptionEntry, Assumptions } from "./assumptions";
import { type CostLine, type EstimateContext, round } from "./line";
import { albLines } from "./lines/alb";
import { cloudwatchLines } from "./lines/cloudwatch";
import { dynamodbLines } from "./lines/dynamodb";
import { fargateLines } from "./lines/fargate";
import { sqsLines } from "./lines/sqs";
import {
  COST_SERVICES,
  type CostService,
  PRICE_TABLE,
  type PriceKey,
  type PriceTable,
  pricesFor,
  unconfirmedPrices,
} from "./prices";
import type { CostSettings } from "./settings";

export interface EstimateInput {
  readonly inventory: Inventory;
  /** What is in scope and the ECS services that root it (checklist/engine/scope's buildScope, as `check` builds it). */
  readonly scope: Pick<Scope, "services" | "includes" | "consumersOf">;
  /** readiness.yml's `cost:` section (absent: every default). */
  readonly settings?: CostSettings;
  /** The region whose prices apply. */
  readonly region: string;
  /** Default: the bundled table. */
  readonly prices?: PriceTable;
}

/** A monthly estimate: every line with its formula, totals per service and in all. */
export interface CostEstimate {
  readonly region: string;
  readonly currency: "USD";
  readonly priceTableDate: string;
  readonly assumptions: readonly AssumptionEntry[];
  readonly lines: readonly CostLine[];
  /** Every one of the five services, zero when it has nothing in scope. */
  readonly totals: Readonly<Record<CostService, number>>;
  readonly total: number;
  /** What the estimate leaves out, and the prices it used that the table could not confirm. */
  readonly notes: readonly string[];
  /** Stand-ins used where the inventory said nothing, and readiness.yml overrides that named nothing. */
  readonly warnings: readonly string[];
}

const ESTIMATORS: Readonly<Record<CostService, (ctx: EstimateContext) => CostLine[]>> = {
  "ecs-fargate": fargateLines,
  dynamodb: dynamodbLines,
  sqs: sqsLines,
  alb: albLines,
  cloudwatch: cloudwatchLines,
};

const EXCLUSIONS =
  "not included: data transfer, NAT gateways, public IPv4 addresses, ECR, Secrets Manager, EC2 capacity, free tiers, Savings Plans, Spot and reserved capacity";

/** Pure: the same inventory, scope, settings and prices always give the same estimate. */
export const estimateCost = (input: EstimateInput): CostEstimate => {
  const table = input.prices ?? PRICE_TABLE;
  const prices = pricesFor(input.region, table);
  const assumptions = new Assumptions(input.settings);
  const warnings: string[] = [];
  const ctx: EstimateContext = { inventory: input.inventory, scope: input.scope, assumptions, prices, warnings };
  const lines = COST_SERVICES.flatMap((service) => ESTIMATORS[service](ctx));
  for (const name of assumptions.unmatchedOverrides())
    warnings.push(`readiness.yml ${name} names no resource in scope; it changes nothing`);

  const exact = Object.fromEntries(COST_SERVICES.map((service) => [service, 0])) as Record<CostService, number>;
  for (const line of lines) exact[line.service] += line.monthlyUsd;
  const totals = Object.fromEntries(COST_SERVICES.map((service) => [service, round(exact[service], 2)])) as Record<
    CostService,
    number
  >;
  const used = lines.flatMap((line) => (line.priceKey ? [line.priceKey] : []));
  return {
    region: input.region,
    currency: table.currency,
    priceTableDate: table.date,
    assumptions: assumptions.entries(),
    lines,
    totals,
    total: round(
      COST_SERVICES.reduce((sum, service) => sum + exact[service], 0),
      2,
    ),
    notes: [`prices: ${table.basis}`, EXCLUSIONS, ...unconfirmedNotes(prices, used, input.region)],
    warnings: [...new Set(warnings)],
  };
};

const unconfirmedNotes = (prices: ReturnType<typeof pricesFor>, used: PriceKey[], region: string): string[] =>
  unconfirmedPrices(prices, used).map(
    (key) =>
      `unconfirmed price ${key} (${region}): $${prices[key].usd} per ${prices[key].per}: ${prices[key].evidence}`,
  );
