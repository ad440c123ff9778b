import type { ScopedService } from "../../engine/scope";
import { type Inventory, visitStrings } from "../../inventory/inventory";
import { isDangling, serviceTaskDefinition } from "../../inventory/relations/ecs";
import type { Resource } from "../../model/resource";
import { asRecord, isUnknown } from "../../model/value";
import type { Sourced } from "../assumptions";
import {
  type CostLine,
  type EstimateContext,
  fmt,
  input,
  inScopeOfType,
  type LineInput,
  namesOf,
  nothingInScope,
  priced,
  SECONDS_PER_MONTH,
} from "../line";
import { taskCountOf } from "./fargate";

const QUEUE = "AWS::SQS::Queue";
/** Each 64 KB chunk of a payload is billed as one request. */
const CHUNK_KB = 64;
/** A message costs a SendMessage, a ReceiveMessage and a DeleteMessage. */
const REQUESTS_PER_MESSAGE = 3;

interface Traffic {
  readonly messages: number;
  readonly formula: string;
  readonly inputs: readonly LineInput[];
}

/**
 * SQS: each message is sent, received and deleted (three requests per 64 KB chunk); a dead-letter
 * queue gets its sources' messages × the dead-letter share. Consumers long-poll: every consumer task
 * makes a ReceiveMessage call per wait, messages or not, and those calls are billed too.
 */
export const sqsLines = (ctx: EstimateContext): CostLine[] => {
  const queues = inScopeOfType(ctx, QUEUE);
  if (queues.length === 0) return [nothingInScope("sqs", "SQS queue")];
  const sources = deadLetterSources(ctx.inventory, queues);
  const traffic = new Map<Resource, Traffic>();
  const trafficOf = (queue: Resource): Traffic => {
    const known = traffic.get(queue);
    if (known) return known;
    const computed = queueTraffic(ctx, queue, sources.get(queue) ?? [], trafficOf);
    traffic.set(queue, computed);
    return computed;
  };
  return queues.flatMap((queue) => queueLines(ctx, queue, trafficOf(queue)));
};

const queueName = (queue: Resource): string =>
  typeof queue.properties.QueueName === "string" ? queue.properties.QueueName : queue.id;

/** Queue → the queues whose RedrivePolicy sends their dead letters to it. */
const deadLetterSources = (inventory: Inventory, queues: readonly Resource[]): Map<Resource, Resource[]> => {
  const sources = new Map<Resource, Resource[]>();
  for (const queue of queues) {
    const target = inventory.lookup(asRecord(queue.properties.RedrivePolicy).deadLetterTargetArn);
    if (!target || isUnknown(target) || target === queue) continue;
    sources.set(target, [...(sources.get(target) ?? []), queue]);
  }
  return sources;
};

const queueTraffic = (
  ctx: EstimateContext,
  queue: Resource,
  sources: readonly Resource[],
  trafficOf: (queue: Resource) => Traffic,
): Traffic => {
  if (sources.length > 0) {
    const share = ctx.assumptions.get("deadLetterShare");
    const fromSources = sources.reduce((sum, source) => sum + trafficOf(source).messages, 0);
    return {
      messages: fromSources * share.value,
      formula: `${fmt(fromSources)} messages of ${sources.map(queueName).join(", ")} × ${fmt(share.value)} dead-letter share`,
      inputs: [
        { name: "messages of its sources", value: fromSources, from: "their estimate" },
        input("dead-letter share", share),
      ],
    };
  }
  const rate = ctx.assumptions.get("requestsPerSecond");
  const perRequest = ctx.assumptions.forResource("queues", queueNames(queue), "messagesPerRequest");
  return {
    messages: rate.value * SECONDS_PER_MONTH * perRequest.value,
    formula: `${fmt(rate.value)} req/s × ${fmt(SECONDS_PER_MONTH)} s × ${fmt(perRequest.value)} messages per request`,
    inputs: [input("requests/s", rate), input("messages per request", perRequest)],
  };
};

const queueNames = (queue: Resource): string[] => namesOf(queue.id, queue.aliases, queue.properties.QueueName);

const queueLines = (ctx: EstimateContext, queue: Resource, traffic: Traffic): CostLine[] => {
  const fifo = queue.properties.FifoQueue === true || queue.properties.FifoQueue === "true";
  const priceKey = fifo ? "sqs.fifo.requests" : "sqs.standard.requests";
  const base = { service: "sqs" as const, resource: queueName(queue), resourceId: queue.id, priceKey } as const;
  const size = ctx.assumptions.forResource("queues", queueNames(queue), "messageSizeKb");
  const chunks = Math.ceil(size.value / CHUNK_KB);
  const lines = [
    priced(ctx.prices, {
      ...base,
      item: `message requests (${fifo ? "FIFO" : "standard"})`,
      quantity: (traffic.messages * chunks * REQUESTS_PER_MESSAGE) / 1e6,
      formula: `${traffic.formula} × ${chunks} chunk(s) of 64 KB × ${REQUESTS_PER_MESSAGE} requests (send, receive, delete) / 1,000,000`,
      inputs: [...traffic.inputs, input("message KB", size)],
    }),
  ];
  const consumers = consumerTasks(ctx, queue);
  if (consumers.tasks > 0) {
    const wait = ctx.assumptions.get("receiveWaitSeconds");
    lines.push(
      priced(ctx.prices, {
        ...base,
        item: "receive polls",
        quantity: (consumers.tasks * SECONDS_PER_MONTH) / wait.value / 1e6,
        formula: `${fmt(consumers.tasks)} consumer tasks (${consumers.names.join(", ")}) × ${fmt(SECONDS_PER_MONTH)} s / ${fmt(wait.value)} s wait / 1,000,000`,
        inputs: [
          { name: "consumer tasks", value: consumers.tasks, from: consumers.from },
          input("receive wait s", wait),
        ],
        note: "every poll is counted as if the queue were idle: an upper bound",
      }),
    );
  }
  return lines;
};

/** The tasks that poll a queue: services declared to consume it, and workers whose task definition names it. */
const consumerTasks = (ctx: EstimateContext, queue: Resource): { tasks: number; names: string[]; from: string } => {
  const consumers = new Set<ScopedService>(ctx.scope.consumersOf(queue, ctx.inventory));
  for (const service of ctx.scope.services)
    if (
      (service.role === "worker" || service.role === "dlq-processor") &&
      taskDefinitionNames(ctx.inventory, service, queue)
    )
      consumers.add(service);
  const counts: Sourced<number>[] = [...consumers].map((service) => taskCountOf(ctx, service));
  return {
    tasks: counts.reduce((sum, count) => sum + count.value, 0),
    names: [...consumers].map((service) => service.name),
    from: "the tasks of the services that consume the queue (services[].consumes, or a worker whose task definition names it)",
  };
};

const taskDefinitionNames = (inventory: Inventory, service: ScopedService, queue: Resource): boolean => {
  const taskDefinition = serviceTaskDefinition(inventory, service.resource);
  if (isUnknown(taskDefinition) || isDangling(taskDefinition)) return false;
  let names = false;
  visitStrings(taskDefinition.properties, (text) => {
    if (!names && inventory.lookup(text) === queue) names = true;
  });
  return names;
};
