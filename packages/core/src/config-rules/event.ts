import { type ConfigurationItem, ConfigurationItemError, parseConfigurationItem } from "../checklist/adapters/config-item/item";
import type { ChecklistItem, ItemId, ParamsOf } from "../checklist/catalogue/items";
import { isRecord } from "../checklist/model/value";
import { MalformedEventError } from "./errors";
import { parseRuleParameters } from "./params";

/** The event AWS Config sends a custom Lambda rule. */
export interface ConfigRuleEvent {
  readonly version?: string;
  /** JSON string: the notification. */
  readonly invokingEvent: string;
  /** JSON string: the rule's input parameters. */
  readonly ruleParameters?: string;
  readonly resultToken: string;
  readonly eventLeftScope?: boolean;
  readonly executionRoleArn?: string;
  readonly configRuleArn?: string;
  readonly configRuleName: string;
  readonly configRuleId?: string;
  readonly accountId?: string;
  readonly evaluationMode?: string;
}

export const MESSAGE_TYPES = {
  change: "ConfigurationItemChangeNotification",
  oversized: "OversizedConfigurationItemChangeNotification",
  scheduled: "ScheduledNotification",
} as const;

/** What an oversized notification says about the item it could not carry. */
export interface ItemSummary {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName?: string;
  readonly arn?: string;
  readonly configurationItemStatus: string;
}

export type Notification =
  | { readonly kind: "change"; readonly item: ConfigurationItem }
  | { readonly kind: "oversized"; readonly summary: ItemSummary }
  | { readonly kind: "scheduled" };

export interface ParsedEvent {
  readonly ruleName: string;
  readonly resultToken: string;
  /** `resultToken` is "TESTMODE": evaluations are validated by Config, not recorded. */
  readonly testMode: boolean;
  readonly eventLeftScope: boolean;
  readonly itemId: ItemId;
  /** The item's declaration (loaded for this event: the evaluator never loads the whole catalogue). */
  readonly item: ChecklistItem;
  readonly params: ParamsOf<ItemId>;
  readonly notification: Notification;
  /** When Config created the notification: the evaluations' ordering timestamp. */
  readonly notificationTime?: Date;
}

export const TEST_MODE_TOKEN = "TESTMODE";

/** Validates a Config rule event; anything it cannot use is a MalformedEventError saying where. */
export const parseConfigRuleEvent = async (raw: unknown): Promise<ParsedEvent> => {
  if (!isRecord(raw)) throw new MalformedEventError("not an object", "event", "invoke the function through AWS Config");
  const ruleName = requiredText(raw, "configRuleName");
  const resultToken = requiredText(raw, "resultToken");
  const invoking = parseInvokingEvent(raw.invokingEvent);
  const { itemId, item, params } = await parseRuleParameters(raw.ruleParameters);
  const time =
    typeof invoking.notificationCreationTime === "string" ? new Date(invoking.notificationCreationTime) : undefined;
  return {
    ruleName,
    resultToken,
    testMode: resultToken === TEST_MODE_TOKEN,
    eventLeftScope: raw.eventLeftScope === true || raw.eventLeftScope === "true",
    itemId,
    item,
    params,
    notification: notificationOf(invoking),
    notificationTime: time && !Number.isNaN(time.getTime()) ? time : undefined,
  };
};

const requiredText = (raw: Record<string, unknown>, field: string): string => {
  const value = raw[field];
  if (typeof value === "string" && value !== "") return value;
  throw new MalformedEventError(
    value === undefined ? "missing" : "not a non-empty string",
    field,
    "AWS Config always sets it",
  );
};

const parseInvokingEvent = (value: unknown): Record<string, unknown> => {
  const hint = "AWS Config sets invokingEvent to a JSON string with a messageType";
  if (value === undefined || value === null || value === "")
    throw new MalformedEventError("missing", "invokingEvent", hint);
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new MalformedEventError("not valid JSON", "invokingEvent", hint, { cause: error });
    }
  }
  if (!isRecord(parsed)) throw new MalformedEventError("not a JSON object", "invokingEvent", hint);
  return parsed;
};

const notificationOf = (invoking: Record<string, unknown>): Notification => {
  const type = invoking.messageType;
  if (type === MESSAGE_TYPES.scheduled) return { kind: "scheduled" };
  if (type === MESSAGE_TYPES.change) return { kind: "change", item: itemOf(invoking.configurationItem) };
  if (type === MESSAGE_TYPES.oversized)
    return { kind: "oversized", summary: summaryOf(invoking.configurationItemSummary) };
  throw new MalformedEventError(
    type === undefined ? "no messageType" : `unsupported messageType ${JSON.stringify(type)}`,
    "invokingEvent.messageType",
    `expected one of ${Object.values(MESSAGE_TYPES).join(", ")}`,
  );
};

const itemOf = (raw: unknown): ConfigurationItem => {
  const field = "invokingEvent.configurationItem";
  if (!isRecord(raw))
    throw new MalformedEventError("missing", field, "a change notification carries the configuration item");
  try {
    return parseConfigurationItem(raw);
  } catch (error) {
    if (error instanceof ConfigurationItemError)
      throw new MalformedEventError(error.message, field, "the item must name resourceType, resourceId and status", {
        cause: error,
      });
    throw error;
  }
};

const summaryOf = (raw: unknown): ItemSummary => {
  const field = "invokingEvent.configurationItemSummary";
  if (!isRecord(raw))
    throw new MalformedEventError("missing", field, "an oversized notification carries the item summary");
  const text = (key: string): string | undefined =>
    typeof raw[key] === "string" && raw[key] !== "" ? (raw[key] as string) : undefined;
  const resourceType = text("resourceType");
  const resourceId = text("resourceId");
  if (!resourceType || !resourceId)
    throw new MalformedEventError(
      "no resourceType or resourceId",
      field,
      "the summary must name the resource to fetch",
    );
  return {
    resourceType,
    resourceId,
    resourceName: text("resourceName"),
    arn: text("ARN") ?? text("arn"),
    configurationItemStatus: text("configurationItemStatus") ?? "OK",
  };
};
