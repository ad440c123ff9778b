import { CHECKLIST, type ItemId } from "../catalogue/items";
import { liveActionsOfRules, typesUsedBy } from "./needs";
import type { ConfigRule } from "./rule";

/**
 * Every configuration rule, in checklist order and, within an item, in the order its declaration
 * lists them (checklist/catalogue/<item-id>.ts). Nothing to register here: an item's declaration is the list.
 */
export const RULES: readonly ConfigRule[] = CHECKLIST.flatMap((item): readonly ConfigRule[] => item.rules);

export const rulesForItem = (id: ItemId): readonly ConfigRule[] => RULES.filter((r) => r.itemId === id);

/** Every resource type any rule evaluates or reads: what live collection and Config scope must cover. */
export const typesUsedByRules = (rules: readonly ConfigRule[] = RULES): string[] => typesUsedBy(rules);

/** The IAM actions live evaluation of these rules needs (the evaluator's policy is derived from it). */
export const liveActionsOf = (rules: readonly ConfigRule[] = RULES): string[] => liveActionsOfRules(rules);
