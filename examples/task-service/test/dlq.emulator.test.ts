import { randomUUID } from "node:crypto";
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService } from "../src/runner";
import { eventually, submit, waitForStatus } from "./support/http-client";
import { documentsFor, FAST_ENV } from "./support/service";

const aws = useEmulator();
let service: RunningTaskService;
const TRACE_ID = "5af7651916cd43dd8448eb211c80319c";

beforeAll(async () => {
  service = await startTaskService({
    endpoint: aws.emulator.endpoint,
    revision: "dlq-1",
    env: FAST_ENV,
    // Quick redelivery and an early redrive, so a poison message reaches the DLQ in a few seconds.
    queue: { visibilityTimeoutSeconds: 1, maxReceiveCount: 2 },
  });
});
afterAll(async () => {
  await service?.stop();
});

/** Sends a message to the task queue as the API would; answers its message id. */
async function sendRaw(body: string): Promise<string> {
  const sqs = new SQSClient(aws.clientConfig());
  try {
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: service.resources.queueUrl,
        MessageBody: body,
        MessageAttributes: {
          traceparent: { DataType: "String", StringValue: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
        },
      }),
    );
    return sent.MessageId ?? "";
  } finally {
    sqs.destroy();
  }
}

/** Messages in the DLQ, visible or received and not yet deleted (read without consuming them). */
async function dlqDepth(): Promise<number> {
  const sqs = new SQSClient(aws.clientConfig());
  try {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: service.resources.dlqUrl,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
      }),
    );
    return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
  } finally {
    sqs.destroy();
  }
}

/** The DLQ processor deletes what it handled: the DLQ drains (a message left behind stays counted). */
const dlqDrained = () => eventually(dlqDepth, (depth) => depth === 0, "the DLQ draining");

describe("dead-letter processing", () => {
  it("Noncompliance 1: a task the worker keeps failing on is redriven and marked FAILED with the reason", async () => {
    // A corrupted task item (input is not a string): every attempt fails, as a poison message would.
    const taskId = randomUUID();
    const now = new Date().toISOString();
    await documentsFor(aws.clientConfig()).send(
      new PutCommand({
        TableName: service.resources.table,
        Item: {
          pk: `TASK#${taskId}`,
          kind: "task",
          taskId,
          status: "PENDING",
          input: 42,
          createdAt: now,
          updatedAt: now,
        },
      }),
    );
    await sendRaw(JSON.stringify({ taskId }));

    const failed = await waitForStatus(service.httpUrl, taskId, "FAILED");

    expect(failed.error).toBe(`dead-lettered after 2 receive(s); last error: task ${taskId} has no string input`);
    const attempts = service.processes.worker.logs().filter((line) => line.msg === "task attempt failed");
    expect(attempts.map((line) => line.receiveCount)).toEqual([1, 2]);
    // The status is in the table before the processor's log line has come through its stdout pipe.
    const marked = await eventually(
      async () => service.processes.dlqProcessor.logs().find((line) => line.msg === "task marked FAILED"),
      Boolean,
      "the DLQ processor's log line for the task",
    );
    expect(marked).toMatchObject({ taskId, trace_id: TRACE_ID });
    await dlqDrained();
  });

  it("Noncompliance 2: a message without a task id is redriven, then dropped from the DLQ with an error log", async () => {
    const messageId = await sendRaw(`not json ${randomUUID()}`);

    // The worker cannot parse it: it is left for redelivery on each receive, then redriven.
    const leftByWorker = await eventually(
      async () =>
        service.processes.worker
          .logs()
          .filter((line) => line.msg === "message left for redelivery" && line.messageId === messageId),
      (lines) => lines.length === 2,
      "the worker leaving the poison message twice",
    );
    expect(leftByWorker.map((line) => line.receiveCount)).toEqual([1, 2]);
    const dropped = await eventually(
      async () =>
        service.processes.dlqProcessor
          .logs()
          .filter((line) => line.msg === "dead letter without a task id dropped" && line.messageId === messageId),
      (lines) => lines.length > 0,
      "the DLQ processor dropping the poison message",
    );
    expect(dropped[0]).toMatchObject({ level: "error", trace_id: TRACE_ID });
    expect(dropped[0].error).toMatch(/^message body is not JSON: not json /);

    await dlqDrained();
    // Dropped once: it is not looping through the DLQ.
    const droppedTotal = service.processes.dlqProcessor
      .logs()
      .filter((line) => line.msg === "dead letter without a task id dropped" && line.messageId === messageId);
    expect(droppedTotal).toHaveLength(1);
  });

  it("Compliance: a healthy task is not touched by the DLQ processor", async () => {
    const submitted = await submit(service.httpUrl, "dlq-healthy", "fine");
    const done = await waitForStatus(service.httpUrl, String(submitted.body.taskId), "COMPLETED");
    expect(done.error).toBeUndefined();
  });
});
