import type { SQSBatchResponse, SQSRecord } from "aws-lambda";
import { errorAttributes, type Log } from "../observability/log";
import { putItem } from "../results/dynamodb/put";
import type { ResultsTable, StoredItem } from "../results/table";

/**
 * What the DLQ processors (the gate's queue; the Config evaluator's and the nightly function's async
 * invocations) share: reading a DLQ message, processing a batch message by message so that one
 * failure keeps only that message in the DLQ, storing and logging a processed message, and
 * answering Lambda with the batch item failures. What each stores and does about a message is
 * theirs (gate/gate/dead-letters.ts, config-rules/dead-letters.ts, config-rules/nightly/dead-letters.ts);
 * the stored items are results-table records (kernel/results/records/dead-letters.ts).
 */

/** One message a queue gave up on, as its DLQ delivers it. */
export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  /** How often the source delivered it before it was dead-lettered. */
  readonly receiveCount: number;
  /** The DLQ's ARN. */
  readonly sourceQueue: string;
  /** When it was sent to the DLQ's source (ISO 8601), when known. */
  readonly sentAt?: string;
}

/** The DLQ message as Lambda's SQS event source delivers it. */
export const deadLetterOf = (record: SQSRecord): DeadLetter => {
  const sent = Number(record.attributes?.SentTimestamp);
  return {
    messageId: record.messageId,
    body: record.body,
    receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 0),
    sourceQueue: record.eventSourceARN,
    ...(Number.isFinite(sent) && sent > 0 ? { sentAt: new Date(sent).toISOString() } : {}),
  };
};

/**
 * A message of an asynchronous invocation's DLQ (the Config evaluator's, the nightly function's):
 * Lambda puts there, after its retries, the event it was invoked with (the body) and why the last
 * attempt failed (message attributes RequestID, ErrorCode, ErrorMessage).
 */
export interface AsyncInvocationDeadLetter extends DeadLetter {
  readonly requestId?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

export const asyncInvocationDeadLetterOf = (record: SQSRecord): AsyncInvocationDeadLetter => {
  const attribute = (name: string): string | undefined => record.messageAttributes?.[name]?.stringValue || undefined;
  return {
    ...deadLetterOf(record),
    requestId: attribute("RequestID"),
    errorCode: attribute("ErrorCode"),
    errorMessage: attribute("ErrorMessage"),
  };
};

/** Why Lambda's last attempt failed ("ErrorCode <code>: <message>"), or "" when its attributes say nothing. */
export const lambdaFailureOf = (letter: AsyncInvocationDeadLetter): string =>
  [letter.errorCode && `ErrorCode ${letter.errorCode}`, letter.errorMessage].filter(Boolean).join(": ");

/** A processed dead letter: its results-table item, and the ERROR line that reports it. */
export interface StoredDeadLetter {
  /** What the put is, for its error ("store nightly dead letter <id>"). */
  readonly what: string;
  readonly item: StoredItem;
  readonly log: Log;
  readonly message: string;
  readonly attributes: Record<string, unknown>;
}

/**
 * Stores the record, then logs it at ERROR. Only a stored record is logged as dead-lettered: one
 * that could not be stored throws, and processEachDeadLetter logs that it stays in the DLQ.
 */
export const storeDeadLetterThenLog = async (results: ResultsTable, letter: StoredDeadLetter): Promise<void> => {
  await putItem(results, letter.what, letter.item);
  letter.log.error(letter.message, letter.attributes);
};

export interface DeadLetterBatchResult<R> {
  /** Processed: they may leave the DLQ. */
  readonly records: readonly R[];
  /** Message ids whose processing failed: batch item failures, they stay in the DLQ. */
  readonly failed: readonly string[];
}

export interface DeadLetterFailureLog<L> {
  readonly log: Log;
  /** The ERROR line of a message that stays in the DLQ. */
  readonly message: string;
  /** What else the line says about the message (after its id, before the error). */
  readonly attributes?: (letter: L, index: number) => Record<string, unknown>;
}

/**
 * Processes each message in turn; a message whose processing throws is logged and returned in
 * `failed`, and the batch goes on: nothing is dropped, nothing is processed twice by this call.
 */
export const processEachDeadLetter = async <L extends DeadLetter, R>(
  letters: readonly L[],
  process: (letter: L, index: number) => Promise<R>,
  failures: DeadLetterFailureLog<L>,
): Promise<DeadLetterBatchResult<R>> => {
  const records: R[] = [];
  const failed: string[] = [];
  for (const [index, letter] of letters.entries()) {
    try {
      records.push(await process(letter, index));
    } catch (error) {
      failed.push(letter.messageId);
      failures.log.error(failures.message, {
        messageId: letter.messageId,
        ...failures.attributes?.(letter, index),
        ...errorAttributes(error),
      });
    }
  }
  return { records, failed };
};

/** Lambda's answer to an SQS batch: the messages to keep in the queue. */
export const batchItemFailuresOf = (failed: readonly string[]): SQSBatchResponse => ({
  batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })),
});
