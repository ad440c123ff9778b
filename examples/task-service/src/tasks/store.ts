import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { TaskStorePort } from "./ports";
import type { Task, TaskResult } from "./task";

/** The idempotency record of one `Idempotency-Key`: which task it created, for which request. */
export interface IdempotencyRecord {
  readonly key: string;
  readonly taskId: string;
  readonly requestHash: string;
  readonly createdAt: string;
}

export class TaskNotFoundError extends Error {
  override name = "TaskNotFoundError";
  constructor(readonly taskId: string) {
    super(`task ${taskId} not found`);
  }
}

/** How long an idempotency key is remembered (DynamoDB TTL on `expiresAt`). */
const KEY_TTL_SECONDS = 24 * 60 * 60;

const taskKey = (taskId: string) => ({ pk: `TASK#${taskId}` });
const idempotencyKey = (key: string) => ({ pk: `IDEMPOTENCY#${key}` });

/**
 * Tasks and idempotency keys in one DynamoDB table (partition key `pk`). Every state change is a
 * conditional write, so duplicate deliveries and replays cannot move a task backwards.
 */
export class TaskStore implements TaskStorePort {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Claims the key for a new task; returns the existing record when the key was claimed before. */
  async claimKey(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    const expiresAt = Math.floor(Date.parse(record.createdAt) / 1000) + KEY_TTL_SECONDS;
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...idempotencyKey(record.key), kind: "idempotency-key", ...record, expiresAt },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return undefined;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const existing = await this.documents.send(
      new GetCommand({ TableName: this.table, Key: idempotencyKey(record.key), ConsistentRead: true }),
    );
    if (!existing.Item) throw new Error(`idempotency key ${record.key} vanished while being read`);
    const { key, taskId, requestHash, createdAt } = existing.Item as IdempotencyRecord;
    return { key, taskId, requestHash, createdAt };
  }

  async createTask(task: Task): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...taskKey(task.taskId), kind: "task", ...task },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  }

  async getTask(taskId: string): Promise<Task | undefined> {
    const found = await this.documents.send(
      new GetCommand({ TableName: this.table, Key: taskKey(taskId), ConsistentRead: true }),
    );
    if (!found.Item) return undefined;
    const { pk: _pk, kind: _kind, ...task } = found.Item;
    return task as Task;
  }

  async markEnqueued(taskId: string, at: string): Promise<void> {
    await this.update(taskId, "SET enqueuedAt = :at", { ":at": at }, "attribute_exists(pk)");
  }

  /**
   * PENDING/RUNNING → RUNNING (RUNNING again on a redelivery). Returns the finished task instead when
   * it is already COMPLETED or FAILED, so a duplicate message does no work twice.
   */
  async startTask(taskId: string, attempts: number, at: string): Promise<{ started: Task } | { finished: Task }> {
    try {
      const started = await this.update(
        taskId,
        "SET #status = :running, updatedAt = :at, attempts = :attempts",
        { ":running": "RUNNING", ":pending": "PENDING", ":at": at, ":attempts": attempts },
        "attribute_exists(pk) AND #status IN (:pending, :running)",
      );
      return { started };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const task = await this.getTask(taskId);
      if (!task) throw new TaskNotFoundError(taskId);
      return { finished: task };
    }
  }

  async completeTask(taskId: string, result: TaskResult, at: string): Promise<Task> {
    return this.update(
      taskId,
      "SET #status = :completed, #result = :result, updatedAt = :at REMOVE lastError",
      { ":completed": "COMPLETED", ":result": result, ":at": at, ":running": "RUNNING" },
      "#status = :running",
      { "#result": "result" },
    );
  }

  /** Remembers why an attempt failed, for the DLQ processor's reason. */
  async recordAttemptFailure(taskId: string, attempts: number, error: string, at: string): Promise<void> {
    await this.update(
      taskId,
      "SET lastError = :error, attempts = :attempts, updatedAt = :at",
      { ":error": error, ":attempts": attempts, ":at": at },
      "attribute_exists(pk)",
    );
  }

  /** Any unfinished state → FAILED with the reason; a COMPLETED task stays COMPLETED. */
  async failTask(taskId: string, reason: string, at: string): Promise<Task | undefined> {
    try {
      return await this.update(
        taskId,
        "SET #status = :failed, #error = :reason, updatedAt = :at",
        { ":failed": "FAILED", ":reason": reason, ":at": at, ":completed": "COMPLETED" },
        "attribute_exists(pk) AND #status <> :completed",
        { "#error": "error" },
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const task = await this.getTask(taskId);
      if (!task) throw new TaskNotFoundError(taskId);
      return undefined;
    }
  }

  private async update(
    taskId: string,
    expression: string,
    values: Record<string, unknown>,
    condition: string,
    extraNames: Record<string, string> = {},
  ): Promise<Task> {
    const usesStatus = expression.includes("#status") || condition.includes("#status");
    const names = { ...(usesStatus ? { "#status": "status" } : {}), ...extraNames };
    const output = await this.documents.send(
      new UpdateCommand({
        TableName: this.table,
        Key: taskKey(taskId),
        UpdateExpression: expression,
        ConditionExpression: condition,
        ExpressionAttributeValues: values,
        ExpressionAttributeNames: Object.keys(names).length > 0 ? names : undefined,
        ReturnValues: "ALL_NEW",
      }),
    );
    const { pk: _pk, kind: _kind, ...task } = output.Attributes ?? {};
    return task as Task;
  }
}
