import type { TaskMessage } from "./queue";
import type { IdempotencyRecord } from "./store";
import type { Task, TaskResult } from "./task";

/**
 * What the API, the worker and the DLQ processor need from task storage. `TaskStore` (DynamoDB) is
 * the service's; `MemoryTaskStore` is the load stand's (`TASK_BACKEND=memory`), with the same rules:
 * a key is claimed once, and a finished task never moves backwards.
 */
export interface TaskStorePort {
  /** Claims the key for a new task; returns the existing record when the key was claimed before. */
  claimKey(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined>;
  /** Fails when a task with this id exists. */
  createTask(task: Task): Promise<void>;
  getTask(taskId: string): Promise<Task | undefined>;
  markEnqueued(taskId: string, at: string): Promise<void>;
  /** PENDING/RUNNING → RUNNING; the finished task instead when it is COMPLETED or FAILED. */
  startTask(taskId: string, attempts: number, at: string): Promise<{ started: Task } | { finished: Task }>;
  /** RUNNING → COMPLETED; fails from any other state. */
  completeTask(taskId: string, result: TaskResult, at: string): Promise<Task>;
  recordAttemptFailure(taskId: string, attempts: number, error: string, at: string): Promise<void>;
  /** Any unfinished state → FAILED; undefined (nothing changed) for a COMPLETED task. */
  failTask(taskId: string, reason: string, at: string): Promise<Task | undefined>;
}

/** Where the API puts a task's message for the worker. `TaskQueue` (SQS) or `InProcessTaskQueue`. */
export interface TaskQueuePort {
  /** Checks the queue is there (and opens the connection before the first request needs it). */
  ping(): Promise<void>;
  send(message: TaskMessage, traceparent: string): Promise<void>;
}
