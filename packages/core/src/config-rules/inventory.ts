import { Inventory, visitStrings } from "../checklist/inventory/inventory";
import { ROUTE, ROUTE_TABLE, SUBNET_ROUTE_TABLE_ASSOCIATION } from "../checklist/inventory/relations/network";
import type { Resource } from "../checklist/model/resource";
import { isUnknown } from "../checklist/model/value";

/** What a live collection found, and which resource types it could not read (with why). */
export interface CollectedInventory {
  readonly inventory: Inventory;
  readonly unreadableTypes: ReadonlyMap<string, string>;
  readonly warnings: readonly string[];
}

export interface CollectRequest {
  /** Types the item's rules evaluate or read; a collector may collect more. */
  readonly resourceTypes: readonly string[];
  /** ECS clusters worth collecting, when the notified resource names one. */
  readonly clusters?: readonly string[];
}

/** Collects the live inventory (the handler binds it to the live collectors and their SDK clients). */
export type InventoryCollector = (request: CollectRequest) => Promise<CollectedInventory>;

/**
 * The live inventory with the notified resource in it: Config's item is the authoritative,
 * possibly newer, configuration, so it replaces the live resource it names (same id or a shared
 * alias).
 */
export const withNotifiedResource = (live: Inventory, notified: Resource): Inventory => {
  const names = new Set([notified.id, ...notified.aliases]);
  const replaced = (resource: Resource): boolean =>
    resource.id === notified.id ||
    (resource.type === notified.type && (names.has(resource.id) || resource.aliases.some((a) => names.has(a)))) ||
    isInlinedChild(resource, notified, names);
  return new Inventory([...[...live.all()].filter((r) => !replaced(r)), notified], "config-item");
};

/**
 * Live collectors describe a route table's routes and subnet associations as separate resources;
 * the Config item carries them inline, so the live ones would be stale duplicates.
 */
const INLINED_CHILDREN: Readonly<Record<string, { types: readonly string[]; parentProperty: string }>> = {
  [ROUTE_TABLE]: { types: [ROUTE, SUBNET_ROUTE_TABLE_ASSOCIATION], parentProperty: "RouteTableId" },
};

const isInlinedChild = (resource: Resource, notified: Resource, names: ReadonlySet<string>): boolean => {
  const children = INLINED_CHILDREN[notified.type];
  if (!children?.types.includes(resource.type)) return false;
  const parent = resource.properties[children.parentProperty];
  return typeof parent === "string" && names.has(parent);
};

/**
 * Subjects (resources of `types`) connected to a resource within `maxHops` references either way:
 * a changed subnet reaches the services that use it, a changed route table reaches them through
 * the subnets it is associated with.
 */
export const relatedSubjects = (
  inventory: Inventory,
  start: Resource,
  types: ReadonlySet<string>,
  maxHops = 2,
): Resource[] => {
  const seen = new Set([start.id]);
  const found: Resource[] = [];
  let frontier = [start];
  for (let hop = 0; hop < maxHops && frontier.length > 0; hop++) {
    const next: Resource[] = [];
    for (const resource of frontier) {
      const neighbours: Resource[] = [...inventory.referencesTo(resource)];
      visitStrings(resource.properties, (text) => {
        const target = inventory.lookup(text);
        if (target && !isUnknown(target)) neighbours.push(target);
      });
      for (const neighbour of neighbours) {
        if (seen.has(neighbour.id)) continue;
        seen.add(neighbour.id);
        next.push(neighbour);
        if (types.has(neighbour.type)) found.push(neighbour);
      }
    }
    frontier = next;
  }
  return found;
};
