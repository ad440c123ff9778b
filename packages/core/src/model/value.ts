/**
 * A value an adapter could not determine (an unresolvable Ref, a parameter without a default,
 * a nested stack output, an API the endpoint lacks). Rules must treat it as "cannot decide":
 * an unknown never silently passes a check.
 */
export class UnknownValue {
  readonly isUnknown = true;
  constructor(readonly reason: string) {}
  toString(): string {
    return `<unknown: ${this.reason}>`;
  }
  toJSON(): { unknown: string } {
    return { unknown: this.reason };
  }
}

export const unknownValue = (reason: string): UnknownValue => new UnknownValue(reason);

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
