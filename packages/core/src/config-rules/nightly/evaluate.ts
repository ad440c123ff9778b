import type { ItemId } from "../../checklist/catalogue/items";
import { CHECKLIST } from "../../checklist/catalogue/items";
import { checkInventory } from "../../checklist/check/check-inventory";
import { paramsFromConfig } from "../../checklist/config/params";
import type { ReadinessConfig } from "../../checklist/config/schema";
import type { OtherKind, PartDecider } from "../../checklist/engine/item-evaluation";
import { buildScope, type ScopedService } from "../../checklist/engine/scope";
import type { PartSource, SourceReach } from "../../checklist/engine/sources";
import type { Inventory } from "../../checklist/inventory/inventory";
import type { SnapshotVerdict } from "../../kernel/results/snapshots";

/** What the run read: the inventory, the types it could not read, and readiness.yml. */
export interface NightlyInput {
  readonly inventory: Inventory;
  readonly unreadableTypes: ReadonlyMap<string, string>;
  readonly config: ReadinessConfig;
  /** The clusters readiness.yml names (they restrict the scope as in `check --live`). */
  readonly clusters: readonly string[];
  /** Where the inventory came from (endpoint or "AWS <region>"). */
  readonly source: string;
}

/** The ECS services in scope: readiness.yml's, or (without services there) every service read. */
export const servicesInScope = (input: NightlyInput): readonly ScopedService[] =>
  buildScope(input.inventory, input.config, { clusters: [...input.clusters] }).services;

/**
 * Gathers every item's declared sources (the IAM probe, the gate's smoke runs) once, before the
 * engine, as the Config evaluator does (config-rules/run.ts): a source that fails leaves its part
 * undecided, with a warning, rather than failing the night.
 */
export const gatherSources = async (
  input: NightlyInput,
  reach: SourceReach,
  warn: (message: string, error: unknown) => void,
): Promise<PartDecider[]> => {
  const params = paramsFromConfig(input.config);
  const deciders: PartDecider[] = [];
  for (const item of CHECKLIST)
    for (const [kind, source] of Object.entries(item.sources ?? {}) as [OtherKind, PartSource][]) {
      try {
        const decider = await source.gather({
          item,
          kind,
          inventory: input.inventory,
          params: params(item.id),
          config: input.config,
          reach,
        });
        if (decider) deciders.push(decider);
      } catch (error) {
        warn(`the ${kind} of ${item.id} could not run; its part stays undecided`, error);
      }
    }
  return deciders;
};

/**
 * Every checklist item for one service, through the one engine as `check --live --service` runs
 * it: the scope is the service and what it uses, parameters and roles come from readiness.yml,
 * and evidence is judged as its sources judge it (expiry included).
 */
export const evaluateService = (
  input: NightlyInput,
  service: ScopedService,
  partDeciders: readonly PartDecider[],
): SnapshotVerdict[] =>
  checkInventory({
    config: input.config,
    inventory: input.inventory,
    source: input.source,
    services: [service.resource.id],
    clusters: [...input.clusters],
    partDeciders,
    unreadableTypes: input.unreadableTypes,
  }).report.items.map((item) => ({ item: item.id as ItemId, status: item.status, reason: item.summary }));
