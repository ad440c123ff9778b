import type { ChecklistItem, ItemId, ParamsOf } from "../checklist/catalogue/items";
import { isLoadableItemId, loadItem } from "../checklist/catalogue/loaders";
import { isRecord } from "../checklist/model/value";
import type * as z from "../kernel/validation/zod";
import { MalformedEventError } from "./errors";

const FIELD = "ruleParameters";

export interface RuleParameters {
  readonly itemId: ItemId;
  /** The item's declaration, loaded for this event alone (its rules, its parameter schema). */
  readonly item: ChecklistItem;
  readonly params: ParamsOf<ItemId>;
}

/**
 * Reads the rule's input parameters: `itemId` names the checklist item, the other keys are its
 * parameters. Config stores every input parameter as a string, so a value is taken as written
 * when the parameter's schema accepts it, otherwise as JSON (`"30"` → 30, `'["a"]'` → ["a"]).
 */
export const parseRuleParameters = async (raw: unknown): Promise<RuleParameters> => {
  if (raw === undefined || raw === null || raw === "")
    throw new MalformedEventError("missing", FIELD, 'every readiness rule passes {"itemId": "<checklist item id>"}');
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new MalformedEventError("not valid JSON", FIELD, "set the rule's input parameters to a JSON object", {
        cause: error,
      });
    }
  }
  if (!isRecord(parsed)) throw new MalformedEventError("not a JSON object", FIELD, 'expected {"itemId": "…", …}');
  const { itemId, ...rest } = parsed;
  if (typeof itemId !== "string" || itemId === "")
    throw new MalformedEventError("no itemId", `${FIELD}.itemId`, "name the checklist item this rule evaluates");
  if (!isLoadableItemId(itemId))
    throw new MalformedEventError(
      `unknown item "${itemId}"`,
      `${FIELD}.itemId`,
      "use a checklist item id such as container-hardening",
    );
  const item: ChecklistItem = await loadItem(itemId);
  return { itemId, item, params: parseItemParams(item, rest) };
};

const parseItemParams = (item: ChecklistItem, raw: Record<string, unknown>): ParamsOf<ItemId> => {
  const itemId = item.id;
  const schema = item.params as unknown as z.ZodMiniObject;
  const shape = schema.shape as Record<string, z.ZodMiniType>;
  const candidate: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = shape[key];
    if (!field) {
      const known = Object.keys(shape);
      throw new MalformedEventError(
        `unknown parameter "${key}" for ${itemId}`,
        `${FIELD}.${key}`,
        known.length ? `known parameters: ${known.join(", ")}` : `${itemId} takes no parameters`,
      );
    }
    candidate[key] = coerce(field, value);
  }
  const result = schema.safeParse(candidate);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = [FIELD, ...issue.path.map(String)].join(".");
    throw new MalformedEventError(issue.message, where, `fix the rule's input parameters for ${itemId}`);
  }
  return result.data as ParamsOf<ItemId>;
};

const coerce = (field: z.ZodMiniType, value: unknown): unknown => {
  if (typeof value !== "string" || field.safeParse(value).success) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};
