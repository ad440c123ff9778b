import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import {
  type DeadLetter,
  type DeadLetterBatchResult,
  processEachDeadLetter,
  storeDeadLetterThenLog,
} from "../../kernel/dead-letters/dead-letters";
import { type Log, silentLog } from "../../kernel/observability/log";
import { queryAll } from "../../kernel/results/dynamodb/read";
import { GATE_DEAD_LETTER_PARTITION, partitionQuery } from "../../kernel/results/layout";
import { type DeadLetterRecordBase, gateDeadLetterItem } from "../../kernel/results/records/dead-letters";
import type { ResultsTable } from "../../kernel/results/table";
import { GateStoreError } from "./errors";
import { parseDeploymentMessage } from "./event";
import { putOutcomeEvent } from "./outcome";

export type { DeadLetter } from "../../kernel/dead-letters/dead-letters";

export interface DeadLetterRecord extends DeadLetter, DeadLetterRecordBase {
  /** Why the gate could not process it: the validation error, or that processing kept failing. */
  readonly reason: string;
  readonly service?: string;
  readonly deploymentId?: string;
}

export interface DeadLetterDeps {
  readonly results: ResultsTable;
  readonly events: EventBridgeClient;
  readonly eventBusName?: string;
  readonly now?: () => number;
  readonly log?: Log;
  readonly recordedBy?: string;
}

/**
 * Stores one dead letter with its body, reason and receive count, logs it and emits an alert
 * outcome event. Throws when it cannot store or emit, so the DLQ keeps the message: nothing is dropped.
 */
export const processDeadLetter = async (letter: DeadLetter, deps: DeadLetterDeps): Promise<DeadLetterRecord> => {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? silentLog;
  const record: DeadLetterRecord = {
    ...letter,
    ...diagnose(letter),
    recordedAt: new Date(now()).toISOString(),
    recordedBy: deps.recordedBy ?? "readiness-gate-dlq-processor",
  };
  await storeDeadLetterThenLog(deps.results.raising(GateStoreError), {
    what: `store dead letter ${letter.messageId}`,
    item: gateDeadLetterItem(record, now()),
    log,
    message: "deployment event dead-lettered",
    attributes: {
      messageId: letter.messageId,
      receiveCount: letter.receiveCount,
      reason: record.reason,
      ...(record.service ? { ecsService: record.service } : {}),
      ...(record.deploymentId ? { deploymentId: record.deploymentId } : {}),
    },
  });
  await putOutcomeEvent(deps.events, deps.eventBusName ?? "default", record.service ? [record.service] : [], {
    kind: "dead-letter",
    service: record.service ?? "",
    deploymentId: record.deploymentId ?? "",
    verdict: "INCONCLUSIVE",
    reason: record.reason,
    rolledBack: false,
    alert: `the gate gave up on message ${letter.messageId} after ${letter.receiveCount} deliveries: ${record.reason}`,
    messageId: letter.messageId,
    receiveCount: letter.receiveCount,
  });
  return record;
};

/** A batch of the gate's DLQ: each message processed on its own; those that fail stay in the DLQ. */
export const processDeadLetters = (
  letters: readonly DeadLetter[],
  deps: DeadLetterDeps,
): Promise<DeadLetterBatchResult<DeadLetterRecord>> =>
  processEachDeadLetter(letters, (letter) => processDeadLetter(letter, deps), {
    log: deps.log ?? silentLog,
    message: "could not process a dead letter; it stays in the DLQ",
  });

/** Every stored dead letter (all pages). */
export const listDeadLetters = async (results: ResultsTable): Promise<DeadLetterRecord[]> =>
  (await queryAll(
    results,
    "list the gate's dead letters",
    partitionQuery(GATE_DEAD_LETTER_PARTITION),
  )) as unknown as DeadLetterRecord[];

/** Why the gate could not process the body: its validation error, else it kept failing (see the gate's logs). */
const diagnose = (letter: DeadLetter): { reason: string; service?: string; deploymentId?: string } => {
  try {
    const event = parseDeploymentMessage(letter.body);
    return {
      reason: `processing failed on each of ${letter.receiveCount} deliveries (the event is valid: see the gate's logs for deploymentId ${event.detail.deploymentId})`,
      service: event.serviceArn,
      deploymentId: event.detail.deploymentId,
    };
  } catch (error) {
    return { reason: (error as Error).message };
  }
};
