import type { ItemId } from "@readiness/core/checklist/catalogue/items";
import { defaultParams } from "@readiness/core/checklist/catalogue/params";
import { DEFAULT_CONFIG, type ReadinessConfig } from "@readiness/core/checklist/config/schema";
import type { Inventory } from "@readiness/core/checklist/inventory/inventory";
import type { Resource } from "@readiness/core/checklist/model/resource";
import type { ConfigRule, RuleOutcome } from "@readiness/core/checklist/rules/rule";
import { scopeOf } from "./builders";

/**
 * What `rule` decides about one subject (a resource, or its id in `inventory`), with its item's
 * default parameters and the scope `config` gives. For rules that answer one outcome a subject: a
 * rule that answers several fails the test here, and is evaluated directly instead.
 */
export const ruleOutcome = <Id extends ItemId>(
  rule: ConfigRule<Id>,
  inventory: Inventory,
  subject: string | Resource,
  config: ReadinessConfig = DEFAULT_CONFIG,
): RuleOutcome => {
  const resource = typeof subject === "string" ? inventory.get(subject) : subject;
  if (!resource) throw new Error(`no resource ${String(subject)} in the test's inventory`);
  const outcome = rule.evaluate(resource, {
    inventory,
    scope: scopeOf(inventory, config),
    params: defaultParams(rule.itemId),
  });
  if (Array.isArray(outcome))
    throw new Error(`${rule.itemId} answered ${outcome.length} outcomes: evaluate it directly`);
  return outcome as RuleOutcome;
};
