import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { IdempotencyConflictError, TaskApi } from "../src/api/task-api";
import { createLogger, type Logger } from "../src/shared/logger";
import { MemoryTaskStore, TaskConditionError } from "../src/tasks/memory-store";
import type { TaskQueuePort } from "../src/tasks/ports";
import type { TaskMessage } from "../src/tasks/queue";
import { TaskNotFoundError } from "../src/tasks/store";
import type { Task } from "../src/tasks/task";

const AT = "2026-12-06T10:00:00.000Z";
const LATER = "2026-12-06T10:00:05.000Z";
const silent: Logger = createLogger({ role: "api", revision: "test", write: () => undefined });

const pending = (taskId: string, input = "abc"): Task => ({
  taskId,
  status: "PENDING",
  input,
  createdAt: AT,
  updatedAt: AT,
});

/** A queue that only records what was sent (the store's semantics are under test here, not delivery). */
class RecordingQueue implements TaskQueuePort {
  readonly sent: TaskMessage[] = [];
  async ping(): Promise<void> {}
  async send(message: TaskMessage): Promise<void> {
    this.sent.push(message);
  }
}

describe("MemoryTaskStore: idempotency keys", () => {
  it("Compliance: the first claim wins; a later claim gets the first record back, whatever it asked for", async () => {
    const store = new MemoryTaskStore();
    const first = { key: "k", taskId: "t1", requestHash: "h1", createdAt: AT };
    expect(await store.claimKey(first)).toBeUndefined();
    expect(await store.claimKey({ key: "k", taskId: "t2", requestHash: "h2", createdAt: LATER })).toEqual(first);
    expect(await store.claimKey({ key: "other", taskId: "t3", requestHash: "h1", createdAt: AT })).toBeUndefined();
  });

  it("Compliance: through TaskApi a replay returns the earlier task and creates nothing new", async () => {
    const store = new MemoryTaskStore();
    const queue = new RecordingQueue();
    const api = new TaskApi({ store, queue, fault: "none", slowMs: 0 });
    const first = await api.submit({ idempotencyKey: "key-1", input: "hello" }, silent);
    const replay = await api.submit({ idempotencyKey: "key-1", input: "hello" }, silent);
    expect(first.replayed).toBe(false);
    expect(replay).toMatchObject({ replayed: true, task: { taskId: first.task.taskId } });
    expect(store.taskCount).toBe(1);
    expect(queue.sent).toEqual([{ taskId: first.task.taskId }]);
    expect((await store.getTask(first.task.taskId))?.enqueuedAt).toBeDefined();
  });

  it("Noncompliance 1: the same key with a different input is a conflict", async () => {
    const api = new TaskApi({ store: new MemoryTaskStore(), queue: new RecordingQueue(), fault: "none", slowMs: 0 });
    await api.submit({ idempotencyKey: "key-2", input: "one" }, silent);
    await expect(api.submit({ idempotencyKey: "key-2", input: "two" }, silent)).rejects.toThrow(
      IdempotencyConflictError,
    );
  });

  it("Compliance: a replay finishes a submit that stopped after claiming its key", async () => {
    const store = new MemoryTaskStore();
    const queue = new RecordingQueue();
    await store.claimKey({
      key: "interrupted",
      taskId: "t-lost",
      requestHash: createHash("sha256").update("resume me").digest("hex"),
      createdAt: AT,
    });
    const api = new TaskApi({ store, queue, fault: "none", slowMs: 0 });
    const replay = await api.submit({ idempotencyKey: "interrupted", input: "resume me" }, silent);
    expect(replay).toMatchObject({ replayed: true, task: { taskId: "t-lost", status: "PENDING" } });
    expect(queue.sent).toEqual([{ taskId: "t-lost" }]);
  });
});

describe("MemoryTaskStore: task transitions", () => {
  it("Compliance: PENDING → RUNNING → COMPLETED, with attempts, result and lastError cleared", async () => {
    const store = new MemoryTaskStore();
    await store.createTask(pending("t"));
    await store.recordAttemptFailure("t", 1, "boom", AT);
    const start = await store.startTask("t", 2, LATER);
    expect(start).toEqual({ started: expect.objectContaining({ status: "RUNNING", attempts: 2, updatedAt: LATER }) });
    const done = await store.completeTask("t", { output: "cba", length: 3 }, LATER);
    expect(done).toMatchObject({ status: "COMPLETED", result: { output: "cba", length: 3 } });
    expect(done).not.toHaveProperty("lastError");
    expect(await store.getTask("t")).toEqual(done);
  });

  it("Compliance: a redelivery restarts a RUNNING task; a finished task is returned, not restarted", async () => {
    const store = new MemoryTaskStore();
    await store.createTask(pending("t"));
    await store.startTask("t", 1, AT);
    expect(await store.startTask("t", 2, LATER)).toMatchObject({ started: { status: "RUNNING", attempts: 2 } });
    await store.completeTask("t", { output: "cba", length: 3 }, LATER);
    expect(await store.startTask("t", 3, LATER)).toMatchObject({ finished: { status: "COMPLETED", attempts: 2 } });
  });

  it("Noncompliance 1: a task completes only from RUNNING, and is created only once", async () => {
    const store = new MemoryTaskStore();
    await store.createTask(pending("t"));
    await expect(store.completeTask("t", { output: "x", length: 1 }, AT)).rejects.toThrow(/PENDING, not RUNNING/);
    await expect(store.createTask(pending("t", "other"))).rejects.toThrow(TaskConditionError);
    expect((await store.getTask("t"))?.input).toBe("abc");
  });

  it("Noncompliance 2: FAILED from any unfinished state, never from COMPLETED", async () => {
    const store = new MemoryTaskStore();
    await store.createTask(pending("p"));
    expect(await store.failTask("p", "dead-lettered", AT)).toMatchObject({ status: "FAILED", error: "dead-lettered" });
    await store.createTask(pending("c"));
    await store.startTask("c", 1, AT);
    await store.completeTask("c", { output: "cba", length: 3 }, AT);
    expect(await store.failTask("c", "late dead letter", LATER)).toBeUndefined();
    expect(await store.getTask("c")).toMatchObject({ status: "COMPLETED" });
    expect(await store.startTask("p", 4, LATER)).toMatchObject({ finished: { status: "FAILED" } });
  });

  it("NotApplicable: an unknown task is refused by every change, and reads as absent", async () => {
    const store = new MemoryTaskStore();
    expect(await store.getTask("nope")).toBeUndefined();
    await expect(store.startTask("nope", 1, AT)).rejects.toThrow(TaskNotFoundError);
    await expect(store.failTask("nope", "x", AT)).rejects.toThrow(TaskNotFoundError);
    await expect(store.markEnqueued("nope", AT)).rejects.toThrow(TaskConditionError);
    await expect(store.recordAttemptFailure("nope", 1, "x", AT)).rejects.toThrow(TaskConditionError);
  });

  it("Compliance: what a caller holds is a copy; changing it does not change the stored task", async () => {
    const store = new MemoryTaskStore();
    const task = { ...pending("t") };
    await store.createTask(task);
    (task as { status: string }).status = "COMPLETED";
    const read = (await store.getTask("t")) as { status: string };
    read.status = "FAILED";
    expect((await store.getTask("t"))?.status).toBe("PENDING");
  });
});
