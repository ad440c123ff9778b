/*
 * dlq-coverage: DLQ exists for all SQS queues; DLQ processor deployed.
 * Given a queue that another queue redrives to, or that a function (DeadLetterConfig), an on-failure
 *   destination, an EventBridge target (DeadLetterConfig) or an SNS subscription (RedrivePolicy)
 *   sends its failures to (or that has a RedriveAllowPolicy, a DLQ-like name, or a DLQ processor
 *   consuming it): it is a DLQ,
 *   Then it needs a consumer: an enabled Lambda event source mapping, an in-scope service that
 *   declares it in `consumes`, or an in-scope dlq-processor service whose environment names it.
 * Given any other queue (a source queue),
 *   Then its RedrivePolicy must point at a queue in the inventory (absent → fail; not found → unknown),
 *   the DLQ must keep messages at least as long as the source, and both must be FIFO or neither.
 */
import type { Scope, ScopedService } from "../../engine/scope";
import type { Inventory } from "../../inventory/inventory";
import { memoPer } from "../../inventory/memo";
import { isDangling, serviceTaskDefinition } from "../../inventory/relations/ecs";
import { DEAD_LETTER_SENDER_TYPES, isDeadLetterQueue } from "../../inventory/relations/dead-letters";
import {
  deadLetterTargetOf,
  eventSourceMappingsOf,
  isFifoQueue,
  isResource,
  LAMBDA_EVENT_SOURCE_MAPPING,
  queueNameOf,
  queuesNamedInEnvironment,
  retentionSecondsOf,
  SQS_QUEUE,
} from "../../inventory/relations/sqs";
import { displayName, type Resource } from "../../model/resource";
import { isUnknown } from "../../model/value";
import { combine, compliant, defineRule, nonCompliant, type RuleOutcome, undecided } from "../rule";

/** Why a consuming service consumes nothing right now (scaled to zero, or live: no running task); undefined when it runs. */
const idleReason = (service: ScopedService): string | undefined => {
  if (Number(service.resource.properties.DesiredCount) === 0) return "desired count 0";
  if (service.resource.observed?.runningCount === 0) return "0 running tasks";
  return undefined;
};

const processorNamesQueue = (inventory: Inventory, service: ScopedService, queue: Resource): boolean => {
  const taskDefinition = serviceTaskDefinition(inventory, service.resource);
  if (!isResource(taskDefinition)) return false;
  return queuesNamedInEnvironment(inventory, taskDefinition).has(queue.id);
};

/** The in-scope DLQ processors, found once per run rather than once per queue (services × queues). */
const processorsOf = memoPer((scope: Scope): readonly ScopedService[] =>
  scope.services.filter((s) => scope.roleOf(s.resource) === "dlq-processor"),
);

interface Consumer {
  readonly name: string;
  /** A service with the dlq-processor role. */
  readonly processor: boolean;
  /** Set when the consumer is a service that is not running. */
  readonly idle?: string;
}

/** Whatever consumes the queue: event source mappings, declared consumers, DLQ processors naming it. */
const consumersOf = (queue: Resource, inventory: Inventory, scope: Scope): Consumer[] => {
  const mappings = eventSourceMappingsOf(inventory, queue).map((m) => ({
    name: `event source mapping ${displayName(m)}`,
    processor: false,
  }));
  const isProcessor = (s: ScopedService) => scope.roleOf(s.resource) === "dlq-processor";
  const declared = scope.consumersOf(queue, inventory);
  const processors = processorsOf(scope).filter(
    (s) => !declared.includes(s) && processorNamesQueue(inventory, s, queue),
  );
  const services = [...declared, ...processors].map((s) => ({
    name: `service ${s.name}`,
    processor: isProcessor(s),
    idle: idleReason(s),
  }));
  return [...mappings, ...services];
};

const checkDeadLetterQueue = (queue: Resource, consumers: readonly Consumer[]): RuleOutcome => {
  const name = queueNameOf(queue);
  const active = consumers.filter((c) => !c.idle);
  if (active.length > 0) return compliant(`DLQ ${name} is consumed by ${active.map((c) => c.name).join(", ")}`);
  const idle = consumers[0];
  if (idle) return nonCompliant(`DLQ ${name}: its consumer ${idle.name} is not running (${idle.idle})`);
  return nonCompliant(`DLQ ${name} has no consumer (no event source mapping or DLQ processor)`);
};

/** The DLQ must keep a failed message at least as long as the source would have. */
const checkRetention = (source: Resource, dlq: Resource): RuleOutcome => {
  const sourceSeconds = retentionSecondsOf(source);
  const dlqSeconds = retentionSecondsOf(dlq);
  if (isUnknown(sourceSeconds))
    return undecided(`retention of ${queueNameOf(source)} unknown (${sourceSeconds.reason})`);
  if (isUnknown(dlqSeconds)) return undecided(`retention of DLQ ${queueNameOf(dlq)} unknown (${dlqSeconds.reason})`);
  if (dlqSeconds < sourceSeconds)
    return nonCompliant(
      `DLQ ${queueNameOf(dlq)} keeps messages ${dlqSeconds} s, less than the source's ${sourceSeconds} s`,
    );
  return compliant("DLQ retention covers the source's");
};

const checkSourceQueue = (queue: Resource, inventory: Inventory): RuleOutcome => {
  const target = deadLetterTargetOf(inventory, queue);
  if (target === undefined) return nonCompliant(`queue ${queueNameOf(queue)} has no RedrivePolicy (no DLQ)`);
  if (isUnknown(target)) return undecided(`queue ${queueNameOf(queue)}: DLQ unknown (${target.reason})`);
  if (isDangling(target))
    return undecided(`queue ${queueNameOf(queue)}: DLQ ${target.dangling} is not in the inventory`);
  const dlq = queueNameOf(target);
  const checks: RuleOutcome[] = [checkRetention(queue, target)];
  if (isFifoQueue(queue) !== isFifoQueue(target))
    checks.push(nonCompliant(`queue ${queueNameOf(queue)} and its DLQ ${dlq} must both be FIFO or both standard`));
  return combine(checks, `queue ${queueNameOf(queue)} redrives to DLQ ${dlq}`);
};

export const dlqCoverage = defineRule({
  itemId: "dlq-coverage",
  resourceTypes: [SQS_QUEUE],
  readsTypes: [
    ...new Set([LAMBDA_EVENT_SOURCE_MAPPING, ...DEAD_LETTER_SENDER_TYPES]),
    "AWS::ECS::Service",
    "AWS::ECS::TaskDefinition",
  ],
  evaluate(queue, { inventory, scope }) {
    const consumers = consumersOf(queue, inventory, scope);
    // A queue a DLQ processor consumes is a DLQ even when nothing redrives into it yet.
    const processed = consumers.some((c) => c.processor);
    if (!processed && !isDeadLetterQueue(inventory, queue)) return checkSourceQueue(queue, inventory);
    const asDlq = checkDeadLetterQueue(queue, consumers);
    if (queue.properties.RedrivePolicy === undefined) return asDlq;
    // A DLQ that itself redrives onwards is checked on both counts.
    const asSource = checkSourceQueue(queue, inventory);
    return combine([asDlq, asSource], `${asDlq.reason}; ${asSource.reason}`);
  },
});
