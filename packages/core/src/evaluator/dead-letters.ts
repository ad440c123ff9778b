import { ConfigServiceClient, StartConfigRulesEvaluationCommand } from "@aws-sdk/client-config-service";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSRecord } from "aws-lambda";
import { isRecord } from "../model/value";
import { errorAttributes, type Log, silentLog } from "../observability/log";
import { ResultsStoreError } from "./errors";
import type { EvaluatorSettings } from "./settings";

/**
 * The Config evaluator's async-invocation DLQ: Lambda puts there, after its retries, the event
 * AWS Config invoked the evaluator with (the body) and why the last attempt failed (message
 * attributes RequestID, ErrorCode, ErrorMessage). Each message is stored in the results table,
 * logged, and its rule's evaluation is started again, so Config ends up with a verdict anyway.
 */

/** One message of the evaluator's DLQ. */
export interface EvaluatorDeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  /** The DLQ's ARN. */
  readonly sourceQueue: string;
  /** When Lambda sent it to the DLQ (ISO 8601), when known. */
  readonly sentAt?: string;
  /** Lambda's message attributes: the failed invocation's request id and error. */
  readonly requestId?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** What the body says, when it is a Config rule event; else why it is not (it is then not re-driven). */
export type DeadLetterDiagnosis =
  | {
      readonly kind: "config-event";
      readonly ruleName: string;
      readonly messageType: string;
      readonly resourceType?: string;
      readonly resourceId?: string;
    }
  | { readonly kind: "unusable"; readonly problem: string; readonly ruleName?: string };

/** What StartConfigRulesEvaluation did for a message's rule. */
export type RedriveStatus = "started" | "throttled" | "rule-missing" | "failed" | "not-redriven";

export interface RedriveOutcome {
  readonly status: RedriveStatus;
  /** The error's name and message, when the call failed. */
  readonly detail?: string;
}

export interface EvaluatorDeadLetterRecord extends EvaluatorDeadLetter {
  /** The body was cut to fit a DynamoDB item (400 KB): the rest is in the evaluator's logs. */
  readonly bodyTruncated?: boolean;
  /** Why it is here: the evaluator's error, or why the body cannot be evaluated at all. */
  readonly reason: string;
  readonly ruleName?: string;
  readonly messageType?: string;
  readonly resourceType?: string;
  readonly resourceId?: string;
  readonly redrive: RedriveStatus;
  readonly redriveDetail?: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

export interface EvaluatorDeadLetterDeps {
  readonly dynamodb: DynamoDBClient;
  readonly config: ConfigServiceClient;
  readonly resultsTable: string;
  readonly now?: () => number;
  readonly log?: Log;
  readonly recordedBy?: string;
}

export interface DeadLetterBatchResult {
  /** Stored: they may leave the DLQ. */
  readonly records: readonly EvaluatorDeadLetterRecord[];
  /** Message ids that could not be stored: batch item failures, they stay in the DLQ. */
  readonly failed: readonly string[];
}

/** pk of every evaluator dead letter; sk is the message id, so a redelivered message overwrites itself. */
export const EVALUATOR_DEAD_LETTER_PK = "EVALUATOR-DEADLETTER";
/** Kept as long as evaluation history (results/evaluations.ts DEFAULT_HISTORY_DAYS). */
export const EVALUATOR_DEAD_LETTER_DAYS = 90;
/** Room for the other attributes under DynamoDB's 400 KB item limit. */
export const MAX_STORED_BODY_CHARS = 300_000;

const KNOWN_MESSAGE_TYPES = new Set([
  "ConfigurationItemChangeNotification",
  "OversizedConfigurationItemChangeNotification",
  "ScheduledNotification",
]);

/** The DLQ message as Lambda's SQS event source delivers it. */
export const deadLetterOfSqsRecord = (record: SQSRecord): EvaluatorDeadLetter => {
  const attribute = (name: string): string | undefined => record.messageAttributes?.[name]?.stringValue || undefined;
  const sent = Number(record.attributes?.SentTimestamp);
  return {
    messageId: record.messageId,
    body: record.body,
    receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 0),
    sourceQueue: record.eventSourceARN,
    ...(Number.isFinite(sent) && sent > 0 ? { sentAt: new Date(sent).toISOString() } : {}),
    requestId: attribute("RequestID"),
    errorCode: attribute("ErrorCode"),
    errorMessage: attribute("ErrorMessage"),
  };
};

/**
 * Reads the body as a Config rule event, leniently: a rule name and an invokingEvent of a known
 * message type are enough to re-drive; the evaluator's own validation is what may have failed.
 */
export const diagnoseDeadLetter = (body: string): DeadLetterDiagnosis => {
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch (error) {
    return { kind: "unusable", problem: `the body is not JSON (${(error as Error).message})` };
  }
  if (!isRecord(event)) return { kind: "unusable", problem: "the body is not a JSON object" };
  const ruleName = typeof event.configRuleName === "string" && event.configRuleName !== "" ? event.configRuleName : "";
  if (!ruleName) return { kind: "unusable", problem: "not a Config rule event: no configRuleName" };
  let invoking: unknown = event.invokingEvent;
  if (typeof invoking === "string")
    try {
      invoking = JSON.parse(invoking);
    } catch {
      return { kind: "unusable", ruleName, problem: "not a Config rule event: invokingEvent is not valid JSON" };
    }
  if (!isRecord(invoking))
    return { kind: "unusable", ruleName, problem: "not a Config rule event: invokingEvent is missing or no object" };
  const messageType = invoking.messageType;
  if (typeof messageType !== "string" || !KNOWN_MESSAGE_TYPES.has(messageType))
    return {
      kind: "unusable",
      ruleName,
      problem: `not a Config rule event: invokingEvent.messageType ${JSON.stringify(messageType ?? null)} is none of ${[...KNOWN_MESSAGE_TYPES].join(", ")}`,
    };
  const item = isRecord(invoking.configurationItem)
    ? invoking.configurationItem
    : isRecord(invoking.configurationItemSummary)
      ? invoking.configurationItemSummary
      : {};
  const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
  return {
    kind: "config-event",
    ruleName,
    messageType,
    resourceType: text(item.resourceType),
    resourceId: text(item.resourceId),
  };
};

/** The rules to re-drive for a batch: each once, however many of its messages the batch holds. */
export const rulesToRedrive = (diagnoses: readonly DeadLetterDiagnosis[]): string[] => [
  ...new Set(diagnoses.flatMap((d) => (d.kind === "config-event" ? [d.ruleName] : []))),
];

/** StartConfigRulesEvaluation's failure as an outcome: a throttle or a running evaluation is no failure. */
export const redriveOutcomeOf = (error: unknown): RedriveOutcome => {
  const name = error instanceof Error ? error.name : "Error";
  const detail = `${name}: ${error instanceof Error ? error.message : String(error)}`;
  // LimitExceeded: an evaluation of the rule is running or was started within the minute.
  if (["LimitExceededException", "ThrottlingException", "TooManyRequestsException"].includes(name))
    return { status: "throttled", detail };
  if (name === "NoSuchConfigRuleException") return { status: "rule-missing", detail };
  return { status: "failed", detail };
};

/** The item stored for one message (pure). */
export const deadLetterRecord = (
  letter: EvaluatorDeadLetter,
  diagnosis: DeadLetterDiagnosis,
  redrive: RedriveOutcome,
  recordedAt: string,
  recordedBy: string,
): EvaluatorDeadLetterRecord => {
  const truncated = letter.body.length > MAX_STORED_BODY_CHARS;
  const failure = [letter.errorCode && `ErrorCode ${letter.errorCode}`, letter.errorMessage].filter(Boolean).join(": ");
  return {
    ...letter,
    body: truncated ? letter.body.slice(0, MAX_STORED_BODY_CHARS) : letter.body,
    ...(truncated ? { bodyTruncated: true } : {}),
    reason:
      diagnosis.kind === "unusable"
        ? diagnosis.problem
        : `the evaluator failed after Lambda's retries (${failure || "no error given"})`,
    ruleName: diagnosis.ruleName,
    ...(diagnosis.kind === "config-event"
      ? { messageType: diagnosis.messageType, resourceType: diagnosis.resourceType, resourceId: diagnosis.resourceId }
      : {}),
    redrive: redrive.status,
    redriveDetail: redrive.detail,
    recordedAt,
    recordedBy,
  };
};

/**
 * Handles one batch of the DLQ: re-drives each Config rule named in it once, then stores and logs
 * every message with what the re-drive did. A message that cannot be stored is returned in
 * `failed` (it stays in the DLQ); a re-drive that fails is recorded and logged, never a failure.
 */
export const processEvaluatorDeadLetters = async (
  letters: readonly EvaluatorDeadLetter[],
  deps: EvaluatorDeadLetterDeps,
): Promise<DeadLetterBatchResult> => {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? silentLog;
  const diagnoses = letters.map((letter) => diagnoseDeadLetter(letter.body));
  const outcomes = new Map<string, RedriveOutcome>();
  for (const rule of rulesToRedrive(diagnoses)) outcomes.set(rule, await redrive(deps.config, rule, log));

  const documents = DynamoDBDocumentClient.from(deps.dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  const records: EvaluatorDeadLetterRecord[] = [];
  const failed: string[] = [];
  for (const [index, letter] of letters.entries()) {
    const diagnosis = diagnoses[index];
    const outcome: RedriveOutcome =
      diagnosis.kind === "config-event"
        ? (outcomes.get(diagnosis.ruleName) ?? { status: "not-redriven" })
        : { status: "not-redriven" };
    const recordedAt = new Date(now()).toISOString();
    const record = deadLetterRecord(
      letter,
      diagnosis,
      outcome,
      recordedAt,
      deps.recordedBy ?? "readiness-evaluator-dlq-processor",
    );
    try {
      await store(documents, deps.resultsTable, record, now());
    } catch (error) {
      failed.push(letter.messageId);
      log.error("could not store an evaluator dead letter; it stays in the DLQ", {
        messageId: letter.messageId,
        configRule: record.ruleName,
        ...errorAttributes(error),
      });
      continue;
    }
    records.push(record);
    log.error("Config evaluation dead-lettered", {
      messageId: letter.messageId,
      receiveCount: letter.receiveCount,
      configRule: record.ruleName,
      resourceType: record.resourceType,
      resourceId: record.resourceId,
      messageType: record.messageType,
      reason: record.reason,
      redrive: record.redrive,
    });
  }
  return { records, failed };
};

const redrive = async (config: ConfigServiceClient, rule: string, log: Log): Promise<RedriveOutcome> => {
  try {
    await config.send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: [rule] }));
    log.info("re-driving the Config rule's evaluation", { configRule: rule });
    return { status: "started" };
  } catch (error) {
    const outcome = redriveOutcomeOf(error);
    const attributes = { configRule: rule, redrive: outcome.status, ...errorAttributes(error) };
    if (outcome.status === "throttled")
      log.warn(
        "Config is already evaluating the rule or throttled the re-drive; the dead letters are stored",
        attributes,
      );
    else log.error("could not re-drive the Config rule; the dead letters are stored", attributes);
    return outcome;
  }
};

const store = async (
  documents: DynamoDBDocumentClient,
  table: string,
  record: EvaluatorDeadLetterRecord,
  nowMs: number,
): Promise<void> => {
  try {
    await documents.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: EVALUATOR_DEAD_LETTER_PK,
          sk: record.messageId,
          kind: "EVALUATOR-DEADLETTER",
          ...record,
          expiresAt: Math.floor(nowMs / 1000) + EVALUATOR_DEAD_LETTER_DAYS * 86_400,
        },
      }),
    );
  } catch (error) {
    throw new ResultsStoreError(
      `could not store evaluator dead letter ${record.messageId} in ${table}: ${(error as Error).message}`,
      { cause: error },
    );
  }
};

/** The processor's SDK clients. */
export interface EvaluatorDeadLetterClients {
  readonly dynamodb: DynamoDBClient;
  readonly config: ConfigServiceClient;
}

let clients: EvaluatorDeadLetterClients | undefined;

/** The processor's two clients, created on first use (not at import, so tests swap them first), reused when warm. */
export const evaluatorDeadLetterClients = (
  settings: EvaluatorSettings,
  wrap: <T>(client: T) => T = (c) => c,
): EvaluatorDeadLetterClients => {
  const config = { region: settings.region, ...(settings.endpoint ? { endpoint: settings.endpoint } : {}) };
  clients ??= { dynamodb: wrap(new DynamoDBClient(config)), config: wrap(new ConfigServiceClient(config)) };
  return clients;
};

/** Tests install their own clients (the emulator, a mocked Config); undefined restores creation. */
export const useEvaluatorDeadLetterClients = (next: EvaluatorDeadLetterClients | undefined): void => {
  clients = next;
};
