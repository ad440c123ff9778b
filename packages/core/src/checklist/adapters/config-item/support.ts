import type { Resource } from "../../model/resource";
import { asArray, isRecord, type UnknownValue, unknownValue } from "../../model/value";
import { policyObjectOf } from "../../inventory/relations/iam";
import type { ConfigurationItem } from "./item";

/** Maps one configuration item of one resource type to the canonical resource. */
export type ItemMapper = (item: ConfigurationItem) => Resource;

/** "ipProtocol" → "IpProtocol". */
export const pascal = (key: string): string => (key ? key[0]!.toUpperCase() + key.slice(1) : key);

/**
 * Converts the keys of a describe-API (camelCase) structure to PascalCase, recursively. Only for
 * plain structures (routes, associations, key schemas): never for policy documents, tag maps or
 * environment variables, whose keys are data.
 */
export const pascalKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(pascalKeys);
  if (!isRecord(value)) return value;
  const converted: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) converted[pascal(key)] = pascalKeys(entry);
  return converted;
};

/** Drops undefined entries so absent fields stay absent (rules treat a missing field as a finding). */
export const defined = (properties: Record<string, unknown>): Record<string, unknown> => {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) if (value !== undefined) kept[key] = value;
  return kept;
};

/** Config renders some numeric attributes as strings ("345600"): numbers for the canonical model. */
export const numeric = (value: unknown): unknown => {
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return value;
};

/** "true"/"false" strings (SQS attributes) to booleans. */
export const booleanish = (value: unknown): unknown => (value === "true" ? true : value === "false" ? false : value);

export const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

/** The canonical identity: the ARN when Config knows it, else the resource id; aliases deduplicated. */
export const identity = (
  item: ConfigurationItem,
  ...extraAliases: unknown[]
): Pick<Resource, "id" | "type" | "aliases"> => {
  const id = item.arn ?? item.resourceId;
  const aliases = new Set<string>();
  for (const alias of [item.resourceId, item.resourceName, item.arn, ...extraAliases])
    if (typeof alias === "string" && alias !== "" && alias !== id) aliases.add(alias);
  return { id, type: item.resourceType, aliases: [...aliases] };
};

/** Config item tags (a map) in the CloudFormation Tags shape (a list of Key/Value). */
export const tagList = (item: ConfigurationItem, fromConfiguration?: unknown): { Key: string; Value: string }[] => {
  const tags = new Map(Object.entries(item.tags));
  if (isRecord(fromConfiguration))
    for (const [key, value] of Object.entries(fromConfiguration))
      if (typeof value === "string" && !tags.has(key)) tags.set(key, value);
  for (const tag of asArray(fromConfiguration)) {
    if (!isRecord(tag)) continue;
    const key = tag.key ?? tag.Key;
    const value = tag.value ?? tag.Value;
    if (typeof key === "string" && typeof value === "string" && !tags.has(key)) tags.set(key, value);
  }
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
};

/**
 * IAM policy documents arrive as objects, as URL-encoded JSON strings (real items), or wrapped in
 * a one-element array (some samples). Returns the document, or an UnknownValue saying why not.
 */
export const policyDocument = (value: unknown, what: string): Record<string, unknown> | UnknownValue | undefined => {
  if (value === undefined || value === null || value === "") return undefined;
  if (Array.isArray(value))
    return value.length === 1 ? policyDocument(value[0], what) : unknownValue(`${what} is a list`);
  if (isRecord(value)) return value;
  if (typeof value !== "string") return unknownValue(`${what} is not a document`);
  return policyObjectOf(value) ?? unknownValue(`${what} is not valid (URL-encoded) JSON`);
};

/** A configuration that must be an object to map (Config gives null for deleted resources). */
export const configurationOf = (item: ConfigurationItem): Record<string, unknown> => item.configuration ?? {};

/**
 * The mapper of a resource whose properties read straight from its configuration: `aliases` are
 * its names besides its ARN, resource id and name (see identity); `properties` maps the
 * configuration, and those left undefined are dropped.
 */
export const configurationMapper =
  (
    aliases: (c: Record<string, unknown>) => unknown[],
    properties: (c: Record<string, unknown>, item: ConfigurationItem) => Record<string, unknown>,
  ): ItemMapper =>
  (item) => {
    const c = configurationOf(item);
    return { ...identity(item, ...aliases(c)), properties: defined(properties(c, item)) };
  };
