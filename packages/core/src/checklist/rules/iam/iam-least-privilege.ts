/*
 * iam-least-privilege (config part): IAM task roles: least privilege verified with simulate-principal-policy.
 * Given a role no task definition uses as its TaskRoleArn (execution roles included), Then not applicable.
 * Given a task role, Then across its inline policies, attached AWS::IAM::Policy/ManagedPolicy
 *   documents and ManagedPolicyArns: `*` or `service:*` actions, Allow with NotAction or
 *   NotResource, `Resource: "*"` on write actions (except actions that only accept `*`), and
 *   AdministratorAccess / PowerUserAccess / *FullAccess managed policies fail. Documents may be
 *   objects, JSON strings or URL-encoded JSON. An AWS managed policy other than *ReadOnlyAccess,
 *   or a policy ARN outside the inventory, is unknown (its document cannot be read).
 */
import type { Inventory } from "../../inventory/inventory";
import { ECS_TASK_DEFINITION } from "../../inventory/relations/ecs";
import {
  type AttachedDocument,
  IAM_MANAGED_POLICY,
  IAM_POLICY,
  IAM_ROLE,
  IAM_ROLE_POLICY,
  managedPoliciesOfRole,
  parsePolicyDocument,
  policyDocumentsOfRole,
  policyList,
  type Statement,
  statementsOf,
  taskDefinitionsWithTaskRole,
} from "../../inventory/relations/iam";
import type { Resource } from "../../model/resource";
import { isUnknown } from "../../model/value";
import { combine, defineRule, nonCompliant, notApplicable, type RuleOutcome, undecided } from "../rule";

/** Read-only verbs: `Resource: "*"` on these is acceptable. */
const READ_VERB = /^(Describe|List|Get|BatchGet|Query|Scan|Search|Lookup|Select|View|Check)/;

/** Actions AWS only grants on `Resource: "*"` (no resource-level permissions). */
const STAR_ONLY_ACTIONS = new Set(
  [
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "cloudwatch:PutMetricData",
    "ecr:GetAuthorizationToken",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
    "logs:CreateLogDelivery",
    "sts:GetCallerIdentity",
  ].map((a) => a.toLowerCase()),
);

const ADMIN_POLICY = /^(AdministratorAccess|PowerUserAccess|IAMFullAccess)$|FullAccess$/;

const isWriteAction = (action: string): boolean => {
  const verb = action.slice(action.indexOf(":") + 1);
  return !READ_VERB.test(verb) && !STAR_ONLY_ACTIONS.has(action.toLowerCase());
};

const checkStatement = (statement: Statement, source: string): RuleOutcome[] => {
  if (isUnknown(statement.effect)) return [undecided(`${source}: statement effect unknown`)];
  if (statement.effect !== "Allow") return [];
  if (statement.notAction !== undefined) return [nonCompliant(`${source}: Allow with NotAction`)];
  const actions = policyList(statement.action);
  if (isUnknown(actions)) return [undecided(`${source}: actions unknown (${actions.reason})`)];
  const wildcard = actions.find((a) => a === "*" || /^[^:]+:\*$/.test(a));
  if (wildcard) return [nonCompliant(`${source}: Action "${wildcard}"`)];
  if (statement.notResource !== undefined) return [nonCompliant(`${source}: Allow with NotResource`)];
  const resources = policyList(statement.resource);
  if (isUnknown(resources)) return [undecided(`${source}: resources unknown (${resources.reason})`)];
  if (!resources.includes("*")) return [];
  const writes = actions.filter(isWriteAction);
  return writes.length > 0 ? [nonCompliant(`${source}: Resource "*" on write actions ${writes.join(", ")}`)] : [];
};

const checkDocument = ({ source, document }: AttachedDocument): RuleOutcome[] => {
  const parsed = parsePolicyDocument(document);
  if (isUnknown(parsed)) return [undecided(`${source}: ${parsed.reason}`)];
  const statements = statementsOf(parsed);
  if (isUnknown(statements)) return [undecided(`${source}: statements unknown (${statements.reason})`)];
  return statements.flatMap((s) => checkStatement(s, source));
};

const checkManagedPolicies = (inventory: Inventory, role: Resource): RuleOutcome[] =>
  managedPoliciesOfRole(inventory, role).flatMap((reference): RuleOutcome[] => {
    switch (reference.kind) {
      case "unknown":
        return [undecided(`managed policy unknown (${reference.value.reason})`)];
      case "resource": {
        const name = String(reference.policy.properties.ManagedPolicyName ?? reference.policy.id);
        return checkDocument({
          source: `managed policy ${name}`,
          document: reference.policy.properties.PolicyDocument,
        });
      }
      case "aws":
        if (ADMIN_POLICY.test(reference.name)) return [nonCompliant(`AWS managed policy ${reference.name} attached`)];
        if (/ReadOnlyAccess$/.test(reference.name)) return [];
        return [undecided(`AWS managed policy ${reference.name}: its document is not in the inventory`)];
      default:
        return [undecided(`managed policy ${reference.arn} is not in the inventory`)];
    }
  });

export const iamLeastPrivilege = defineRule({
  itemId: "iam-least-privilege",
  resourceTypes: [IAM_ROLE],
  readsTypes: [IAM_POLICY, IAM_MANAGED_POLICY, IAM_ROLE_POLICY, ECS_TASK_DEFINITION],
  evaluate(role, { inventory }) {
    if (taskDefinitionsWithTaskRole(inventory, role).length === 0) return notApplicable("not a task role");
    const checks = [
      ...policyDocumentsOfRole(inventory, role).flatMap(checkDocument),
      ...checkManagedPolicies(inventory, role),
    ];
    return combine(checks, "task role policies grant scoped actions on scoped resources");
  },
});
