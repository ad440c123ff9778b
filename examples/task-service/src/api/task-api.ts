import { createHash, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../shared/logger";
import type { FaultSetting } from "../shared/settings";
import { formatTraceparent } from "../shared/trace";
import type { TaskQueuePort, TaskStorePort } from "../tasks/ports";
import { type Task, type TaskView, viewOf } from "../tasks/task";

export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;
/** Keeps the task item (input + result) well under DynamoDB's 400 KB item limit. */
export const MAX_INPUT_LENGTH = 100_000;

/** The request is wrong: HTTP 400 / gRPC INVALID_ARGUMENT. */
export class InvalidRequestError extends Error {
  override name = "InvalidRequestError";
}
/** The key was used before with a different request: HTTP 409 / gRPC ALREADY_EXISTS. */
export class IdempotencyConflictError extends Error {
  override name = "IdempotencyConflictError";
}
/** `FAULT_MODE=api-5xx`: HTTP 500 / gRPC INTERNAL. */
export class InjectedFaultError extends Error {
  override name = "InjectedFaultError";
}
export class UnknownTaskError extends Error {
  override name = "UnknownTaskError";
}

export interface SubmitRequest {
  readonly idempotencyKey: string | undefined;
  readonly input: unknown;
}

export interface SubmitOutcome {
  readonly task: TaskView;
  /** True when the key was seen before and the earlier task is returned. */
  readonly replayed: boolean;
}

export interface TaskApiOptions {
  readonly store: TaskStorePort;
  readonly queue: TaskQueuePort;
  readonly fault: FaultSetting;
  readonly slowMs: number;
  readonly now?: () => Date;
}

/** The API's behaviour, shared by the HTTP and gRPC front ends. */
export class TaskApi {
  private readonly now: () => Date;

  constructor(private readonly options: TaskApiOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async submit(request: SubmitRequest, log: Logger): Promise<SubmitOutcome> {
    const { fault } = this.options;
    if (fault === "slow") await sleep(this.options.slowMs);
    if (fault === "api-5xx") throw new InjectedFaultError("injected fault: api-5xx");
    const key = validKey(request.idempotencyKey);
    const input = validInput(request.input);
    const taskId = randomUUID();
    const createdAt = this.now().toISOString();

    if (fault !== "ignore-idempotency") {
      const requestHash = createHash("sha256").update(input).digest("hex");
      const earlier = await this.options.store.claimKey({ key, taskId, requestHash, createdAt });
      if (earlier) {
        if (earlier.requestHash !== requestHash)
          throw new IdempotencyConflictError(`Idempotency-Key ${key} was already used with a different input`);
        log.info("idempotent replay", { taskId: earlier.taskId });
        return { task: await this.resume(earlier.taskId, input, earlier.createdAt, log), replayed: true };
      }
    }
    const task: Task = {
      taskId,
      status: "PENDING",
      input,
      createdAt,
      updatedAt: createdAt,
      traceparent: formatTraceparent(log.trace),
    };
    await this.options.store.createTask(task);
    await this.enqueue(task, log);
    log.info("task submitted", { taskId });
    return { task: viewOf(task), replayed: false };
  }

  async get(taskId: string): Promise<TaskView> {
    const task = await this.options.store.getTask(taskId);
    if (!task) throw new UnknownTaskError(`task ${taskId} not found`);
    return viewOf(task);
  }

  /**
   * The earlier request may have stopped between claiming the key and enqueueing (crash, SQS error):
   * a replay finishes that work instead of leaving the task stranded.
   */
  private async resume(taskId: string, input: string, createdAt: string, log: Logger): Promise<TaskView> {
    let task = await this.options.store.getTask(taskId);
    if (!task) {
      task = {
        taskId,
        status: "PENDING",
        input,
        createdAt,
        updatedAt: createdAt,
        traceparent: formatTraceparent(log.trace),
      };
      await this.options.store.createTask(task);
      log.warn("replay re-created a task its first request did not write", { taskId });
    }
    if (task.status === "PENDING" && !task.enqueuedAt) await this.enqueue(task, log);
    return viewOf(task);
  }

  private async enqueue(task: Task, log: Logger): Promise<void> {
    await this.options.queue.send({ taskId: task.taskId }, formatTraceparent(log.trace));
    await this.options.store.markEnqueued(task.taskId, this.now().toISOString());
  }
}

function validKey(key: string | undefined): string {
  if (key === undefined || key.trim() === "") throw new InvalidRequestError("Idempotency-Key is required");
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    throw new InvalidRequestError(`Idempotency-Key is longer than ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  return key;
}

function validInput(input: unknown): string {
  if (typeof input !== "string") throw new InvalidRequestError('body must be {"input": "<string>"}');
  if (input === "") throw new InvalidRequestError("input must not be empty");
  if (input.length > MAX_INPUT_LENGTH)
    throw new InvalidRequestError(`input is longer than ${MAX_INPUT_LENGTH} characters`);
  return input;
}
