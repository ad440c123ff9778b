import { ConfigServiceClient, StartConfigRulesEvaluationCommand } from "@aws-sdk/client-config-service";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  type AsyncInvocationDeadLetter,
  asyncInvocationDeadLetterOf,
  type DeadLetterBatchResult,
  lambdaFailureOf,
  processEachDeadLetter,
  storeDeadLetterThenLog,
} from "../kernel/dead-letters/dead-letters";
import { isRecord } from "../checklist/model/value";
import { errorAttributes, type Log, silentLog } from "../kernel/observability/log";
import { type DeadLetterRecordBase, evaluatorDeadLetterItem } from "../kernel/results/records/dead-letters";
import type { ResultsTable } from "../kernel/results/table";
import { type ClientWrapper, sdkClientConfig, unwrapped } from "../kernel/sdk-clients";
import type { EvaluatorSettings } from "./settings";

/**
 * The Config evaluator's async-invocation DLQ: Lambda puts there, after its retries, the event
 * AWS Config invoked the evaluator with (the body) and why the last attempt failed (message
 * attributes RequestID, ErrorCode, ErrorMessage). Each message is stored in the results table,
 * logged, and its rule's evaluation is started again, so Config ends up with a verdict anyway.
 */

/** One message of the evaluator's DLQ, with Lambda's attributes: the failed invocation's request id and error. */
export type EvaluatorDeadLetter = AsyncInvocationDeadLetter;

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

export interface EvaluatorDeadLetterRecord extends EvaluatorDeadLetter, DeadLetterRecordBase {
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
  readonly results: ResultsTable;
  readonly config: ConfigServiceClient;
  readonly now?: () => number;
  readonly log?: Log;
  readonly recordedBy?: string;
}

/** Room for the other attributes under DynamoDB's 400 KB item limit. */
export const MAX_STORED_BODY_CHARS = 300_000;

const KNOWN_MESSAGE_TYPES = new Set([
  "ConfigurationItemChangeNotification",
  "OversizedConfigurationItemChangeNotification",
  "ScheduledNotification",
]);

/** The DLQ message as Lambda's SQS event source delivers it. */
export const deadLetterOfSqsRecord = asyncInvocationDeadLetterOf;

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
  const failure = lambdaFailureOf(letter);
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
): Promise<DeadLetterBatchResult<EvaluatorDeadLetterRecord>> => {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? silentLog;
  const diagnoses = letters.map((letter) => diagnoseDeadLetter(letter.body));
  const outcomes = new Map<string, RedriveOutcome>();
  for (const rule of rulesToRedrive(diagnoses)) outcomes.set(rule, await redrive(deps.config, rule, log));

  const store = async (letter: EvaluatorDeadLetter, index: number): Promise<EvaluatorDeadLetterRecord> => {
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
    await storeDeadLetterThenLog(deps.results, {
      what: `store evaluator dead letter ${record.messageId}`,
      item: evaluatorDeadLetterItem(record, now()),
      log,
      message: "Config evaluation dead-lettered",
      attributes: {
        messageId: letter.messageId,
        receiveCount: letter.receiveCount,
        configRule: record.ruleName,
        resourceType: record.resourceType,
        resourceId: record.resourceId,
        messageType: record.messageType,
        reason: record.reason,
        redrive: record.redrive,
      },
    });
    return record;
  };
  return processEachDeadLetter(letters, store, {
    log,
    message: "could not store an evaluator dead letter; it stays in the DLQ",
    attributes: (_letter, index) => ({ configRule: diagnoses[index].ruleName }),
  });
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

/** The processor's SDK clients. */
export interface EvaluatorDeadLetterClients {
  readonly dynamodb: DynamoDBClient;
  readonly config: ConfigServiceClient;
}

let clients: EvaluatorDeadLetterClients | undefined;

/** The processor's two clients, created on first use (not at import, so tests swap them first), reused when warm. */
export const evaluatorDeadLetterClients = (
  settings: EvaluatorSettings,
  wrap: ClientWrapper = unwrapped,
): EvaluatorDeadLetterClients => {
  const config = sdkClientConfig(settings);
  clients ??= { dynamodb: wrap(new DynamoDBClient(config)), config: wrap(new ConfigServiceClient(config)) };
  return clients;
};

/** Tests install their own clients (the emulator, a mocked Config); undefined restores creation. */
export const useEvaluatorDeadLetterClients = (next: EvaluatorDeadLetterClients | undefined): void => {
  clients = next;
};
