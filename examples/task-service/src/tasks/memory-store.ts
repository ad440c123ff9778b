import type { TaskStorePort } from "./ports";
import { type IdempotencyRecord, TaskNotFoundError } from "./store";
import type { Task, TaskResult } from "./task";

/**
 * A write the store's rules refuse (the task exists, or is not in the state the change needs): where
 * `TaskStore` gets DynamoDB's ConditionalCheckFailedException, the memory store throws this.
 */
export class TaskConditionError extends Error {
  override name = "TaskConditionError";
}

/**
 * Tasks and idempotency keys in this process's memory, with `TaskStore`'s rules (see ports.ts): each
 * check and its write happen without an await in between, so they are as atomic as DynamoDB's
 * conditional writes. For the load stand (`TASK_BACKEND=memory`) only: nothing survives the process,
 * and nothing is ever evicted (a stand is meant for runs of seconds to minutes, ~1 KB per task).
 */
export class MemoryTaskStore implements TaskStorePort {
  private readonly tasks = new Map<string, Task>();
  private readonly keys = new Map<string, IdempotencyRecord>();

  get taskCount(): number {
    return this.tasks.size;
  }

  async claimKey(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    const existing = this.keys.get(record.key);
    if (existing) return { ...existing };
    this.keys.set(record.key, { ...record });
    return undefined;
  }

  async createTask(task: Task): Promise<void> {
    if (this.tasks.has(task.taskId)) throw new TaskConditionError(`task ${task.taskId} already exists`);
    this.tasks.set(task.taskId, { ...task });
  }

  async getTask(taskId: string): Promise<Task | undefined> {
    const task = this.tasks.get(taskId);
    return task ? { ...task } : undefined;
  }

  async markEnqueued(taskId: string, at: string): Promise<void> {
    this.replace(this.existing(taskId, "mark enqueued"), { enqueuedAt: at });
  }

  async startTask(taskId: string, attempts: number, at: string): Promise<{ started: Task } | { finished: Task }> {
    const task = this.tasks.get(taskId);
    if (!task) throw new TaskNotFoundError(taskId);
    if (task.status !== "PENDING" && task.status !== "RUNNING") return { finished: { ...task } };
    return { started: this.replace(task, { status: "RUNNING", updatedAt: at, attempts }) };
  }

  async completeTask(taskId: string, result: TaskResult, at: string): Promise<Task> {
    const task = this.existing(taskId, "complete");
    if (task.status !== "RUNNING")
      throw new TaskConditionError(`task ${taskId} is ${task.status}, not RUNNING: it cannot complete`);
    const { lastError: _cleared, ...rest } = task;
    return this.replace(rest, { status: "COMPLETED", result, updatedAt: at });
  }

  async recordAttemptFailure(taskId: string, attempts: number, error: string, at: string): Promise<void> {
    this.replace(this.existing(taskId, "record a failed attempt"), { lastError: error, attempts, updatedAt: at });
  }

  async failTask(taskId: string, reason: string, at: string): Promise<Task | undefined> {
    const task = this.tasks.get(taskId);
    if (!task) throw new TaskNotFoundError(taskId);
    if (task.status === "COMPLETED") return undefined;
    return this.replace(task, { status: "FAILED", error: reason, updatedAt: at });
  }

  private existing(taskId: string, change: string): Task {
    const task = this.tasks.get(taskId);
    if (!task) throw new TaskConditionError(`task ${taskId} does not exist: cannot ${change}`);
    return task;
  }

  /** Stores a new version of the task (stored objects are never changed in place) and returns a copy. */
  private replace(task: Task, change: Partial<Task>): Task {
    const next: Task = { ...task, ...change };
    this.tasks.set(task.taskId, next);
    return { ...next };
  }
}
