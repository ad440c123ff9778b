import type { Message } from "@aws-sdk/client-sqs";
import { setTimeout as sleep } from "node:timers/promises";
import { describeError, type Logger } from "../shared/logger";
import type { FaultSetting } from "../shared/settings";
import { continueTrace } from "../shared/trace";
import { parseTaskMessage, TRACEPARENT_ATTRIBUTE } from "../tasks/queue";
import type { TaskStorePort } from "../tasks/ports";
import { computeResult } from "../tasks/task";

export interface TaskProcessorOptions {
  readonly store: TaskStorePort;
  readonly fault: FaultSetting;
  readonly processingMs: number;
  readonly log: Logger;
  readonly now?: () => Date;
}

/** A stored task the worker cannot process (wrong shape): retried, then dead-lettered. */
export class CorruptTaskError extends Error {
  override name = "CorruptTaskError";
}

/** Handles one task message: RUNNING → (work) → COMPLETED with the result. Throws to have SQS retry. */
export function createTaskProcessor(options: TaskProcessorOptions) {
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  return async (message: Message, receiveCount: number): Promise<void> => {
    const trace = continueTrace(message.MessageAttributes?.[TRACEPARENT_ATTRIBUTE]?.StringValue);
    const log = options.log.withTrace(trace);
    const { taskId } = parseTaskMessage(message.Body);
    const started = performance.now();
    try {
      const start = await options.store.startTask(taskId, receiveCount, now());
      if ("finished" in start) {
        log.info("duplicate message for a finished task", { taskId, status: start.finished.status });
        return;
      }
      const { input } = start.started;
      if (typeof input !== "string") throw new CorruptTaskError(`task ${taskId} has no string input`);
      log.info("task started", { taskId, receiveCount });
      if (options.processingMs > 0) await sleep(options.processingMs);
      if (options.fault === "never-complete") {
        log.info("task processed", { taskId });
        return;
      }
      await options.store.completeTask(taskId, computeResult(input, options.fault), now());
      log.info("task completed", { taskId, durationMs: Math.round(performance.now() - started) });
    } catch (error) {
      log.error("task attempt failed", { taskId, receiveCount, error: describeError(error) });
      await options.store
        .recordAttemptFailure(taskId, receiveCount, describeError(error), now())
        .catch((recordError: unknown) =>
          log.warn("could not record the failure on the task", { taskId, error: describeError(recordError) }),
        );
      throw error;
    }
  };
}
