import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { type Log, silentLog } from "../observability/log";
import { GateStoreError } from "./errors";
import { parseDeploymentMessage } from "./event";
import { putOutcomeEvent } from "./outcome";
import { RUN_HISTORY_DAYS, serviceKey } from "./runs-store";

/** One message the gate's queue gave up on (an SQS record of the DLQ). */
export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  /** How often the gate's queue delivered it before moving it to the DLQ. */
  readonly receiveCount: number;
  /** The DLQ's ARN. */
  readonly sourceQueue: string;
  /** When it was first sent (ISO 8601), when known. */
  readonly sentAt?: string;
}

export interface DeadLetterRecord extends DeadLetter {
  /** Why the gate could not process it: the validation error, or that processing kept failing. */
  readonly reason: string;
  readonly service?: string;
  readonly deploymentId?: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

export interface DeadLetterDeps {
  readonly dynamodb: DynamoDBClient;
  readonly events: EventBridgeClient;
  readonly resultsTable: string;
  readonly eventBusName?: string;
  readonly now?: () => number;
  readonly log?: Log;
  readonly recordedBy?: string;
}

/** pk of every dead letter; sk is the message id, so a redelivered dead letter overwrites itself. */
export const DEAD_LETTER_PK = "GATE-DEADLETTER";

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
  const documents = DynamoDBDocumentClient.from(deps.dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  try {
    await documents.send(
      new PutCommand({
        TableName: deps.resultsTable,
        Item: {
          pk: DEAD_LETTER_PK,
          sk: letter.messageId,
          kind: "DEADLETTER",
          ...(record.service
            ? { gsi2pk: `SERVICE#${serviceKey(record.service)}`, gsi2sk: `DEADLETTER#${record.recordedAt}` }
            : {}),
          ...record,
          expiresAt: Math.floor(now() / 1000) + RUN_HISTORY_DAYS * 86_400,
        },
      }),
    );
  } catch (error) {
    throw new GateStoreError(
      `could not store dead letter ${letter.messageId} in ${deps.resultsTable}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  log.error("deployment event dead-lettered", {
    messageId: letter.messageId,
    receiveCount: letter.receiveCount,
    reason: record.reason,
    ...(record.service ? { ecsService: record.service } : {}),
    ...(record.deploymentId ? { deploymentId: record.deploymentId } : {}),
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

/** Every stored dead letter (all pages). */
export const listDeadLetters = async (dynamodb: DynamoDBClient, resultsTable: string): Promise<DeadLetterRecord[]> => {
  const documents = DynamoDBDocumentClient.from(dynamodb);
  const records: DeadLetterRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: resultsTable,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": DEAD_LETTER_PK },
        ExclusiveStartKey: startKey,
      }),
    );
    records.push(...((page.Items ?? []) as DeadLetterRecord[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return records;
};

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
