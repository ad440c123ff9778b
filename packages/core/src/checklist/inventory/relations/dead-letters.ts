import type { Resource } from "../../model/resource";
import { asArray, asRecord, isUnknown, pathOf } from "../../model/value";
import type { Inventory } from "../inventory";
import { memoPer, pushTo } from "../memo";
import { LAMBDA_EVENT_INVOKE_CONFIG, LAMBDA_FUNCTION } from "./lambda";
import { jsonAttribute, LAMBDA_EVENT_SOURCE_MAPPING, queueNameOf, SQS_QUEUE, sourceQueuesOf } from "./sqs";

export const EVENTS_RULE = "AWS::Events::Rule";
export const SNS_SUBSCRIPTION = "AWS::SNS::Subscription";

/** The resource types besides queues that can send their failures to an SQS dead-letter queue. */
export const DEAD_LETTER_SENDER_TYPES = [
  LAMBDA_FUNCTION,
  LAMBDA_EVENT_INVOKE_CONFIG,
  LAMBDA_EVENT_SOURCE_MAPPING,
  EVENTS_RULE,
  SNS_SUBSCRIPTION,
] as const;

/** A resource that sends what it failed to deliver or process to a queue, and how it names the queue. */
export interface DeadLetterSender {
  readonly sender: Resource;
  /** "DeadLetterConfig", "on-failure destination", "target <id> DeadLetterConfig", "RedrivePolicy". */
  readonly via: string;
}

/** Where each sender type names its dead-letter queue (the property shapes of CloudFormation, which every adapter gives). */
const deadLetterTargetsOf = (resource: Resource): { via: string; target: unknown }[] => {
  const properties = resource.properties;
  switch (resource.type) {
    case LAMBDA_FUNCTION:
      // Asynchronous invocations that fail every retry.
      return [{ via: "DeadLetterConfig", target: pathOf(properties, "DeadLetterConfig", "TargetArn") }];
    case LAMBDA_EVENT_INVOKE_CONFIG:
    case LAMBDA_EVENT_SOURCE_MAPPING:
      return [
        { via: "on-failure destination", target: pathOf(properties, "DestinationConfig", "OnFailure", "Destination") },
      ];
    case EVENTS_RULE:
      // Events EventBridge could not deliver to a target.
      return asArray(properties.Targets).map((target) => ({
        via: `target ${String(asRecord(target).Id ?? "?")} DeadLetterConfig`,
        target: pathOf(target, "DeadLetterConfig", "Arn"),
      }));
    case SNS_SUBSCRIPTION: {
      // Messages SNS could not deliver to the endpoint; a JSON string from the API, an object in templates.
      const policy = jsonAttribute(properties.RedrivePolicy, "RedrivePolicy");
      return [{ via: "RedrivePolicy", target: policy && !isUnknown(policy) ? policy.deadLetterTargetArn : undefined }];
    }
    default:
      return [];
  }
};

/** Queue id → the non-queue resources that dead-letter into it, indexed once per inventory. */
const sendersByQueue = memoPer((inventory: Inventory): Map<string, DeadLetterSender[]> => {
  const byQueue = new Map<string, DeadLetterSender[]>();
  for (const type of DEAD_LETTER_SENDER_TYPES)
    for (const sender of inventory.ofType(type))
      for (const { via, target } of deadLetterTargetsOf(sender)) {
        const queue = inventory.lookupOfType(target, SQS_QUEUE);
        if (queue && !isUnknown(queue)) pushTo(byQueue, queue.id, { sender, via });
      }
  return byQueue;
});

/** The functions, invoke configs, mappings, event rules and SNS subscriptions that send their failures to this queue. */
export const deadLetterSendersOf = (inventory: Inventory, queue: Resource): readonly DeadLetterSender[] =>
  sendersByQueue(inventory).get(queue.id) ?? [];

/** A queue that allows other queues to redrive into it (and does not deny all). */
const allowsRedrive = (queue: Resource): boolean => {
  const policy = jsonAttribute(queue.properties.RedriveAllowPolicy, "RedriveAllowPolicy");
  if (policy === undefined) return false;
  if (isUnknown(policy)) return true;
  return policy.redrivePermission !== "denyAll";
};

/** Names teams give DLQs: "tasks-dlq", "orders_deadletter", "dead-letter-queue". */
const DLQ_NAME = /(^|[-_.])(dlq|dead-?letter)([-_.]|$)/i;

/**
 * A DLQ: another queue redrives to it, a function, invoke config, event source mapping, EventBridge
 * target or SNS subscription sends its failures to it, it allows redrive into it, or its name says so.
 */
export const isDeadLetterQueue = (inventory: Inventory, queue: Resource): boolean =>
  sourceQueuesOf(inventory, queue).length > 0 ||
  deadLetterSendersOf(inventory, queue).length > 0 ||
  allowsRedrive(queue) ||
  DLQ_NAME.test(queueNameOf(queue));
