import type { Message } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { TaskApi } from "../src/api/task-api";
import { createDeadLetterProcessor } from "../src/dlq/process-dead-letter";
import { createLogger, type Logger } from "../src/shared/logger";
import type { FaultSetting } from "../src/shared/settings";
import { InProcessTaskQueue, type MessageHandler } from "../src/tasks/in-process-queue";
import { MemoryTaskStore } from "../src/tasks/memory-store";
import type { Task, TaskView } from "../src/tasks/task";
import { createTaskProcessor } from "../src/worker/process-task";
import { eventually } from "./support/http-client";

const TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

interface Delivery {
  readonly body: string | undefined;
  readonly traceparent: string | undefined;
  readonly receiveCount: number;
  readonly attribute: string | undefined;
}

const recorder = () => {
  const lines: Record<string, unknown>[] = [];
  const log: Logger = createLogger({ role: "worker", revision: "test", write: (line) => lines.push(JSON.parse(line)) });
  return { lines, log };
};

const delivery = (message: Message, receiveCount: number): Delivery => ({
  body: message.Body,
  traceparent: message.MessageAttributes?.traceparent?.StringValue,
  receiveCount,
  attribute: message.Attributes?.ApproximateReceiveCount,
});

const queueWith = (handle: MessageHandler, options: { concurrency?: number; ackEarly?: boolean } = {}) => {
  const deadLetters: Delivery[] = [];
  const { lines, log } = recorder();
  const queue = new InProcessTaskQueue({
    handle,
    deadLetter: async (message, receiveCount) => void deadLetters.push(delivery(message, receiveCount)),
    concurrency: options.concurrency ?? 4,
    maxReceiveCount: 3,
    visibilityTimeoutMs: 0,
    deleteBeforeHandling: options.ackEarly,
    log,
  });
  return { queue, deadLetters, lines };
};

const settled = (queue: InProcessTaskQueue) =>
  eventually(
    async () => queue.depth,
    (depth) => depth === 0,
    "queue empty",
  );

describe("InProcessTaskQueue", () => {
  it("Compliance: each message reaches the handler as SQS would hand it (body, traceparent, receive count 1)", async () => {
    const seen: Delivery[] = [];
    const { queue, deadLetters } = queueWith(async (message, count) => void seen.push(delivery(message, count)));
    await queue.send({ taskId: "t1" }, TRACEPARENT);
    await queue.send({ taskId: "t2" }, TRACEPARENT);
    await settled(queue);
    expect(seen).toEqual([
      { body: '{"taskId":"t1"}', traceparent: TRACEPARENT, receiveCount: 1, attribute: "1" },
      { body: '{"taskId":"t2"}', traceparent: TRACEPARENT, receiveCount: 1, attribute: "1" },
    ]);
    expect(deadLetters).toEqual([]);
  });

  it("Compliance: no more than `concurrency` messages are handled at once, and all are handled", async () => {
    let active = 0;
    let most = 0;
    let handled = 0;
    const { queue } = queueWith(
      async () => {
        active++;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active--;
        handled++;
      },
      { concurrency: 3 },
    );
    for (let i = 0; i < 20; i++) await queue.send({ taskId: `t${i}` }, TRACEPARENT);
    await settled(queue);
    expect(handled).toBe(20);
    expect(most).toBe(3);
  });

  it("Compliance: a failed message comes back with its receive count raised, and is not dead-lettered once handled", async () => {
    const counts: number[] = [];
    const { queue, deadLetters, lines } = queueWith(async (_message, count) => {
      counts.push(count);
      if (count < 3) throw new Error(`attempt ${count} failed`);
    });
    await queue.send({ taskId: "t" }, TRACEPARENT);
    await settled(queue);
    expect(counts).toEqual([1, 2, 3]);
    expect(deadLetters).toEqual([]);
    expect(lines.filter((line) => line.msg === "message left for redelivery")).toHaveLength(2);
  });

  it("Noncompliance 1: after maxReceiveCount failed receives the message goes to the dead-letter handler, once", async () => {
    const counts: number[] = [];
    const { queue, deadLetters } = queueWith(async (_message, count) => {
      counts.push(count);
      throw new Error("always fails");
    });
    await queue.send({ taskId: "poison" }, TRACEPARENT);
    await settled(queue);
    expect(counts).toEqual([1, 2, 3]);
    expect(deadLetters).toEqual([
      { body: '{"taskId":"poison"}', traceparent: TRACEPARENT, receiveCount: 3, attribute: "3" },
    ]);
  });

  it("Noncompliance 2: with ack-early a failed message is lost: no redelivery, no dead letter", async () => {
    const counts: number[] = [];
    const { queue, deadLetters, lines } = queueWith(
      async (_message, count) => {
        counts.push(count);
        throw new Error("crashed mid-task");
      },
      { ackEarly: true },
    );
    await queue.send({ taskId: "t" }, TRACEPARENT);
    await settled(queue);
    expect(counts).toEqual([1]);
    expect(deadLetters).toEqual([]);
    expect(lines.map((line) => line.msg)).toContain("message lost: it was deleted before handling (ack-early)");
  });

  it("Compliance: stop waits for the messages being handled and refuses new ones", async () => {
    let finished = false;
    const { queue } = queueWith(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      finished = true;
    });
    await queue.send({ taskId: "t" }, TRACEPARENT);
    await queue.stop();
    expect(finished).toBe(true);
    await expect(queue.send({ taskId: "late" }, TRACEPARENT)).rejects.toThrow(/stopped/);
  });
});

/** The memory backend's parts as api/backend.ts wires them: the real TaskApi, worker and DLQ processor code. */
const memoryService = (fault: FaultSetting = "none") => {
  const store = new MemoryTaskStore();
  const { lines, log } = recorder();
  const queue = new InProcessTaskQueue({
    handle: createTaskProcessor({ store, fault, processingMs: 0, log }),
    deadLetter: createDeadLetterProcessor({ store, log }),
    concurrency: 4,
    maxReceiveCount: 3,
    visibilityTimeoutMs: 0,
    log,
  });
  const api = new TaskApi({ store, queue, fault, slowMs: 0 });
  const settledTask = (taskId: string, status: TaskView["status"]) =>
    eventually(
      () => api.get(taskId),
      (task) => task.status === status,
      `task ${taskId} reaching ${status}`,
    );
  return { store, queue, api, log, lines, settledTask };
};

describe("memory backend with the real worker and DLQ processor", () => {
  it("Compliance: a submitted task is COMPLETED with the reversed input, in the submit's trace", async () => {
    const service = memoryService();
    const submitted = await service.api.submit({ idempotencyKey: "k", input: "hello world" }, service.log);
    const done = await service.settledTask(submitted.task.taskId, "COMPLETED");
    expect(done.result).toEqual({ output: "dlrow olleh", length: 11 });
    const completed = service.lines.find((line) => line.msg === "task completed");
    expect(completed?.trace_id).toBe(service.log.trace.traceId);
  });

  it("Noncompliance 1: a task the worker cannot process is FAILED after 3 receives, with the last error", async () => {
    const service = memoryService();
    // A stored task with no string input: the worker throws CorruptTaskError on every receive.
    const corrupt = { taskId: "corrupt", status: "PENDING", input: 42, createdAt: "x", updatedAt: "x" };
    await service.store.createTask(corrupt as unknown as Task);
    await service.queue.send({ taskId: "corrupt" }, TRACEPARENT);
    const failed = await service.settledTask("corrupt", "FAILED");
    expect(failed.error).toBe("dead-lettered after 3 receive(s); last error: task corrupt has no string input");
  });

  it("Noncompliance 2: never-complete leaves the task RUNNING and the message handled (as on SQS)", async () => {
    const service = memoryService("never-complete");
    const submitted = await service.api.submit({ idempotencyKey: "k", input: "abc" }, service.log);
    await service.settledTask(submitted.task.taskId, "RUNNING");
    await settled(service.queue);
    expect((await service.api.get(submitted.task.taskId)).status).toBe("RUNNING");
  });
});
