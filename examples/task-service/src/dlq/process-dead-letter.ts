import type { Message } from "@aws-sdk/client-sqs";
import { describeError, type Logger } from "../shared/logger";
import { continueTrace } from "../shared/trace";
import { MalformedMessageError, parseTaskMessage, TRACEPARENT_ATTRIBUTE } from "../tasks/queue";
import type { TaskStorePort } from "../tasks/ports";

export interface DeadLetterOptions {
  readonly store: TaskStorePort;
  readonly log: Logger;
  readonly now?: () => Date;
}

/** Marks the task of a dead-lettered message FAILED, with how often it was tried and why it last failed. */
export function createDeadLetterProcessor(options: DeadLetterOptions) {
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  return async (message: Message, receiveCount: number): Promise<void> => {
    const trace = continueTrace(message.MessageAttributes?.[TRACEPARENT_ATTRIBUTE]?.StringValue);
    const log = options.log.withTrace(trace);
    let taskId: string;
    try {
      ({ taskId } = parseTaskMessage(message.Body));
    } catch (error) {
      // Nothing to mark: keeping it would only loop it through the DLQ forever.
      if (error instanceof MalformedMessageError) {
        log.error("dead letter without a task id dropped", { messageId: message.MessageId, error: error.message });
        return;
      }
      throw error;
    }
    const task = await options.store.getTask(taskId);
    if (!task) {
      log.error("dead letter for an unknown task dropped", { taskId, messageId: message.MessageId });
      return;
    }
    const attempts = task.attempts ?? receiveCount;
    const reason = `dead-lettered after ${attempts} receive(s); last error: ${task.lastError ?? "unknown"}`;
    const failed = await options.store.failTask(taskId, reason, now()).catch((error: unknown) => {
      log.error("could not mark the task FAILED", { taskId, error: describeError(error) });
      throw error;
    });
    if (failed) log.warn("task marked FAILED", { taskId, reason });
    else log.info("dead letter for a completed task ignored", { taskId });
  };
}
