/** What is known about a value whose text is not. */
export interface UnknownOrigin {
  /**
   * The value names this resource (one of its aliases): an attribute or the physical id of a
   * resource created at deploy time. Its text is unknown, what it refers to is not, so
   * `Inventory.lookup` still resolves it. Not carried over to values computed from it.
   */
  readonly refersTo?: string;
  /**
   * Why the value is a secret by declaration ("the NoEcho parameter DBPassword"). Carried over to
   * every value computed from it: a connection string built from a password is a secret too.
   */
  readonly secret?: string;
}

/**
 * A value an adapter could not determine (an unresolvable Ref, a parameter without a default,
 * a nested stack output, an API the endpoint lacks). Rules must treat it as "cannot decide":
 * an unknown never silently passes a check.
 */
export class UnknownValue {
  readonly isUnknown = true;
  constructor(
    readonly reason: string,
    readonly origin: UnknownOrigin = {},
  ) {}
  toString(): string {
    return `<unknown: ${this.reason}>`;
  }
  toJSON(): { unknown: string } {
    return { unknown: this.reason };
  }
}

export const unknownValue = (reason: string, origin?: UnknownOrigin): UnknownValue => new UnknownValue(reason, origin);

/**
 * The unknown a value computed from `source` is (a Join, a Sub, a Select): the same reason, still a
 * secret if the source is one, but no longer naming the source's resource.
 */
export const derivedUnknown = (source: UnknownValue): UnknownValue =>
  source.origin.refersTo === undefined
    ? source
    : new UnknownValue(source.reason, source.origin.secret === undefined ? {} : { secret: source.origin.secret });

/** The unknown a value computed from several inputs is: a secret input first, since secrecy must not be lost. */
export const firstUnknownOf = (values: readonly unknown[]): UnknownValue | undefined => {
  let first: UnknownValue | undefined;
  for (const value of values)
    if (isUnknown(value)) {
      if (value.origin.secret !== undefined) return derivedUnknown(value);
      first ??= value;
    }
  return first && derivedUnknown(first);
};

export const isUnknown = (value: unknown): value is UnknownValue => value instanceof UnknownValue;

/** Narrowing helpers for walking CloudFormation-shaped property bags without `any`. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !isUnknown(value);

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

/** Reads a nested property path; returns undefined when any step is missing, or the UnknownValue met on the way. */
export const pathOf = (value: unknown, ...path: (string | number)[]): unknown => {
  let current = value;
  for (const key of path) {
    if (isUnknown(current)) return current;
    if (typeof key === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      if (!isRecord(current)) return undefined;
      current = current[key];
    }
  }
  return current;
};
