import type { Scope } from "../engine/scope";
import type { Inventory } from "../inventory/inventory";
import type { Resource } from "../model/resource";
import type { Assumptions, Sourced } from "./assumptions";
import type { CostService, PriceKey, RegionPrices } from "./prices";

/** AWS prices a month as 730 hours (365 days × 24 h / 12). */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
export const BYTES_PER_GB = 1024 ** 3;

/** One input of a line's formula and where its value came from. */
export interface LineInput {
  readonly name: string;
  readonly value: number | string;
  /** "DesiredCount", "task definition Cpu", "assumption requestsPerSecond", "readiness.yml cost.services.api.taskCount"… */
  readonly from: string;
}

/** One priced quantity of one resource: `quantity × unitPriceUsd = monthlyUsd`. */
export interface CostLine {
  readonly service: CostService;
  /** The resource as people know it: service name, table name, queue name, logical id. */
  readonly resource: string;
  /** Logical id (template) or ARN (live); "-" on the line of a service with nothing in scope. */
  readonly resourceId: string;
  /** What is priced: "vCPU", "memory", "write request units", "LCU"… */
  readonly item: string;
  readonly quantity: number;
  /** The price's unit: "vCPU-hour", "million requests"… */
  readonly unit: string;
  readonly unitPriceUsd: number;
  readonly priceKey?: PriceKey;
  readonly monthlyUsd: number;
  /** How the quantity was reached, with the numbers: "2 tasks × 0.5 vCPU × 730 h". */
  readonly formula: string;
  readonly inputs: readonly LineInput[];
  readonly note?: string;
}

/** What every service's estimator reads. */
export interface EstimateContext {
  readonly inventory: Inventory;
  /** The resources in scope and the ECS services that root it (checklist/engine/scope's buildScope). */
  readonly scope: Pick<Scope, "services" | "includes" | "consumersOf">;
  readonly assumptions: Assumptions;
  readonly prices: RegionPrices;
  /** Stand-ins used for what the inventory did not say; the estimate reports them. */
  readonly warnings: string[];
}

export const input = (name: string, sourced: Sourced<number | string | boolean>): LineInput => ({
  name,
  value: typeof sourced.value === "boolean" ? String(sourced.value) : sourced.value,
  from: sourced.from,
});

interface PricedLine extends Omit<CostLine, "unit" | "unitPriceUsd" | "monthlyUsd" | "priceKey"> {
  readonly priceKey: PriceKey;
}

export const priced = (prices: RegionPrices, line: PricedLine): CostLine => {
  const price = prices[line.priceKey];
  return {
    ...line,
    quantity: round(line.quantity, 6),
    unit: price.per,
    unitPriceUsd: price.usd,
    monthlyUsd: round(line.quantity * price.usd, 4),
  };
};

/** The line of a service the scope has nothing of: the estimate still says it looked. */
/** The resources of `type` the estimate covers (those of the services in scope). */
export const inScopeOfType = (ctx: EstimateContext, type: string): Resource[] =>
  ctx.inventory.ofType(type).filter((resource) => ctx.scope.includes(resource));

/** The lines of each resource of `type` in scope, or the one line that says there is none. */
export const linesOfEachInScope = (
  ctx: EstimateContext,
  type: string,
  none: { readonly service: CostService; readonly what: string },
  linesOf: (ctx: EstimateContext, resource: Resource) => CostLine[],
): CostLine[] => {
  const resources = inScopeOfType(ctx, type);
  if (resources.length === 0) return [nothingInScope(none.service, none.what)];
  return resources.flatMap((resource) => linesOf(ctx, resource));
};

export const nothingInScope = (service: CostService, what: string): CostLine => ({
  service,
  resource: "-",
  resourceId: "-",
  item: `no ${what} in scope`,
  quantity: 0,
  unit: "-",
  unitPriceUsd: 0,
  monthlyUsd: 0,
  formula: "nothing to price",
  inputs: [],
});

/** A resource of the scope's kind that this estimate does not price (an EC2-backed service, an NLB). */
export const notPriced = (
  service: CostService,
  resource: string,
  resourceId: string,
  item: string,
  note: string,
): CostLine => ({
  service,
  resource,
  resourceId,
  item,
  quantity: 0,
  unit: "-",
  unitPriceUsd: 0,
  monthlyUsd: 0,
  formula: "not priced",
  inputs: [],
  note,
});

export const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** 2628000 → "2,628,000"; 0.123456 → "0.1235". */
export const fmt = (value: number): string => value.toLocaleString("en-US", { maximumFractionDigits: 4 });

/** A number from a CloudFormation-shaped value: numbers and numeric strings ("2", "512"). */
export const numberOf = (value: unknown): number | undefined => {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
};

/** The names a resource answers to in readiness.yml's overrides: its name property, then its id and aliases. */
export const namesOf = (id: string, aliases: readonly string[], ...names: unknown[]): string[] => [
  ...new Set([...names.filter((n): n is string => typeof n === "string" && n !== ""), id, ...aliases]),
];
