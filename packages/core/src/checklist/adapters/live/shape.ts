import type { Resource } from "../../model/resource";
import { isRecord } from "../../model/value";

/**
 * SDK keys whose values are maps of user-chosen keys (log driver options, docker labels): their
 * keys must stay exactly as written ("awslogs-group"), only the key itself is PascalCased.
 */
const FREE_FORM_MAPS = new Set(["options", "dockerLabels", "driverOpts", "labels", "tags", "Tags"]);

/** Where CloudFormation spells a property differently from the SDK's camelCase name. */
const CFN_SPELLING: Record<string, string> = {
  efsVolumeConfiguration: "EFSVolumeConfiguration",
  fsxWindowsFileServerVolumeConfiguration: "FSxWindowsFileServerVolumeConfiguration",
};

const pascal = (key: string): string => CFN_SPELLING[key] ?? key.charAt(0).toUpperCase() + key.slice(1);

/**
 * Converts an SDK (camelCase) output structure into the CloudFormation property shape
 * (PascalCase), leaving free-form maps' keys alone and dropping undefined values.
 */
export const toCfnShape = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toCfnShape);
  if (value instanceof Date) return value.toISOString();
  if (!isRecord(value)) return value;
  const shaped: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    shaped[pascal(key)] = FREE_FORM_MAPS.has(key) && isRecord(inner) ? { ...inner } : toCfnShape(inner);
  }
  return shaped;
};

export const toCfnRecord = (value: unknown): Record<string, unknown> => {
  const shaped = toCfnShape(value);
  return isRecord(shaped) ? shaped : {};
};

/** Drops undefined entries so a property bag only has what the source reported. */
export const defined = (properties: Record<string, unknown>): Record<string, unknown> => {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) if (value !== undefined) result[key] = value;
  return result;
};

/** The non-empty strings of a list, for aliases. */
export const aliasesOf = (...values: (string | undefined | null)[]): string[] => [
  ...new Set(values.filter((value): value is string => typeof value === "string" && value !== "")),
];

/**
 * The identity of a resource the API names by an ARN and a name: the ARN is its id (the name when
 * there is no ARN), and both resolve to it.
 */
export const identifiedBy = (
  type: string,
  arn: string | undefined,
  name: string | undefined,
): Pick<Resource, "id" | "type" | "aliases"> => ({ id: arn ?? name!, type, aliases: aliasesOf(arn, name) });

/** `[{ Key, Value }]` CloudFormation tags from the SDK's `{ Key, Value }` or `{ key, value }` tags. */
export const cfnTags = (tags: readonly { Key?: string; Value?: string; key?: string; value?: string }[] | undefined) =>
  tags?.length ? tags.map((tag) => ({ Key: tag.Key ?? tag.key, Value: tag.Value ?? tag.value })) : undefined;

/** The last "/"-separated segment of an ARN or path (role names, table names). */
export const lastSegment = (text: string): string => text.slice(text.lastIndexOf("/") + 1);

/** Splits a list into chunks of at most `size` (batch APIs: DescribeServices takes 10, DescribeTasks 100). */
export const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
};
