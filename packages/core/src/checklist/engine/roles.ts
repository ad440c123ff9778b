import type { ServiceRole } from "../config/schema";
import type { Inventory } from "../inventory/inventory";
import { isDeadLetterQueue } from "../inventory/relations/dead-letters";
import { ECS_TASK_DEFINITION, isDangling, serviceTaskDefinition } from "../inventory/relations/ecs";
import {
  IAM_ROLE,
  managedPoliciesOfRole,
  parsePolicyDocument,
  policyDocumentsOfRole,
  policyList,
  statementsOf,
} from "../inventory/relations/iam";
import { queueNameOf, queuesNamedInEnvironment, SQS_QUEUE } from "../inventory/relations/sqs";
import type { Resource } from "../model/resource";
import { asArray, asRecord, isUnknown } from "../model/value";

/** Where a service's role comes from, most trusted first. */
export type RoleSource = "readiness.yml" | "load-balancer-target" | "dlq-consumer" | "sqs-consumer" | "name";

export interface InferredRole {
  readonly role: ServiceRole;
  readonly source: RoleSource;
  /** What shows it, for the report: "target group ApiTargetGroup", "queue tasks", "name task-api". */
  readonly evidence: string;
}

/** Role inferred from a service's name alone. */
export const inferRoleFromName = (name: string): ServiceRole | undefined => {
  const lower = name.toLowerCase();
  if (lower.includes("dlq") || lower.includes("deadletter") || lower.includes("dead-letter")) return "dlq-processor";
  if (lower.includes("worker") || lower.includes("consumer")) return "worker";
  if (lower.includes("api") || lower.includes("web") || lower.includes("frontend")) return "api";
  return undefined;
};

/**
 * The role of a service readiness.yml does not declare, from what it is before what it is called:
 * a load balancer's target is an API; a service that reads a DLQ is a DLQ processor; one that
 * reads another queue is a worker, unless its name says DLQ processor (a DLQ nothing redrives to
 * yet is still a queue it reads); otherwise its name decides, if it says anything.
 */
export const inferRole = (inventory: Inventory, service: Resource, name: string): InferredRole | undefined => {
  const target = loadBalancerTarget(service);
  if (target) return { role: "api", source: "load-balancer-target", evidence: target };
  const byName = inferRoleFromName(name);
  const queues = consumedQueues(inventory, service);
  const dlq = queues.find((queue) => isDeadLetterQueue(inventory, queue));
  if (dlq) return { role: "dlq-processor", source: "dlq-consumer", evidence: `DLQ ${queueNameOf(dlq)}` };
  if (queues.length > 0 && byName !== "dlq-processor")
    return { role: "worker", source: "sqs-consumer", evidence: `queue ${queueNameOf(queues[0])}` };
  return byName && { role: byName, source: "name", evidence: name };
};

/** "target group X" or "load balancer X" when the service registers its tasks with a load balancer. */
const loadBalancerTarget = (service: Resource): string | undefined => {
  for (const entry of asArray(service.properties.LoadBalancers)) {
    const { TargetGroupArn: group, LoadBalancerName: classic } = asRecord(entry);
    if (group !== undefined) return `target group ${shortName(group)}`;
    if (classic !== undefined) return `load balancer ${shortName(classic)}`;
  }
  return undefined;
};

const shortName = (value: unknown): string => {
  if (typeof value !== "string") return isUnknown(value) ? "(set at deploy)" : "?";
  const match = /:targetgroup\/([^/]+)\//.exec(value);
  return match ? match[1] : value;
};

/**
 * Queues of the inventory the service's task definition names in its environment, when its task
 * role may receive from SQS. A role that plainly may not (only SendMessage) makes it a producer.
 */
const consumedQueues = (inventory: Inventory, service: Resource): Resource[] => {
  const taskDefinition = serviceTaskDefinition(inventory, service);
  if (isUnknown(taskDefinition) || isDangling(taskDefinition) || taskDefinition.type !== ECS_TASK_DEFINITION) return [];
  const queues = [...queuesNamedInEnvironment(inventory, taskDefinition)]
    .map((id) => inventory.get(id))
    .filter((queue): queue is Resource => queue?.type === SQS_QUEUE);
  return queues.length > 0 && mayReceiveMessages(inventory, taskDefinition) ? queues : [];
};

const RECEIVE = "sqs:receivemessage";

/** Whether an IAM action pattern ("sqs:*", "sqs:Receive*", "*") covers sqs:ReceiveMessage. */
const coversReceive = (pattern: string): boolean => {
  const regex = new RegExp(
    `^${pattern
      .toLowerCase()
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return regex.test(RECEIVE);
};

/** False only when the task role and every policy it has are read and none allows sqs:ReceiveMessage. */
const mayReceiveMessages = (inventory: Inventory, taskDefinition: Resource): boolean => {
  const role = inventory.lookupOfType(taskDefinition.properties.TaskRoleArn, IAM_ROLE);
  if (!role || isUnknown(role)) return true;
  // An AWS managed or external policy is not read here: it may allow it.
  if (managedPoliciesOfRole(inventory, role).some((policy) => policy.kind !== "resource")) return true;
  const documents = [
    ...policyDocumentsOfRole(inventory, role).map((attached) => attached.document),
    ...managedPoliciesOfRole(inventory, role).flatMap((policy) =>
      policy.kind === "resource" ? [policy.policy.properties.PolicyDocument] : [],
    ),
  ];
  for (const raw of documents) {
    const document = parsePolicyDocument(raw);
    if (isUnknown(document)) return true;
    const statements = statementsOf(document);
    if (isUnknown(statements)) return true;
    for (const statement of statements) {
      if (statement.effect !== "Allow") continue;
      const actions = policyList(statement.action);
      if (isUnknown(actions) || statement.notAction !== undefined || actions.some(coversReceive)) return true;
    }
  }
  return false;
};

/** What readiness.yml's declaration of a role reads as. */
export const declaredRole = (role: ServiceRole): InferredRole => ({
  role,
  source: "readiness.yml",
  evidence: "declared",
});

/** "api (load balancer target: target group ApiTargets)", as the reports print a service's role. */
export const describeRole = (inferred: InferredRole | undefined): string => {
  if (!inferred) return `none (${NO_ROLE})`;
  if (inferred.source === "readiness.yml") return `${inferred.role} (readiness.yml)`;
  return `${inferred.role} (${SOURCE_TEXT[inferred.source]}: ${inferred.evidence})`;
};

export const NO_ROLE = "no load balancer, no queue it reads, and its name says nothing: declare it in readiness.yml";

const SOURCE_TEXT: Record<Exclude<RoleSource, "readiness.yml">, string> = {
  "load-balancer-target": "load balancer target",
  "dlq-consumer": "DLQ consumer",
  "sqs-consumer": "SQS consumer",
  name: "name",
};
