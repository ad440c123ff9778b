import { isRecord } from "../../model/value";
import * as z from "../../../kernel/validation/zod";

/**
 * A configuration item as AWS Config delivers it (`invokingEvent.configurationItem`) or as
 * `GetResourceConfigHistory` returns it once its JSON-string fields are parsed. Only the fields the
 * adapter reads are typed; everything else passes through untouched.
 */
export interface ConfigurationItem {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName?: string;
  readonly arn?: string;
  readonly awsRegion?: string;
  readonly accountId?: string;
  readonly configurationItemStatus: string;
  readonly configurationItemCaptureTime?: string;
  /** Null for deleted resources. */
  readonly configuration: Record<string, unknown> | null;
  readonly supplementaryConfiguration: Record<string, unknown>;
  readonly tags: Record<string, string>;
}

/** Statuses for which the item carries no current configuration: the rule does not apply. */
export const GONE_STATUSES = ["ResourceDeleted", "ResourceDeletedNotRecorded", "ResourceNotRecorded"] as const;

export const isGone = (item: Pick<ConfigurationItem, "configurationItemStatus">): boolean =>
  (GONE_STATUSES as readonly string[]).includes(item.configurationItemStatus);

const optionalText = z.pipe(
  z.nullish(z.string()),
  z.transform((v) => v ?? undefined),
);

/**
 * Items from change notifications (version 1.3) spell the ARN `ARN`; history and older samples
 * (version 1.2) spell it `arn`. Both are accepted.
 */
export const configurationItemSchema = z.pipe(
  z.looseObject({
    resourceType: z.string().check(z.minLength(1)),
    resourceId: z.string().check(z.minLength(1)),
    resourceName: optionalText,
    arn: optionalText,
    ARN: optionalText,
    awsRegion: optionalText,
    accountId: optionalText,
    awsAccountId: optionalText,
    configurationItemStatus: z.string().check(z.minLength(1)),
    configurationItemCaptureTime: z.nullish(z.union([z.string(), z.date()])),
    configuration: z.unknown(),
    supplementaryConfiguration: z.unknown(),
    tags: z.unknown(),
  }),
  z.transform(
    (raw): ConfigurationItem => ({
      resourceType: raw.resourceType,
      resourceId: raw.resourceId,
      resourceName: raw.resourceName,
      arn: raw.ARN ?? raw.arn,
      awsRegion: raw.awsRegion,
      accountId: raw.accountId ?? raw.awsAccountId,
      configurationItemStatus: raw.configurationItemStatus,
      configurationItemCaptureTime:
        raw.configurationItemCaptureTime instanceof Date
          ? raw.configurationItemCaptureTime.toISOString()
          : (raw.configurationItemCaptureTime ?? undefined),
      configuration: parseJsonField(raw.configuration),
      supplementaryConfiguration: parseSupplementary(raw.supplementaryConfiguration),
      tags: parseTags(raw.tags),
    }),
  ),
);

/** `configuration` is an object in notifications and a JSON string in GetResourceConfigHistory. */
const parseJsonField = (value: unknown): Record<string, unknown> | null => {
  if (value === undefined || value === null || value === "" || value === "null") return null;
  if (isRecord(value)) return value;
  if (typeof value === "string") {
    const parsed: unknown = JSON.parse(value);
    if (isRecord(parsed)) return parsed;
  }
  throw new Error("configuration is neither an object nor a JSON object string");
};

/** Each supplementary configuration value is a JSON string in GetResourceConfigHistory. */
const parseSupplementary = (value: unknown): Record<string, unknown> => {
  if (!isRecord(value)) return {};
  const parsed: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== "string") {
      parsed[key] = entry;
      continue;
    }
    try {
      parsed[key] = JSON.parse(entry);
    } catch {
      parsed[key] = entry;
    }
  }
  return parsed;
};

const parseTags = (value: unknown): Record<string, string> => {
  if (!isRecord(value)) return {};
  const tags: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) if (typeof entry === "string") tags[key] = entry;
  return tags;
};

export class ConfigurationItemError extends Error {
  override readonly name = "ConfigurationItemError";
}

/** Validates a raw configuration item; the error message lists what is missing or malformed. */
export const parseConfigurationItem = (raw: unknown): ConfigurationItem => {
  try {
    const result = configurationItemSchema.safeParse(raw);
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(item)"}: ${issue.message}`);
    throw new ConfigurationItemError(`invalid configuration item: ${problems.join("; ")}`);
  } catch (error) {
    if (error instanceof ConfigurationItemError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigurationItemError(`invalid configuration item: ${message}`, { cause: error });
  }
};
