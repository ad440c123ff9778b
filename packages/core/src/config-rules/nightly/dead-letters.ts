import {
  type AsyncInvocationDeadLetter,
  type DeadLetterBatchResult,
  lambdaFailureOf,
  processEachDeadLetter,
  storeDeadLetterThenLog,
} from "../../kernel/dead-letters/dead-letters";
import { type Log, silentLog } from "../../kernel/observability/log";
import { type DeadLetterRecordBase, nightlyDeadLetterItem } from "../../kernel/results/records/dead-letters";
import type { ResultsTable } from "../../kernel/results/table";

/**
 * The nightly function's DLQ: a night whose run failed after Lambda's two retries (Lambda's
 * RequestID, ErrorCode and ErrorMessage attributes say why), or that the schedule could not start.
 * Each message is stored in the results table and logged at ERROR; it is not re-driven. The cause
 * of a failed night (a denied call, a missing table) fails a re-run just the same, and the next
 * night runs anyway: `readiness history` shows the missed day as a gap.
 */
export interface NightlyDeadLetterRecord extends DeadLetterRecordBase {
  readonly requestId?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** Room for the other attributes under DynamoDB's 400 KB item limit (a schedule's event is small). */
const MAX_STORED_BODY_CHARS = 100_000;

export const nightlyDeadLetterRecord = (
  letter: AsyncInvocationDeadLetter,
  recordedAt: string,
  recordedBy: string,
): NightlyDeadLetterRecord => {
  const failure = lambdaFailureOf(letter);
  return {
    ...letter,
    body: letter.body.slice(0, MAX_STORED_BODY_CHARS),
    reason: failure
      ? `the nightly run failed after Lambda's retries (${failure})`
      : "the nightly run was not completed (no error given: the schedule could not invoke the function, or Lambda gave up)",
    recordedAt,
    recordedBy,
  };
};

export const processNightlyDeadLetters = async (
  letters: readonly AsyncInvocationDeadLetter[],
  deps: { readonly results: ResultsTable; readonly now?: () => number; readonly log?: Log },
): Promise<DeadLetterBatchResult<NightlyDeadLetterRecord>> => {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? silentLog;
  return processEachDeadLetter(
    letters,
    async (letter) => {
      const record = nightlyDeadLetterRecord(letter, new Date(now()).toISOString(), "readiness-nightly-dlq-processor");
      await storeDeadLetterThenLog(deps.results, {
        what: `store nightly dead letter ${record.messageId}`,
        item: nightlyDeadLetterItem(record, now()),
        log,
        message: "a nightly run was dead-lettered: that night has no snapshot",
        attributes: {
          messageId: letter.messageId,
          requestId: letter.requestId,
          reason: record.reason,
          sentAt: letter.sentAt,
        },
      });
      return record;
    },
    { log, message: "could not store a nightly dead letter; it stays in the DLQ" },
  );
};
