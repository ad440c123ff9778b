import type { ItemId } from "../catalogue/items";
import { type ConfigRule, notApplicable } from "../rules/rule";

/** A rule for derivation tests: only its declarations matter, it never evaluates anything. */
export const declaredRule = (
  itemId: ItemId,
  declared: { resourceTypes?: readonly string[]; readsTypes?: readonly string[] } = {},
): ConfigRule => ({
  itemId,
  resourceTypes: declared.resourceTypes ?? [],
  readsTypes: declared.readsTypes ?? [],
  evaluate: () => notApplicable("declaration only"),
});
