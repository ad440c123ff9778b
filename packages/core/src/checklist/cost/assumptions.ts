import {
  ASSUMPTION_KEYS,
  type AssumptionKey,
  type AssumptionValues,
  COST_ASSUMPTIONS,
  type CostSettings,
  OVERRIDE_KEYS,
  type OverrideKind,
} from "./settings";

/** One assumption as an estimate states it. */
export interface AssumptionEntry {
  /** `requestsPerSecond`, or `services.api.taskCount` for a per-resource override. */
  readonly name: string;
  readonly value: number | boolean;
  readonly unit: string;
  readonly meaning: string;
  readonly from: "default" | "readiness.yml";
}

/** A value and where it came from, for a line's inputs. */
export interface Sourced<T> {
  readonly value: T;
  readonly from: string;
}

type OverrideKey<K extends OverrideKind> = (typeof OVERRIDE_KEYS)[K][number];

/**
 * The assumptions of one estimate: readiness.yml's `cost:` values over the defaults, and the
 * per-resource overrides. Records which overrides matched a resource, so one that names nothing
 * can be reported instead of silently doing nothing.
 */
export class Assumptions {
  private readonly matched = new Set<string>();

  constructor(private readonly settings: CostSettings = {}) {}

  get<K extends AssumptionKey>(key: K): Sourced<AssumptionValues[K]> {
    const set = this.settings[key];
    if (set !== undefined) return { value: set as AssumptionValues[K], from: `readiness.yml cost.${key}` };
    return { value: COST_ASSUMPTIONS[key].default as AssumptionValues[K], from: `assumption ${key}` };
  }

  /** The value for one resource: its override (by any of its names), else the estimate-wide value. */
  forResource<Kind extends OverrideKind, K extends OverrideKey<Kind> & AssumptionKey>(
    kind: Kind,
    names: readonly string[],
    key: K,
  ): Sourced<AssumptionValues[K]> {
    return this.override(kind, names, key) ?? this.get(key);
  }

  /** readiness.yml's override of `key` for one resource (by any of its names), if it sets one. */
  override<Kind extends OverrideKind, K extends OverrideKey<Kind> & AssumptionKey>(
    kind: Kind,
    names: readonly string[],
    key: K,
  ): Sourced<AssumptionValues[K]> | undefined {
    const overrides = (this.settings[kind] ?? {}) as Readonly<Record<string, Partial<AssumptionValues>>>;
    for (const name of names) {
      const override = overrides[name];
      if (override === undefined) continue;
      this.matched.add(`${kind}.${name}`);
      const value = override[key];
      if (value !== undefined)
        return { value: value as AssumptionValues[K], from: `readiness.yml cost.${kind}.${name}.${key}` };
    }
    return undefined;
  }

  /** Overrides that named no resource of the estimate (call after estimating). */
  unmatchedOverrides(): string[] {
    const unmatched: string[] = [];
    for (const kind of Object.keys(OVERRIDE_KEYS) as OverrideKind[])
      for (const name of Object.keys(this.settings[kind] ?? {}))
        if (!this.matched.has(`${kind}.${name}`)) unmatched.push(`cost.${kind}.${name}`);
    return unmatched;
  }

  /** Every estimate-wide assumption, then every per-resource override, as the estimate states them. */
  entries(): AssumptionEntry[] {
    const entries: AssumptionEntry[] = ASSUMPTION_KEYS.map((key) => {
      const spec = COST_ASSUMPTIONS[key];
      const set = this.settings[key];
      return {
        name: key,
        value: set ?? spec.default,
        unit: spec.unit,
        meaning: spec.meaning,
        from: set === undefined ? "default" : "readiness.yml",
      };
    });
    for (const kind of Object.keys(OVERRIDE_KEYS) as OverrideKind[])
      for (const [name, override] of Object.entries(this.settings[kind] ?? {}))
        for (const [key, value] of Object.entries(override as Record<string, number | boolean | undefined>)) {
          if (value === undefined) continue;
          const spec = COST_ASSUMPTIONS[key as AssumptionKey];
          entries.push({
            name: `${kind}.${name}.${key}`,
            value,
            unit: spec.unit,
            meaning: spec.meaning,
            from: "readiness.yml",
          });
        }
    return entries;
  }
}
