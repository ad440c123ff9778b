import type { Resource } from "../model/resource";
import { isRecord, isUnknown, type UnknownValue } from "../model/value";

export type InventorySource = "template" | "live" | "config-item";

/** A value assumed for a condition that cannot be decided before deploy. */
export interface Assumption {
  /** The condition's name, prefixed by its stack's path when there are several ("Child/UseSidecar"). */
  readonly condition: string;
  readonly holds: boolean;
}

/**
 * The same resources as they are under one combination of undecidable conditions (a template's
 * `Fn::If` on a parameter without a default): the engine judges every branch and keeps a verdict
 * only when all branches agree.
 */
export interface InventoryBranch {
  readonly assumptions: readonly Assumption[];
  readonly inventory: Inventory;
}

/**
 * The resources of one evaluation plus the indexes rules use to follow references between them.
 * Built once per run; lookups are O(1) so rules stay pure, synchronous and fast.
 */
export class Inventory {
  private readonly byId = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();
  private readonly byAlias = new Map<string, Resource>();
  private referrers?: Map<string, Resource[]>;

  constructor(
    resources: Iterable<Resource>,
    readonly source: InventorySource = "template",
    /** Empty when every condition is decided; else one inventory per combination, judged instead of this one. */
    readonly branches: readonly InventoryBranch[] = [],
  ) {
    for (const resource of resources) this.add(resource);
  }

  private add(resource: Resource): void {
    if (this.byId.has(resource.id)) throw new Error(`duplicate resource id ${resource.id}`);
    this.byId.set(resource.id, resource);
    const ofType = this.byType.get(resource.type);
    if (ofType) ofType.push(resource);
    else this.byType.set(resource.type, [resource]);
    this.byAlias.set(resource.id, resource);
    for (const alias of resource.aliases) if (!this.byAlias.has(alias)) this.byAlias.set(alias, resource);
  }

  get size(): number {
    return this.byId.size;
  }

  all(): IterableIterator<Resource> {
    return this.byId.values();
  }

  get(id: string): Resource | undefined {
    return this.byId.get(id);
  }

  ofType(type: string): readonly Resource[] {
    return this.byType.get(type) ?? [];
  }

  /**
   * Resolves a reference value (an id, name, ARN or URL) to the resource it names.
   * Returns the UnknownValue itself when the reference could not be determined, and undefined
   * when the value names nothing in this inventory (an external or missing resource).
   */
  lookup(reference: unknown): Resource | UnknownValue | undefined {
    if (isUnknown(reference))
      return reference.origin.refersTo === undefined
        ? reference
        : (this.byAlias.get(reference.origin.refersTo) ?? reference);
    if (typeof reference !== "string") return undefined;
    return this.byAlias.get(reference);
  }

  /** Like lookup, but only a resource of one of the given types counts. */
  lookupOfType(reference: unknown, ...types: string[]): Resource | UnknownValue | undefined {
    const found = this.lookup(reference);
    if (found === undefined || isUnknown(found)) return found;
    return types.includes(found.type) ? found : undefined;
  }

  /** Resources whose properties mention one of this resource's aliases anywhere (reverse references). */
  referencesTo(resource: Resource): readonly Resource[] {
    this.referrers ??= this.indexReferrers();
    return this.referrers.get(resource.id) ?? [];
  }

  private indexReferrers(): Map<string, Resource[]> {
    const referrers = new Map<string, Resource[]>();
    for (const from of this.byId.values()) this.collectReferrer(from.properties, from, referrers);
    return referrers;
  }

  /**
   * Records `from` once as a referrer of every resource a string under `value` names. A plain
   * recursive walk (no closure, no per-resource set): it visits every string of the inventory.
   */
  private collectReferrer(value: unknown, from: Resource, referrers: Map<string, Resource[]>): void {
    const reference = referenceText(value);
    if (reference !== undefined) {
      const target = this.byAlias.get(reference);
      if (target === undefined || target === from) return;
      const list = referrers.get(target.id);
      // One resource is walked whole before the next, so a repeat reference is the list's last entry.
      if (list === undefined) referrers.set(target.id, [from]);
      else if (list[list.length - 1] !== from) list.push(from);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) this.collectReferrer(value[i], from, referrers);
    } else if (isRecord(value)) {
      for (const key in value) this.collectReferrer(value[key], from, referrers);
    }
  }
}

/** A string value, or the alias an unknown value is known to refer to. */
const referenceText = (value: unknown): string | undefined =>
  typeof value === "string" ? value : isUnknown(value) ? value.origin.refersTo : undefined;

/**
 * Calls visit for every string in a property tree (object values and array items), and for the
 * alias of every unknown value known to refer to a resource.
 */
export const visitStrings = (value: unknown, visit: (text: string) => void): void => {
  const reference = referenceText(value);
  if (reference !== undefined) visit(reference);
  else if (Array.isArray(value)) for (const item of value) visitStrings(item, visit);
  else if (isRecord(value)) for (const key in value) visitStrings(value[key], visit);
};
