import type { Status } from "../model/finding";
import type { SimulatedDecisions } from "./iam-simulate";

/** The readiness.yml action sets of iam-least-privilege. */
export interface ActionSets {
  readonly mustDeny: readonly string[];
  readonly mustAllow: readonly string[];
}

export interface RoleVerdict {
  readonly status: Status;
  /** Why, without the role's name: "allows iam:PassRole (must deny)". */
  readonly detail: string;
}

/** Every action the simulation must answer, once each (IAM action names are case-insensitive). */
export const actionsToSimulate = (sets: ActionSets): string[] => {
  const seen = new Map<string, string>();
  for (const action of [...sets.mustDeny, ...sets.mustAllow])
    if (!seen.has(action.toLowerCase())) seen.set(action.toLowerCase(), action);
  return [...seen.values()];
};

/**
 * Given the simulator's decisions for one role: a must-deny action that is "allowed" fails it, and
 * so does a must-allow action that is denied (explicitly or implicitly). An action the simulator
 * did not answer leaves the role undecided, never passed.
 */
export const judgeRole = (decisions: SimulatedDecisions, sets: ActionSets): RoleVerdict => {
  const decisionOf = (action: string): string | undefined => decisions.get(action.toLowerCase());
  const allowedButMustDeny = sets.mustDeny.filter((a) => decisionOf(a) === "allowed");
  const deniedButMustAllow = sets.mustAllow.filter((a) => {
    const decision = decisionOf(a);
    return decision !== undefined && decision !== "allowed";
  });
  const unanswered = actionsToSimulate(sets).filter((a) => decisionOf(a) === undefined);
  const problems = [
    ...(allowedButMustDeny.length ? [`allows ${allowedButMustDeny.join(", ")} (must deny)`] : []),
    ...(deniedButMustAllow.length ? [`denies ${deniedButMustAllow.join(", ")} (must allow)`] : []),
  ];
  if (problems.length) return { status: "fail", detail: problems.join("; ") };
  if (unanswered.length) return { status: "unknown", detail: `no simulated decision for ${unanswered.join(", ")}` };
  const parts = [
    ...(sets.mustDeny.length ? [`denies all ${sets.mustDeny.length} must-deny actions`] : []),
    ...(sets.mustAllow.length ? [`allows all ${sets.mustAllow.length} must-allow actions`] : []),
  ];
  return { status: "pass", detail: parts.join(" and ") };
};
