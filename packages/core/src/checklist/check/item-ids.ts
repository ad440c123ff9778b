import { CHECKLIST, type ItemId } from "../catalogue/items";
import { UsageError } from "../../kernel/errors";
import { closestMatch } from "../../kernel/suggest";

export const ITEM_IDS: readonly ItemId[] = CHECKLIST.map((item) => item.id);

export const isItemId = (value: string): value is ItemId => (ITEM_IDS as readonly string[]).includes(value);

/**
 * Item ids from --only/--skip values, each comma-separated or repeated ("a,b" "c"). An unknown id is
 * a usage error that lists the valid ids (and the closest one when it looks like a typo).
 */
export const parseItemIds = (values: readonly string[], flag: string): ItemId[] => {
  const ids = values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !isItemId(id));
  if (unknown.length > 0) {
    const guess = closestMatch(unknown[0], ITEM_IDS);
    throw new UsageError(
      `unknown item id${unknown.length > 1 ? "s" : ""} ${unknown.map((id) => `"${id}"`).join(", ")} in ${flag}`,
      undefined,
      `${guess ? `did you mean "${guess}"? ` : ""}valid ids: ${ITEM_IDS.join(", ")}`,
    );
  }
  return [...new Set(ids)] as ItemId[];
};

/** --only and --skip together; leaving nothing to check is a usage error rather than an empty, passing run. */
export const parseSelection = (
  only: readonly string[],
  skip: readonly string[],
): { only: ItemId[]; skip: ItemId[] } => {
  const selection = { only: parseItemIds(only, "--only"), skip: parseItemIds(skip, "--skip") };
  const remaining = (selection.only.length ? selection.only : ITEM_IDS).filter((id) => !selection.skip.includes(id));
  if (remaining.length === 0)
    throw new UsageError("--only and --skip leave no item to check", undefined, "skip fewer items, or drop --skip");
  return selection;
};
