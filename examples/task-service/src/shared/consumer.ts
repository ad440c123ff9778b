import { setTimeout as sleep } from "node:timers/promises";
import { DeleteMessageCommand, type Message, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { describeError, type Logger } from "./logger";

export interface ConsumerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** At most this many messages are being handled at once; no more are received meanwhile. */
  readonly concurrency: number;
  /** Long-poll wait (ReceiveMessage WaitTimeSeconds). */
  readonly waitSeconds: number;
  readonly log: Logger;
  /**
   * Handles one message; resolving deletes it, throwing leaves it on the queue so SQS redelivers it
   * after the visibility timeout (and redrives it to the DLQ after maxReceiveCount).
   */
  readonly handle: (message: Message, receiveCount: number) => Promise<void>;
  /**
   * The `ack-early` fault: delete each message as soon as it is received, before handling it. A
   * worker that dies mid-task then loses that task (SQS has nothing left to redeliver).
   */
  readonly deleteBeforeHandling?: boolean;
}

const RECEIVE_ERROR_BACKOFF_MS = 1_000;

/**
 * An SQS long-poll consumer with bounded concurrency. `stop()` stops receiving (aborting the long
 * poll in progress), then waits for every in-flight message to finish: nothing received is dropped.
 */
export class QueueConsumer {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private stopping = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: ConsumerOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    const draining = this.inFlight.size;
    if (draining > 0) this.options.log.info("draining in-flight messages", { inFlight: draining });
    await this.loop;
    await Promise.all(this.inFlight);
    this.options.log.info("drained", { drained: draining });
  }

  private async run(): Promise<void> {
    const { concurrency, log } = this.options;
    while (!this.stopping) {
      const free = concurrency - this.inFlight.size;
      if (free <= 0) {
        await Promise.race(this.inFlight);
        continue;
      }
      let messages: Message[];
      try {
        messages = await this.receive(Math.min(10, free));
      } catch (error) {
        if (this.stopping) break;
        log.error("receive failed", { error: describeError(error), queueUrl: this.options.queueUrl });
        await sleep(RECEIVE_ERROR_BACKOFF_MS);
        continue;
      }
      // Messages that arrive while stopping are still handled: they were received, so they drain too.
      for (const message of messages) this.track(message);
    }
  }

  private async receive(max: number): Promise<Message[]> {
    const output = await this.options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.options.queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: this.options.waitSeconds,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["ApproximateReceiveCount"],
      }),
      { abortSignal: this.abort.signal },
    );
    return output.Messages ?? [];
  }

  private track(message: Message): void {
    const receiveCount = Number(message.Attributes?.ApproximateReceiveCount ?? "1");
    const remove = () =>
      this.options.sqs.send(
        new DeleteMessageCommand({ QueueUrl: this.options.queueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
    const early = this.options.deleteBeforeHandling;
    const work = (
      early
        ? remove().then(() => this.options.handle(message, receiveCount))
        : this.options.handle(message, receiveCount).then(remove)
    )
      .then(
        () => undefined,
        (error: unknown) =>
          this.options.log.warn("message left for redelivery", {
            messageId: message.MessageId,
            receiveCount,
            error: describeError(error),
          }),
      )
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }
}
