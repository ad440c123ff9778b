import { Inventory } from "../checklist/inventory/inventory";
import { errorAttributes } from "../kernel/observability/log";
import { typesUsedBy } from "../checklist/rules/needs";
import type { CollectedInventory } from "./inventory";
import type { RunContext } from "./run";

/**
 * Collects the live inventory for the item's rules. When collection itself fails (no network, no
 * credentials), the run goes on with an empty inventory in which every type the rules use is
 * unreadable: nothing can pass for want of data, and a failure the notified item shows on its own
 * is still reported.
 */
export const collectOrDegrade = async (
  ctx: RunContext,
  clusters: readonly string[] = [],
): Promise<CollectedInventory> => {
  const resourceTypes = typesUsedBy(ctx.rules);
  try {
    const collected = await ctx.deps.collect({ resourceTypes, ...(clusters.length ? { clusters } : {}) });
    ctx.warnings.push(...collected.warnings);
    if (collected.unreadableTypes.size)
      ctx.deps.log.warn("some resource types could not be read", {
        unreadableTypes: Object.fromEntries(collected.unreadableTypes),
      });
    return collected;
  } catch (error) {
    const reason = `live collection failed: ${error instanceof Error ? error.message : String(error)}`;
    ctx.warnings.push(reason);
    ctx.deps.log.warn("live collection failed; evaluating with the notified item only", errorAttributes(error));
    return {
      inventory: new Inventory([], "config-item"),
      unreadableTypes: new Map(resourceTypes.map((t) => [t, reason])),
      warnings: [],
    };
  }
};
