import type { Resource } from "../../model/resource";
import { asArray, asRecord, isRecord, isUnknown, type UnknownValue, unknownValue } from "../../model/value";
import type { Inventory } from "../inventory";
import { memoPer, pushTo } from "../memo";
import { type Resolved, resolve } from "./ecs";

export const SQS_QUEUE = "AWS::SQS::Queue";
export const LAMBDA_EVENT_SOURCE_MAPPING = "AWS::Lambda::EventSourceMapping";

/** SQS keeps messages 4 days unless told otherwise. */
export const DEFAULT_RETENTION_SECONDS = 345_600;

/**
 * Parses a policy attribute that CloudFormation gives as an object and the SQS API / Config give
 * as a JSON string. Undefined when absent; an UnknownValue when unknown or unparseable.
 */
export const jsonAttribute = (value: unknown, what: string): Record<string, unknown> | UnknownValue | undefined => {
  if (value === undefined || value === null || value === "") return undefined;
  if (isUnknown(value)) return value;
  if (isRecord(value)) return value;
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isRecord(parsed)) return parsed;
    } catch {
      // fall through: reported as unknown below
    }
  }
  return unknownValue(`${what} is not a JSON object`);
};

/** The queue's redrive policy (`deadLetterTargetArn`, `maxReceiveCount`). */
export const redrivePolicyOf = (queue: Resource): Record<string, unknown> | UnknownValue | undefined =>
  jsonAttribute(queue.properties.RedrivePolicy, "RedrivePolicy");

/** The DLQ this queue redrives to; undefined when it has no redrive policy. */
export const deadLetterTargetOf = (inventory: Inventory, queue: Resource): Resolved | undefined => {
  const policy = redrivePolicyOf(queue);
  if (policy === undefined) return undefined;
  if (isUnknown(policy)) return policy;
  const target = policy.deadLetterTargetArn;
  if (target === undefined) return unknownValue("RedrivePolicy has no deadLetterTargetArn");
  return resolve(inventory, target, SQS_QUEUE);
};

const sourceIndex = new WeakMap<Inventory, Map<string, Resource[]>>();

/** Queues whose redrive policy points at this queue (indexed once per inventory: JSON-string policies defeat referencesTo). */
export const sourceQueuesOf = (inventory: Inventory, queue: Resource): readonly Resource[] => {
  let index = sourceIndex.get(inventory);
  if (!index) {
    index = new Map();
    for (const source of inventory.ofType(SQS_QUEUE)) {
      const target = deadLetterTargetOf(inventory, source);
      if (!target || !isResource(target) || target === source) continue;
      const list = index.get(target.id);
      if (list) list.push(source);
      else index.set(target.id, [source]);
    }
    sourceIndex.set(inventory, index);
  }
  return index.get(queue.id) ?? [];
};

export const isResource = (value: unknown): value is Resource =>
  isRecord(value) && typeof value.id === "string" && typeof value.type === "string";

/** The queue's name: QueueName, else the last segment of its URL or ARN alias, else its id. */
export const queueNameOf = (queue: Resource): string => {
  const declared = queue.properties.QueueName;
  if (typeof declared === "string") return declared;
  for (const alias of queue.aliases) {
    if (alias.startsWith("https://") || alias.startsWith("http://")) return alias.slice(alias.lastIndexOf("/") + 1);
    if (alias.startsWith("arn:")) return alias.slice(alias.lastIndexOf(":") + 1);
  }
  return queue.id;
};

/** MessageRetentionPeriod in seconds (SQS default when absent); UnknownValue when undeterminable. */
export const retentionSecondsOf = (queue: Resource): number | UnknownValue => {
  const value = queue.properties.MessageRetentionPeriod;
  if (value === undefined) return DEFAULT_RETENTION_SECONDS;
  if (isUnknown(value)) return value;
  const seconds = typeof value === "number" ? value : Number(value);
  return Number.isFinite(seconds) ? seconds : unknownValue(`MessageRetentionPeriod ${String(value)} is not a number`);
};

export const isFifoQueue = (queue: Resource): boolean => {
  const fifo = queue.properties.FifoQueue;
  return fifo === true || fifo === "true" || queueNameOf(queue).endsWith(".fifo");
};

const isDisabledMapping = (mapping: Resource): boolean =>
  mapping.properties.Enabled === false ||
  mapping.properties.Enabled === "false" ||
  (typeof mapping.properties.State === "string" && /^disabl/i.test(mapping.properties.State));

/** Enabled Lambda event source mappings that read this queue. */
export const eventSourceMappingsOf = (inventory: Inventory, queue: Resource): Resource[] =>
  inventory
    .referencesTo(queue)
    .filter(
      (r) =>
        r.type === LAMBDA_EVENT_SOURCE_MAPPING &&
        inventory.lookup(r.properties.EventSourceArn) === queue &&
        !isDisabledMapping(r),
    );

/** Environment values of every container of a task definition (names and values). */
export const environmentOf = (taskDefinition: Resource): { name: string; value: unknown }[] =>
  asArray(taskDefinition.properties.ContainerDefinitions).flatMap((container) =>
    asArray(asRecord(container).Environment).map((variable) => {
      const entry = asRecord(variable);
      return { name: typeof entry.Name === "string" ? entry.Name : "", value: entry.Value };
    }),
  );

/** True when an environment value names this queue (its URL, ARN, name or logical id). */
export const valueNamesQueue = (inventory: Inventory, value: unknown, queue: Resource): boolean =>
  inventory.lookup(value) === queue || (typeof value === "string" && value === queueNameOf(queue));

/** Queues by name (queueNameOf), built once per inventory. */
const queuesByName = memoPer((inventory: Inventory): Map<string, Resource[]> => {
  const byName = new Map<string, Resource[]>();
  for (const queue of inventory.ofType(SQS_QUEUE)) pushTo(byName, queueNameOf(queue), queue);
  return byName;
});

/** Per inventory, the ids of the queues each task definition's environment names (filled on first ask). */
const namedQueues = memoPer((_inventory: Inventory) => new Map<string, ReadonlySet<string>>());

/**
 * Ids of the queues the environment of a task definition names, i.e. every queue for which
 * valueNamesQueue holds on one of its values; asked once per (DLQ processor, queue) pair, so it is
 * computed once per task definition.
 */
export const queuesNamedInEnvironment = (inventory: Inventory, taskDefinition: Resource): ReadonlySet<string> => {
  const known = namedQueues(inventory);
  let named = known.get(taskDefinition.id);
  if (named) return named;
  const ids = new Set<string>();
  for (const { value } of environmentOf(taskDefinition)) {
    const found = inventory.lookup(value);
    if (found && !isUnknown(found)) ids.add(found.id);
    if (typeof value === "string") for (const queue of queuesByName(inventory).get(value) ?? []) ids.add(queue.id);
  }
  named = ids;
  known.set(taskDefinition.id, named);
  return named;
};
