import { evaluatorDeadLetterKey, expiryOf, gateDeadLetterKey, nightlyDeadLetterKey, RECORD_KIND } from "../layout";
import type { StoredItem } from "../table";

/** What every stored dead letter says: the message, how often it was delivered, why it is here, who stored it. */
export interface DeadLetterRecordBase {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  /** The DLQ's ARN. */
  readonly sourceQueue: string;
  readonly sentAt?: string;
  readonly reason: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

/** A message the gate's queue gave up on; on its service's timeline when the body names a service. */
export const gateDeadLetterItem = (
  record: DeadLetterRecordBase & { readonly service?: string },
  nowMs: number,
): StoredItem => ({
  ...gateDeadLetterKey(record.messageId, record.service ? { arn: record.service, at: record.recordedAt } : undefined),
  kind: RECORD_KIND.gateDeadLetter,
  ...record,
  ...expiryOf("gateDeadLetter", nowMs),
});

/** A Config event the evaluator failed on after Lambda's retries. */
export const evaluatorDeadLetterItem = (record: DeadLetterRecordBase, nowMs: number): StoredItem => ({
  ...evaluatorDeadLetterKey(record.messageId),
  kind: RECORD_KIND.evaluatorDeadLetter,
  ...record,
  ...expiryOf("evaluatorDeadLetter", nowMs),
});

/** A nightly run that failed after Lambda's retries (or that the schedule could not start). */
export const nightlyDeadLetterItem = (record: DeadLetterRecordBase, nowMs: number): StoredItem => ({
  ...nightlyDeadLetterKey(record.messageId),
  kind: RECORD_KIND.nightlyDeadLetter,
  ...record,
  ...expiryOf("nightlyDeadLetter", nowMs),
});
