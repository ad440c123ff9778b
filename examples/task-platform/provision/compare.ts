import { isRecord } from "@readiness/core/checklist/model/value";

/**
 * Whether every field the template asks for is present in what the endpoint describes. Extra
 * fields in `actual` (defaults the service fills in) are fine; numbers and their string spellings
 * ("512" and 512) are equal, because CloudFormation and the APIs disagree on them.
 */
export const matches = (desired: unknown, actual: unknown): boolean => {
  if (desired === undefined) return true;
  if (Array.isArray(desired))
    return Array.isArray(actual) && desired.length === actual.length && desired.every((d, i) => matches(d, actual[i]));
  if (isRecord(desired)) return isRecord(actual) && Object.keys(desired).every((k) => matches(desired[k], actual[k]));
  if (typeof desired === "number" || typeof actual === "number" || typeof desired === "boolean")
    return String(desired) === String(actual);
  return desired === actual;
};

/** PascalCase CloudFormation keys to the APIs' camelCase, recursively (ECS task definitions, services). */
export const camelCaseKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key.charAt(0).toLowerCase() + key.slice(1), camelCaseKeys(inner)]),
  );
};
