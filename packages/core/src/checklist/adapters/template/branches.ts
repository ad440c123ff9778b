import { TemplateError } from "../../../kernel/errors";
import { type Assumption, Inventory, type InventoryBranch } from "../../inventory/inventory";
import type { Resource } from "../../model/resource";

/**
 * At most this many combinations of undecidable conditions are judged one by one: each is a whole
 * evaluation of the templates. Beyond it, values under those conditions stay unknown.
 */
export const MAX_BRANCHES = 32;

/** The resources of one evaluation of every stack, and the undecidable Fn::If conditions it met. */
export interface StacksEvaluation {
  readonly resources: Resource[];
  /** Condition key → why it cannot be decided. */
  readonly undecided: ReadonlyMap<string, string>;
}

type EvaluateStacks = (assumed: ReadonlyMap<string, boolean>) => StacksEvaluation;

/**
 * Evaluates the templates, and once more under every combination of the Fn::If conditions that
 * cannot be decided before deploy (a condition met only inside a branch is split when that branch
 * is taken). The first evaluation, where those values are unknown, is the inventory; the
 * combinations are its branches, which the engine judges instead.
 */
export const evaluateBranches = (evaluate: EvaluateStacks, warnings: string[]): Inventory => {
  const first = evaluate(new Map());
  if (first.undecided.size === 0) return new Inventory(first.resources, "template");
  const reasons = new Map(first.undecided);
  const branches: InventoryBranch[] = [];
  const pending = splits(new Map(), [...first.undecided.keys()]);
  if (!pending) {
    warnings.push(tooManyBranches(reasons));
    return new Inventory(first.resources, "template");
  }
  while (pending.length > 0) {
    const assumed = pending.pop()!;
    const evaluation = evaluateOrExplain(evaluate, assumed);
    if (typeof evaluation === "string") {
      // A combination the real parameters may never produce can break a function (an index out of
      // range): the branches cannot all be judged, so nothing is judged by branch.
      warnings.push(`${describeConditions(reasons)}: ${evaluation}, so the values under them stay unknown`);
      return new Inventory(first.resources, "template");
    }
    const open = [...evaluation.undecided.keys()].filter((key) => !assumed.has(key));
    for (const key of open) reasons.set(key, evaluation.undecided.get(key)!);
    if (open.length === 0) {
      branches.push({
        assumptions: assumptionsOf(assumed),
        inventory: new Inventory(evaluation.resources, "template"),
      });
      continue;
    }
    const more = splits(assumed, open);
    if (!more || branches.length + pending.length + more.length > MAX_BRANCHES) {
      warnings.push(tooManyBranches(reasons));
      return new Inventory(first.resources, "template");
    }
    pending.push(...more);
  }
  warnings.push(
    `${describeConditions(reasons)}: each item is judged under all ${branches.length} combinations; it passes only if it passes under every one and fails only if it fails under every one`,
  );
  branches.reverse();
  return new Inventory(first.resources, "template", branches);
};

const evaluateOrExplain = (
  evaluate: EvaluateStacks,
  assumed: ReadonlyMap<string, boolean>,
): StacksEvaluation | string => {
  try {
    return evaluate(assumed);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const when = assumptionsOf(assumed)
      .map((a) => `${a.condition} is ${a.holds}`)
      .join(" and ");
    return `when ${when}, the template cannot be evaluated (${error.message})`;
  }
};

/** Every extension of `assumed` with a value for each key; undefined when that is too many. */
const splits = (assumed: ReadonlyMap<string, boolean>, keys: readonly string[]): Map<string, boolean>[] | undefined => {
  if (2 ** keys.length > MAX_BRANCHES) return undefined;
  let combinations = [new Map(assumed)];
  for (const key of keys)
    combinations = combinations.flatMap((combination) => [
      new Map(combination).set(key, true),
      new Map(combination).set(key, false),
    ]);
  return combinations;
};

const assumptionsOf = (assumed: ReadonlyMap<string, boolean>): Assumption[] =>
  [...assumed].map(([condition, holds]) => ({ condition, holds }));

const describeConditions = (reasons: ReadonlyMap<string, string>): string =>
  `${reasons.size === 1 ? "a condition" : `${reasons.size} conditions`} cannot be decided before deploy (${[...reasons.values()].join("; ")})`;

const tooManyBranches = (reasons: ReadonlyMap<string, string>): string =>
  `${describeConditions(reasons)}: they make more than ${MAX_BRANCHES} combinations to judge one by one, so the values under them stay unknown; give their parameters with --parameter`;
