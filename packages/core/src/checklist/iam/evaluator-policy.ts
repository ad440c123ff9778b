import type { ItemId } from "../catalogue/items";
import { PROBE_ACTIONS } from "../probes/actions";
import { liveActionsOfRules } from "../rules/needs";
import type { ConfigRule } from "../rules/rule";
import { assertExactAction, isSideEffectFree } from "./actions";
import { DerivationError } from "./errors";

/** One IAM policy statement (Allow), independent of CDK so it can be derived and tested in core. */
export interface PolicyStatementSpec {
  /** Statement id: says why the statement exists. */
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** The ARNs the evaluator's policy is scoped to (CDK tokens at synth time). */
export interface EvaluatorResourceArns {
  readonly resultsTable: string;
  /** Every Config rule of the account and region: `arn:<partition>:config:<region>:<account>:config-rule/*`. */
  readonly configRules: string;
}

/**
 * Config actions with no resource-level permissions: AWS only accepts them on `*`.
 * PutEvaluations posts the verdicts; GetResourceConfigHistory fetches oversized configuration items.
 */
export const CONFIG_ACTIONS_ON_ANY_RESOURCE = ["config:GetResourceConfigHistory", "config:PutEvaluations"] as const;

/** Config actions scoped to config-rule ARNs (rule ARNs carry a generated id, hence `config-rule/*`). */
export const CONFIG_ACTIONS_ON_RULES = ["config:GetComplianceDetailsByConfigRule"] as const;

/**
 * What the evaluator does with the results table: read stored evidence and earlier evaluations
 * (GetItem, Query, BatchGetItem), write the latest evaluation per item × resource (PutItem,
 * UpdateItem, BatchWriteItem). No Scan, no DeleteItem, no table-level action.
 */
export const RESULTS_TABLE_ACTIONS = [
  "dynamodb:BatchGetItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:Query",
  "dynamodb:UpdateItem",
] as const;

/**
 * Evidence and document items are evaluated against the ECS services in scope, which the
 * evaluator finds itself whatever rules exist: list and describe clusters, list and describe their
 * services. Secrets are listed too, so the `valueFrom` references of task definitions resolve to
 * resources of the inventory (and into a service's scope) the same way they do in a template.
 */
export const SCOPE_DISCOVERY_ACTIONS = [
  "ecs:DescribeClusters",
  "ecs:DescribeServices",
  "ecs:ListClusters",
  "ecs:ListServices",
  "secretsmanager:ListSecrets",
] as const;

/**
 * The live actions of the rules, each checked: exact (no wildcard) and side-effect free, because
 * they are granted on `*`. Sorted and deduplicated.
 */
export const liveReadActions = (rules: readonly ConfigRule[]): string[] => {
  const actions = liveActionsOfRules(rules);
  for (const action of actions)
    assertReadAction(action, "a live collector's api table (checklist/adapters/live/*.api.ts)");
  return actions;
};

/** An action granted on `*` must be exact and free of side effects; anything else fails the synth, naming who declared it. */
export const assertReadAction = (action: string, declaredBy: string): void => {
  assertExactAction(action, declaredBy);
  if (!isSideEffectFree(action))
    throw new DerivationError(
      `IAM action "${action}" declared by ${declaredBy} is not a read (Describe/List/Get/Query/...)`,
      "the evaluator only reads the account: a collector or probe must declare the read call it really makes",
    );
};

/**
 * The actions the probes of the deployed items call (iam-least-privilege: SimulatePrincipalPolicy;
 * trace-id-in-logs: FilterLogEvents): the items of the rules, plus the items deployed without a
 * configuration rule (a probe-only item is evaluated on the services, periodically). Held to the
 * same standard as live reads: exact and side-effect free, since they are granted on `*`.
 */
export const probeActions = (
  rules: readonly ConfigRule[],
  items: readonly { readonly id: ItemId }[] = [],
): string[] => {
  const actions = new Set<string>();
  for (const itemId of new Set([...rules.map((r) => r.itemId), ...items.map((i) => i.id)]))
    for (const action of PROBE_ACTIONS[itemId] ?? []) {
      assertReadAction(action, `the ${itemId} probe`);
      actions.add(action);
    }
  return [...actions].sort();
};

/**
 * The evaluator's least-privilege policy, derived from what the rules declare (Cloud Custodian's
 * way): the rules' live reads, the probes of the deployed items (and service discovery) on `*`, the Config calls AWS only allows on `*`, compliance reads on
 * Config rules, and item-level DynamoDB access to the results table and its indexes only. `items`
 * are the items deployed as Config rules (the stack deploys the whole catalogue).
 */
export const evaluatorPolicyStatements = (
  rules: readonly ConfigRule[],
  arns: EvaluatorResourceArns,
  items: readonly { readonly id: ItemId }[] = [],
): PolicyStatementSpec[] => {
  const statements: PolicyStatementSpec[] = [];
  const reads = [
    ...new Set([...liveReadActions(rules), ...probeActions(rules, items), ...SCOPE_DISCOVERY_ACTIONS]),
  ].sort();
  statements.push({ sid: "LiveReads", actions: reads, resources: ["*"] });
  statements.push(
    { sid: "ConfigEvaluations", actions: [...CONFIG_ACTIONS_ON_ANY_RESOURCE], resources: ["*"] },
    { sid: "ConfigRuleCompliance", actions: [...CONFIG_ACTIONS_ON_RULES], resources: [arns.configRules] },
    {
      sid: "ResultsTable",
      actions: [...RESULTS_TABLE_ACTIONS],
      resources: [arns.resultsTable, `${arns.resultsTable}/index/*`],
    },
  );
  return statements;
};
