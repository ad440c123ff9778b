import type { ChecklistItem, ItemId } from "../catalogue/items";
import type { ConfigRule } from "../rules/rule";
import { DerivationError } from "./errors";
import { encodeInputParameters, type InputParameters } from "./input-parameters";

/** AWS Config's limit on `Scope.ComplianceResourceTypes`. */
export const MAX_SCOPE_TYPES = 100;

/** The deployed Config rule of a checklist item. */
export const configRuleName = (itemId: ItemId): string => `readiness-${itemId}`;

/** How one checklist item is deployed as an AWS Config custom rule. */
export interface ConfigRuleSpec {
  readonly itemId: ItemId;
  readonly name: string;
  /** Config-recorded resource types whose changes trigger the rule; empty: no change trigger. */
  readonly changeTypes: readonly string[];
  /** Also (or only) evaluated every 24 hours. */
  readonly periodic: boolean;
  /** Types the item's rules evaluate that Config does not record: only the periodic run sees them. */
  readonly unrecordedTypes: readonly string[];
  readonly inputParameters: InputParameters;
}

export interface ConfigRuleInputs {
  readonly items: readonly ChecklistItem[];
  readonly rules: readonly ConfigRule[];
  /** An item's parameters: defaults overridden by readiness.yml. */
  readonly paramsOf: (id: ItemId) => Readonly<Record<string, unknown>>;
  /** Resource types AWS Config records (CloudFormation type names). */
  readonly recordedTypes: ReadonlySet<string>;
}

/**
 * The Config change scope of a set of rules: the subject types they evaluate, split into those
 * Config records (they can trigger the rule) and those it does not. Types a rule only reads are
 * not in scope: Config would post evaluations for the subject, not for what it read.
 */
export const changeScopeOf = (
  rules: readonly ConfigRule[],
  recordedTypes: ReadonlySet<string>,
): { recorded: string[]; unrecorded: string[] } => {
  const types = [...new Set(rules.flatMap((r) => r.resourceTypes))].sort();
  return {
    recorded: types.filter((t) => recordedTypes.has(t)),
    unrecorded: types.filter((t) => !recordedTypes.has(t)),
  };
};

/**
 * One Config rule per checklist item. An item whose rules evaluate Config-recorded types is
 * change-triggered on them; an item without any is periodic (every 24 h). Config items are also
 * periodic, so the nightly run catches what no change notification reports (deleted resources,
 * unrecorded types, relations that changed on the other side).
 */
export const configRuleSpecs = ({ items, rules, paramsOf, recordedTypes }: ConfigRuleInputs): ConfigRuleSpec[] => {
  const byItem = new Map<ItemId, ConfigRule[]>();
  for (const rule of rules) byItem.set(rule.itemId, [...(byItem.get(rule.itemId) ?? []), rule]);
  return items.map((item) => {
    const scope = changeScopeOf(byItem.get(item.id) ?? [], recordedTypes);
    if (scope.recorded.length > MAX_SCOPE_TYPES)
      throw new DerivationError(
        `the rules of ${item.id} evaluate ${scope.recorded.length} resource types, over AWS Config's ${MAX_SCOPE_TYPES} per rule`,
        "split the item's rules, or narrow their resourceTypes",
      );
    return {
      itemId: item.id,
      name: configRuleName(item.id),
      changeTypes: scope.recorded,
      periodic: scope.recorded.length === 0 || item.kinds.includes("config"),
      unrecordedTypes: scope.unrecorded,
      inputParameters: encodeInputParameters(item.id, paramsOf(item.id)),
    };
  });
};
