import { GetQueueAttributesCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { TaskQueuePort } from "./ports";

/** The task message: only the id travels; the task itself lives in DynamoDB. */
export interface TaskMessage {
  readonly taskId: string;
}

export const TRACEPARENT_ATTRIBUTE = "traceparent";

export class TaskQueue implements TaskQueuePort {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /** Checks the queue exists (and opens the connection before the first request needs it). */
  async ping(): Promise<void> {
    await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: ["QueueArn"] }));
  }

  async send(message: TaskMessage, traceparent: string): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        MessageAttributes: { [TRACEPARENT_ATTRIBUTE]: { DataType: "String", StringValue: traceparent } },
      }),
    );
  }
}

export class MalformedMessageError extends Error {
  override name = "MalformedMessageError";
}

export function parseTaskMessage(body: string | undefined): TaskMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? "");
  } catch {
    throw new MalformedMessageError(`message body is not JSON: ${(body ?? "").slice(0, 80)}`);
  }
  const taskId = (parsed as { taskId?: unknown } | null)?.taskId;
  if (typeof taskId !== "string" || taskId === "") throw new MalformedMessageError("message body has no taskId string");
  return { taskId };
}
