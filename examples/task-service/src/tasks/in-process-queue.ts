import { randomUUID } from "node:crypto";
import type { Message } from "@aws-sdk/client-sqs";
import { describeError, type Logger } from "../shared/logger";
import type { TaskQueuePort } from "./ports";
import { type TaskMessage, TRACEPARENT_ATTRIBUTE } from "./queue";

/** Handles one message as QueueConsumer's `handle` does: resolving deletes it, throwing leaves it for redelivery. */
export type MessageHandler = (message: Message, receiveCount: number) => Promise<void>;

export interface InProcessQueueOptions {
  /** The worker's handler (`createTaskProcessor`). */
  readonly handle: MessageHandler;
  /** The DLQ processor's handler (`createDeadLetterProcessor`), given a message after its last failed receive. */
  readonly deadLetter: MessageHandler;
  /** At most this many messages are being handled at once (WORKER_CONCURRENCY). */
  readonly concurrency: number;
  /** Receives before a message is dead-lettered (the SQS redrive policy's maxReceiveCount). */
  readonly maxReceiveCount: number;
  /** How long after a receive a message that failed is delivered again (the SQS visibility timeout). */
  readonly visibilityTimeoutMs: number;
  /** The `ack-early` fault: the message is gone before it is handled, so a failure loses it. */
  readonly deleteBeforeHandling?: boolean;
  readonly log: Logger;
}

interface Queued {
  readonly messageId: string;
  readonly body: string;
  readonly traceparent: string;
  /** Receives so far. */
  readonly receives: number;
}

/**
 * The load stand's queue (`TASK_BACKEND=memory`): SQS plus QueueConsumer in one process. Each message
 * is handed to the worker's handler at least once, at most `concurrency` at a time, in order of
 * arrival; a failed one comes back after the visibility timeout with its receive count raised, and
 * after `maxReceiveCount` receives goes to the dead-letter handler, as the redrive policy sends it to
 * the DLQ. Unlike SQS it never delivers a message twice while a handler still works on it, and
 * messages still queued when it stops are lost with the process.
 */
export class InProcessTaskQueue implements TaskQueuePort {
  private readonly ready: Queued[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly invisible = new Set<NodeJS.Timeout>();
  private handling = 0;
  private stopped = false;

  constructor(private readonly options: InProcessQueueOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
      throw new RangeError(`concurrency must be a whole number ≥ 1, got ${options.concurrency}`);
    if (!Number.isInteger(options.maxReceiveCount) || options.maxReceiveCount < 1)
      throw new RangeError(`maxReceiveCount must be a whole number ≥ 1, got ${options.maxReceiveCount}`);
  }

  /** Messages waiting for a handler, waiting out a visibility timeout, or being handled (dead letters too). */
  get depth(): number {
    return this.ready.length + this.invisible.size + this.inFlight.size;
  }

  async ping(): Promise<void> {
    if (this.stopped) throw new Error("the in-process queue is stopped");
  }

  async send(message: TaskMessage, traceparent: string): Promise<void> {
    if (this.stopped) throw new Error("the in-process queue is stopped: it takes no more messages");
    this.ready.push({ messageId: randomUUID(), body: JSON.stringify(message), traceparent, receives: 0 });
    this.pump();
  }

  /** Takes no more messages, drops the ones waiting, and waits for those being handled. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.invisible) clearTimeout(timer);
    const dropped = this.ready.length + this.invisible.size;
    this.ready.length = 0;
    this.invisible.clear();
    if (dropped > 0) this.options.log.warn("in-process queue stopped with messages not handled", { dropped });
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private pump(): void {
    while (!this.stopped && this.handling < this.options.concurrency && this.ready.length > 0) {
      const next = this.ready.shift() as Queued;
      this.receive({ ...next, receives: next.receives + 1 });
    }
  }

  private receive(queued: Queued): void {
    const receivedAt = performance.now();
    const message = sqsMessage(queued);
    const { handle, deleteBeforeHandling, log } = this.options;
    this.handling++;
    const work = handle(message, queued.receives)
      .then(
        () => undefined,
        (error: unknown) => {
          if (deleteBeforeHandling) {
            log.warn("message lost: it was deleted before handling (ack-early)", {
              messageId: queued.messageId,
              receiveCount: queued.receives,
              error: describeError(error),
            });
            return;
          }
          log.warn("message left for redelivery", {
            messageId: queued.messageId,
            receiveCount: queued.receives,
            error: describeError(error),
          });
          this.redeliverLater(queued, receivedAt);
        },
      )
      .finally(() => {
        this.handling--;
        this.inFlight.delete(work);
        this.pump();
      });
    this.inFlight.add(work);
  }

  /** After the visibility timeout (counted from the receive, as SQS does): again, or to the dead-letter handler. */
  private redeliverLater(queued: Queued, receivedAt: number): void {
    if (this.stopped) return;
    const wait = Math.max(0, receivedAt + this.options.visibilityTimeoutMs - performance.now());
    const timer = setTimeout(() => {
      this.invisible.delete(timer);
      if (queued.receives >= this.options.maxReceiveCount) this.deadLetter(queued);
      else {
        this.ready.push(queued);
        this.pump();
      }
    }, wait);
    this.invisible.add(timer);
  }

  private deadLetter(queued: Queued): void {
    const work = this.options
      .deadLetter(sqsMessage(queued), queued.receives)
      .catch((error: unknown) =>
        this.options.log.error("dead letter not handled", {
          messageId: queued.messageId,
          error: describeError(error),
        }),
      )
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }
}

/** The message as SQS hands it to a consumer (the fields the handlers read). */
const sqsMessage = (queued: Queued): Message => ({
  MessageId: queued.messageId,
  Body: queued.body,
  MessageAttributes: { [TRACEPARENT_ATTRIBUTE]: { DataType: "String", StringValue: queued.traceparent } },
  Attributes: { ApproximateReceiveCount: String(queued.receives) },
});
