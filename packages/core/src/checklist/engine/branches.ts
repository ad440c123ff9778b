import type { ItemId } from "../catalogue/items";
import type { ParamsOf } from "../catalogue/params";
import type { Assumption, Inventory } from "../inventory/inventory";
import type { Verdict } from "../model/finding";
import type { Resource } from "../model/resource";
import type { ConfigRule, RuleOutcome } from "../rules/rule";
import type { Scope } from "./scope";

type Isolated = (
  rule: ConfigRule,
  subject: Resource,
  input: { inventory: Inventory; scope: Scope },
  params: ParamsOf<ItemId>,
) => readonly RuleOutcome[];

interface BranchOutcomes {
  readonly assumptions: readonly Assumption[];
  readonly outcomes: readonly RuleOutcome[];
}

/**
 * Judges a subject in every branch of the inventory (each combination of conditions that cannot be
 * decided before deploy) and keeps what they agree on: a resource passes only if it passes in every
 * branch, fails only if it fails in every branch, and is unknown otherwise. A branch in which the
 * subject is not created does not count. Rules stay unaware of branches.
 */
export const evaluateAcrossBranches = (
  evaluate: Isolated,
  rule: ConfigRule,
  subject: Resource,
  input: { inventory: Inventory; scope: Scope },
  params: ParamsOf<ItemId>,
): readonly RuleOutcome[] => {
  const judged: BranchOutcomes[] = [];
  for (const branch of input.inventory.branches) {
    const own = branch.inventory.get(subject.id);
    if (own)
      judged.push({
        assumptions: branch.assumptions,
        outcomes: evaluate(rule, own, { ...input, inventory: branch.inventory }, params),
      });
  }
  if (judged.length === 0) return evaluate(rule, subject, input, params);
  return mergeBranches(judged, subject.id, input.inventory);
};

/** Outcomes of one branch by "<resource id>#<n>": a rule may report on several resources, or one resource more than once. */
const keyed = (outcomes: readonly RuleOutcome[], subjectId: string): Map<string, RuleOutcome> => {
  const byKey = new Map<string, RuleOutcome>();
  const seen = new Map<string, number>();
  for (const outcome of outcomes) {
    const id = outcome.resource?.id ?? subjectId;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    byKey.set(`${id}#${n}`, outcome);
  }
  return byKey;
};

const NOT_REPORTED: RuleOutcome = { verdict: "not_applicable", reason: "not reported" };

const mergeBranches = (judged: readonly BranchOutcomes[], subjectId: string, base: Inventory): RuleOutcome[] => {
  const byBranch = judged.map((branch) => keyed(branch.outcomes, subjectId));
  const keys = [...new Set(byBranch.flatMap((outcomes) => [...outcomes.keys()]))];
  return keys.map((key) => {
    const outcomes = byBranch.map((outcomes) => outcomes.get(key) ?? NOT_REPORTED);
    const found = outcomes.find((outcome) => outcome !== NOT_REPORTED)!;
    // Findings point at the resource of the inventory the report describes, not a branch's copy.
    const resource = found.resource && (base.get(found.resource.id) ?? found.resource);
    const verdicts = new Set(outcomes.map((outcome) => outcome.verdict));
    const agreed = verdicts.size === 1 ? found.verdict : undefined;
    const reason = agreed ? agreedReason(judged, outcomes) : `${depends(judged)}: ${splitReason(judged, outcomes)}`;
    return { verdict: agreed ?? "unknown", reason, ...(resource ? { resource } : {}) };
  });
};

const depends = (judged: readonly BranchOutcomes[]): string => {
  const conditions = new Set(judged.flatMap((branch) => branch.assumptions.map((a) => a.condition)));
  return conditions.size === 1
    ? "depends on a condition that cannot be decided before deploy"
    : "depends on conditions that cannot be decided before deploy";
};

const VERDICT_WORDS: Record<Verdict, string> = {
  compliant: "passes",
  non_compliant: "fails",
  unknown: "cannot be decided",
  not_applicable: "does not apply",
};

/** One reason when all branches give it; else each reason with the branches that give it. */
const agreedReason = (judged: readonly BranchOutcomes[], outcomes: readonly RuleOutcome[]): string => {
  const groups = groupBy(outcomes, (outcome) => outcome.reason);
  if (groups.size === 1) return outcomes[0].reason;
  return [...groups].map(([reason, members]) => `${describeBranches(judged, members)}: ${reason}`).join("; ");
};

const splitReason = (judged: readonly BranchOutcomes[], outcomes: readonly RuleOutcome[]): string => {
  const groups = groupBy(outcomes, (outcome) => `${VERDICT_WORDS[outcome.verdict]} (${outcome.reason})`);
  return [...groups].map(([text, members]) => `${describeBranches(judged, members)}, ${text}`).join("; ");
};

/** Branch indexes by a key of their outcome, in branch order. */
const groupBy = (outcomes: readonly RuleOutcome[], keyOf: (outcome: RuleOutcome) => string): Map<string, number[]> => {
  const groups = new Map<string, number[]>();
  outcomes.forEach((outcome, index) => {
    const key = keyOf(outcome);
    const members = groups.get(key);
    if (members) members.push(index);
    else groups.set(key, [index]);
  });
  return groups;
};

/**
 * "when UseSidecar is true": the assumptions every member shares, when exactly the members share
 * them; otherwise each member's assumptions in full.
 */
const describeBranches = (judged: readonly BranchOutcomes[], members: readonly number[]): string => {
  const shared = judged[members[0]].assumptions.filter((assumption) =>
    members.every((m) =>
      judged[m].assumptions.some((a) => a.condition === assumption.condition && a.holds === assumption.holds),
    ),
  );
  const matching = judged.filter((branch) =>
    shared.every((assumption) =>
      branch.assumptions.some((a) => a.condition === assumption.condition && a.holds === assumption.holds),
    ),
  );
  if (shared.length > 0 && matching.length === members.length) return `when ${conditionsText(shared)}`;
  return members.map((m) => `when ${conditionsText(judged[m].assumptions)}`).join(" or ");
};

const conditionsText = (assumptions: readonly Assumption[]): string =>
  assumptions.map((a) => `${a.condition} is ${a.holds}`).join(" and ");
