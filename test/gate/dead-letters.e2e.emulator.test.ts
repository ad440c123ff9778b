/*
 * Malformed events on the emulator, the whole route: the gate's SQS queue (redrive to a DLQ after
 * 2 receives) → the gate handler reports them as batch item failures → SQS moves them to the DLQ →
 * the DLQ processor stores every one (body, reason, receive count) and announces it. Nothing is lost.
 * Every AWS call is a real SDK call to moto.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { listDeadLetters } from "@readiness/core/gate/gate/dead-letters";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deploymentEvent, lambdaContext, sqsEvent, sqsRecord } from "./fixtures";
import { createGateWorld, type GateWorld, RESULTS_TABLE, setGateEnv } from "./world";

const moto = useEmulator();
const MAX_RECEIVES = 2;
type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

let world: GateWorld;
let gate: Handler;
let deadLetterProcessor: Handler;
let restoreEnv: () => void;
/** The gate's functions, constructed with the emulator's clients. */
let queueUrl: string;
let dlqUrl: string;

const valid = deploymentEvent({ cluster: "gate-e2e", service: "not-in-scope", deploymentId: "ecs-svc/777" });
const { deploymentId: _dropped, ...detailWithoutId } = valid.detail as Record<string, unknown>;
const MALFORMED: readonly [string, string, RegExp][] = [
  ["not JSON", "{not json", /^malformed ECS deployment event: \(body\): the SQS message body is not JSON/],
  [
    "another source",
    JSON.stringify({ ...valid, source: "aws.ec2" }),
    /^malformed ECS deployment event: source: expected "aws\.ecs", got "aws\.ec2"$/,
  ],
  [
    "no deploymentId",
    JSON.stringify({ ...valid, detail: detailWithoutId }),
    /^malformed ECS deployment event: detail\.deploymentId: expected a non-empty string, got nothing/,
  ],
  [
    "unknown eventName",
    JSON.stringify({ ...valid, detail: { ...(valid.detail as object), eventName: "SERVICE_STEADY_STATE" } }),
    /^malformed ECS deployment event: detail\.eventName: expected SERVICE_DEPLOYMENT_IN_PROGRESS/,
  ],
  [
    "no service ARN",
    JSON.stringify({ ...valid, resources: [] }),
    /^malformed ECS deployment event: resources: expected a list holding the service ARN/,
  ],
];

beforeAll(async () => {
  world = await createGateWorld(moto.clientConfig(), { revisions: 0 });
  dlqUrl = (await world.sqs.send(new CreateQueueCommand({ QueueName: "gate-dlq" }))).QueueUrl ?? "";
  const dlqArn = (
    await world.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ["QueueArn"] }))
  ).Attributes?.QueueArn;
  queueUrl =
    (
      await world.sqs.send(
        new CreateQueueCommand({
          QueueName: "gate-events",
          Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: MAX_RECEIVES }) },
        }),
      )
    ).QueueUrl ?? "";
  restoreEnv = setGateEnv(
    moto.emulator.endpoint,
    {
      version: 1,
      services: [
        {
          cluster: "gate-e2e",
          service: "api",
          role: "api",
          smoke: { protocol: "http", endpoint: "http://127.0.0.1:9" },
        },
      ],
    },
    "INFO",
  );
  vi.resetModules();
  const { createDeploymentGateHandler } = await import("@readiness/functions/deployment-gate");
  const { createGateDlqHandler } = await import("@readiness/functions/gate-dlq-processor");
  gate = createDeploymentGateHandler({ clients: world.clients }) as Handler;
  deadLetterProcessor = createGateDlqHandler({ clients: world.clients }) as Handler;
});

afterAll(() => {
  restoreEnv?.();
});

/** What Lambda's SQS event source does: receive, invoke, delete what succeeded, release what failed. */
const pump = async (url: string, handler: Handler): Promise<number> => {
  let invocations = 0;
  for (let round = 0; round < 20; round++) {
    const received = await world.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ["All"],
        WaitTimeSeconds: 0,
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return invocations;
    invocations++;
    const response = await handler(sqsEvent(...messages.map(recordOf)), lambdaContext());
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    const done = messages.filter((m) => !failed.has(m.MessageId ?? ""));
    const retry = messages.filter((m) => failed.has(m.MessageId ?? ""));
    if (done.length > 0)
      await world.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: url,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    if (retry.length > 0)
      await world.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: url,
          Entries: retry.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 })),
        }),
      );
  }
  throw new Error(`${url} was not drained after 20 rounds`);
};

const recordOf = (message: Message) =>
  sqsRecord(message.Body ?? "", {
    messageId: message.MessageId,
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    queueArn: "arn:aws:sqs:us-east-1:123456789012:gate-dlq",
  });

const queueDepth = async (url: string): Promise<number> => {
  const attributes = await world.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return (
    Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
};

describe("malformed deployment events → DLQ → DLQ processor", () => {
  it("a batch with a malformed record fails only that record", async () => {
    const good = sqsRecord(JSON.stringify(deploymentEvent({ cluster: "gate-e2e", service: "elsewhere" })));
    const bad = sqsRecord("{not json");
    const response = await gate(sqsEvent(good, bad), lambdaContext());
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: bad.messageId }]);
    await world.outcomes(1);
  });

  it("malformed events are retried, dead-lettered and stored with body, reason and receive count; nothing is lost", async () => {
    const sent = new Map<string, string>();
    for (const [, body] of MALFORMED) {
      const { MessageId } = await world.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
      sent.set(MessageId ?? "", body);
    }
    await world.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(valid) }));

    await pump(queueUrl, gate);
    expect(await queueDepth(queueUrl)).toBe(0);
    expect(await queueDepth(dlqUrl)).toBe(MALFORMED.length);

    await pump(dlqUrl, deadLetterProcessor);
    expect(await queueDepth(dlqUrl)).toBe(0);
    const stored = await listDeadLetters(ResultsTable.on(world.clients.dynamodb, RESULTS_TABLE));
    expect(stored).toHaveLength(MALFORMED.length);
    for (const [what, body, reason] of MALFORMED) {
      const letter = stored.find((s) => s.body === body);
      expect(letter, what).toBeDefined();
      expect(letter?.reason, what).toMatch(reason);
      expect(letter?.receiveCount, what).toBeGreaterThanOrEqual(1);
      expect(sent.get(letter?.messageId ?? ""), what).toBe(body);
    }

    const outcomes = await world.outcomes(2);
    expect(outcomes.filter((o) => o.verdict === "IGNORED")).toHaveLength(1);
    const alerts = outcomes.filter((o) => o.kind === "dead-letter");
    expect(alerts).toHaveLength(MALFORMED.length);
    for (const alert of alerts)
      expect(alert.alert).toMatch(/^the gate gave up on message .+ after \d+ deliveries: malformed/);
  });

  it("every log line of a handled event carries the service and the deployment id", async () => {
    const event = deploymentEvent({ cluster: "gate-e2e", service: "elsewhere", deploymentId: "ecs-svc/4242" });
    const lines: Record<string, unknown>[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      for (const line of String(chunk).split("\n")) if (line.startsWith("{")) lines.push(JSON.parse(line));
      return true;
    });
    try {
      expect((await gate(sqsEvent(sqsRecord(JSON.stringify(event))), lambdaContext())).batchItemFailures).toEqual([]);
    } finally {
      spy.mockRestore();
    }
    const perEvent = lines.filter((line) => line.message !== undefined && line.function_name !== undefined);
    expect(perEvent.map((line) => line.message)).toContain("deployment event handled");
    for (const line of perEvent) {
      expect(line).toMatchObject({ deploymentId: "ecs-svc/4242", ecsService: (event.resources as string[])[0] });
      expect(line.service).toEqual(expect.any(String));
    }
    await world.outcomes(1);
  });
});
