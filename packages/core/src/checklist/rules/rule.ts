import type { ItemId, ParamsOf } from "../catalogue/items";
import type { Inventory } from "../inventory/inventory";
import type { Verdict } from "../model/finding";
import type { Resource } from "../model/resource";
import type { Scope } from "../engine/scope";

/** The outcome of a rule on one resource. `resource` overrides the subject (e.g. a finding on a log group found via a service). */
export interface RuleOutcome {
  readonly verdict: Verdict;
  /** Specific and complete ("container api: user is root"); only the Config annotation made from it is cut to 256 chars. */
  readonly reason: string;
  readonly resource?: Resource;
}

export interface RuleContext<Id extends ItemId = ItemId> {
  readonly inventory: Inventory;
  readonly params: ParamsOf<Id>;
  readonly scope: Scope;
}

/**
 * One configuration rule: a pure, synchronous function from a subject resource and the inventory
 * to outcomes. Missing fields are findings, never exceptions; the engine turns a throw into an
 * `unknown` evaluation-error finding for that resource only.
 */
export interface ConfigRule<Id extends ItemId = ItemId> {
  readonly itemId: Id;
  /** Subject types: the engine calls evaluate once per in-scope resource of these types. */
  readonly resourceTypes: readonly string[];
  /** Other types the rule reads through the inventory (live collection and Config change scope use them). */
  readonly readsTypes: readonly string[];
  evaluate(subject: Resource, context: RuleContext<Id>): RuleOutcome | readonly RuleOutcome[];
}

/** The constructor of outcomes with one verdict. */
const outcomeWith =
  (verdict: Verdict) =>
  (reason: string, resource?: Resource): RuleOutcome => ({ verdict, reason, resource });

export const compliant = outcomeWith("compliant");
export const nonCompliant = outcomeWith("non_compliant");
export const notApplicable = outcomeWith("not_applicable");
export const undecided = outcomeWith("unknown");

/** Defines a rule with its item's parameter type inferred. */
export const defineRule = <Id extends ItemId>(rule: ConfigRule<Id>): ConfigRule<Id> => rule;

/**
 * Every distinct reason, in order: several checks of one resource often fail for the same reason.
 * Nothing is cut here: reports carry each finding in full, and only the AWS Config annotation is
 * cut to Config's limit (config-rules/annotation.ts).
 */
const distinctReasons = (outcomes: readonly RuleOutcome[]): string =>
  [...new Set(outcomes.map((c) => c.reason))].join("; ");

/**
 * Combines several checks of one resource into one outcome: any failure → non_compliant with every
 * distinct failure reason; otherwise any unknown → unknown; otherwise compliant with the pass reason.
 */
export const combine = (checks: readonly RuleOutcome[], passReason: string, resource?: Resource): RuleOutcome => {
  const failed = checks.filter((c) => c.verdict === "non_compliant");
  if (failed.length > 0) return nonCompliant(distinctReasons(failed), resource);
  const unknowns = checks.filter((c) => c.verdict === "unknown");
  if (unknowns.length > 0) return undecided(distinctReasons(unknowns), resource);
  return compliant(passReason, resource);
};
