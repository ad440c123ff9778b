import { DerivationError } from "./errors";

/** `service:Action`, exact: no wildcard anywhere (a wildcard would grant more than a rule declared). */
const EXACT_ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

/**
 * Verbs of API calls without side effects. Rules only read the account, and their actions are
 * granted on `*` (most Describe/List calls have no resource-level permissions), so a rule that
 * declares anything else is refused rather than silently handed a write permission on `*`.
 */
const SIDE_EFFECT_FREE_VERB =
  /^(Describe|List|Get|BatchGet|Query|Scan|Select|Search|Lookup|Filter|Simulate)[A-Za-z0-9]*$/;

/** Throws unless the action is an exact `service:Action` name; `declaredBy` names the declaration. */
export const assertExactAction = (action: string, declaredBy: string): void => {
  if (EXACT_ACTION.test(action)) return;
  if (action.includes("*") || action.includes("?"))
    throw new DerivationError(
      `IAM action "${action}" declared by ${declaredBy} is a wildcard`,
      "declare each API call by its exact name (e.g. ecs:DescribeServices), never a wildcard",
    );
  throw new DerivationError(
    `IAM action "${action}" declared by ${declaredBy} is not of the form service:Action`,
    "write the IAM service prefix, a colon and the API name (e.g. ec2:DescribeVpcs)",
  );
};

/** True for API calls that only read (Describe, List, Get, Query, Simulate...). */
export const isSideEffectFree = (action: string): boolean => SIDE_EFFECT_FREE_VERB.test(action.split(":")[1] ?? "");
