/*
 * The Config evaluator's DLQ processor: every dead letter stored in the results table (real
 * DynamoDB calls to the moto emulator), logged, and its rule re-driven once per batch.
 * aws-sdk-client-mock stands in for Config only: moto lacks StartConfigRulesEvaluation. Each call
 * is checked against what Config refuses (packages/devkit/src/test-support/aws-contracts/config-service.ts).
 */
import { randomUUID } from "node:crypto";
import { ConfigServiceClient, StartConfigRulesEvaluationCommand } from "@aws-sdk/client-config-service";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type EvaluatorDeadLetterDeps,
  deadLetterOfSqsRecord,
  MAX_STORED_BODY_CHARS,
  processEvaluatorDeadLetters,
  useEvaluatorDeadLetterClients,
} from "@readiness/core/config-rules/dead-letters";
import { changeEvent, RULE_NAME, scheduledEvent } from "../fixtures/config-events/events";
import { taskDefinitionItem } from "../fixtures/config-events/platform";
import {
  EVALUATOR_DEAD_LETTER_PARTITION,
  evaluatorDeadLetterKey,
  RETENTION_DAYS,
} from "@readiness/core/kernel/results/layout";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { sqsRecord } from "../gate/fixtures";
import { createResultsTable } from "../gate/tables";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { answerStartConfigRulesEvaluation } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { refuseWith } from "@readiness/devkit/test-support/aws-contracts/stub-answers";
import { recordingLog } from "./support";

const moto = useEmulator();
const TABLE = "readiness-results-evaluator-dlq";
const NOW = Date.parse("2026-11-30T12:00:00.000Z");
const DLQ_ARN = "arn:aws:sqs:us-east-1:123456789012:readiness-evaluator-dlq";
const EVALUATOR_ERROR = "malformed Config event: ruleParameters: not valid JSON (fix the rule's input parameters)";

let dynamodb: DynamoDBClient;
let documents: DynamoDBDocumentClient;
/** Only this instance is mocked: StartConfigRulesEvaluation is an API moto lacks. */
const config = new ConfigServiceClient({ region: "us-east-1" });
const configMock = mockClient(config);

beforeAll(async () => {
  dynamodb = new DynamoDBClient(moto.clientConfig());
  documents = DynamoDBDocumentClient.from(dynamodb);
  await createResultsTable(dynamodb, TABLE);
});
beforeEach(() => {
  configMock.reset();
  answerStartConfigRulesEvaluation(configMock);
});
afterAll(() => configMock.restore());

/** A DLQ message as Lambda writes it for a failed async invocation: the event as body, the error as attributes. */
const deadLetter = (body: unknown, errorMessage = EVALUATOR_ERROR): SQSRecord => {
  const text = (stringValue: string, dataType = "String") => ({
    stringValue,
    dataType,
    stringListValues: [],
    binaryListValues: [],
  });
  return {
    ...sqsRecord(typeof body === "string" ? body : JSON.stringify(body), {
      messageId: randomUUID(),
      receiveCount: 1,
      queueArn: DLQ_ARN,
    }),
    messageAttributes: {
      RequestID: text(randomUUID()),
      ErrorCode: text("200", "Number"),
      ErrorMessage: text(errorMessage),
    },
  };
};

const deps = (overrides: Partial<EvaluatorDeadLetterDeps> = {}): EvaluatorDeadLetterDeps => ({
  results: ResultsTable.on(dynamodb, TABLE),
  config,
  now: () => NOW,
  ...overrides,
});

const processBatch = (records: SQSRecord[], overrides: Partial<EvaluatorDeadLetterDeps> = {}) =>
  processEvaluatorDeadLetters(records.map(deadLetterOfSqsRecord), deps(overrides));

const stored = async (messageId: string): Promise<Record<string, unknown> | undefined> =>
  (await documents.send(new GetCommand({ TableName: TABLE, Key: evaluatorDeadLetterKey(messageId) }))).Item;

const redrivenRules = (): string[][] =>
  configMock.commandCalls(StartConfigRulesEvaluationCommand).map((call) => call.args[0].input.ConfigRuleNames ?? []);

describe("the evaluator's DLQ processor", () => {
  it("Compliance: a change notification is stored with its rule, resource, error and TTL, logged, and its rule re-driven once", async () => {
    const event = changeEvent(taskDefinitionItem(true));
    const message = deadLetter(event);
    const log = recordingLog();

    const result = await processBatch([message], { log });

    expect(result.failed).toEqual([]);
    expect(redrivenRules()).toEqual([[RULE_NAME]]);
    const item = await stored(message.messageId);
    expect(item).toMatchObject({
      pk: EVALUATOR_DEAD_LETTER_PARTITION,
      sk: message.messageId,
      messageId: message.messageId,
      body: JSON.stringify(event),
      ruleName: RULE_NAME,
      messageType: "ConfigurationItemChangeNotification",
      resourceType: "AWS::ECS::TaskDefinition",
      resourceId: "api",
      errorCode: "200",
      errorMessage: EVALUATOR_ERROR,
      requestId: message.messageAttributes.RequestID.stringValue,
      receiveCount: 1,
      sourceQueue: DLQ_ARN,
      redrive: "started",
      recordedAt: new Date(NOW).toISOString(),
      expiresAt: Math.floor(NOW / 1000) + RETENTION_DAYS.evaluatorDeadLetter * 86_400,
    });
    expect(item?.reason).toBe(`the evaluator failed after Lambda's retries (ErrorCode 200: ${EVALUATOR_ERROR})`);
    const line = log.lines.find((l) => l.message === "Config evaluation dead-lettered");
    expect(line?.level).toBe("error");
    expect(line?.attributes).toMatchObject({
      messageId: message.messageId,
      configRule: RULE_NAME,
      resourceType: "AWS::ECS::TaskDefinition",
      resourceId: "api",
      redrive: "started",
    });
  });

  it("Compliance: a scheduled notification is stored without a resource and its rule re-driven", async () => {
    const message = deadLetter(scheduledEvent({ ruleName: "readiness-slo-defined", itemId: "slo-defined" }));

    const result = await processBatch([message]);

    expect(result.failed).toEqual([]);
    expect(redrivenRules()).toEqual([["readiness-slo-defined"]]);
    const item = await stored(message.messageId);
    expect(item).toMatchObject({
      ruleName: "readiness-slo-defined",
      messageType: "ScheduledNotification",
      redrive: "started",
    });
    expect(item?.resourceType).toBeUndefined();
    expect(item?.resourceId).toBeUndefined();
  });

  it.each([
    ["a body that is not JSON", "{not json", /^the body is not JSON \(/],
    ["a JSON array", "[1,2]", /^the body is not a JSON object$/],
    ["an event without configRuleName", { invokingEvent: "{}" }, /^not a Config rule event: no configRuleName$/],
    [
      "an invokingEvent that is not JSON",
      { configRuleName: RULE_NAME, invokingEvent: "{nope" },
      /^not a Config rule event: invokingEvent is not valid JSON$/,
    ],
    [
      "an unknown messageType",
      { configRuleName: RULE_NAME, invokingEvent: JSON.stringify({ messageType: "ComplianceChangeNotification" }) },
      /^not a Config rule event: invokingEvent\.messageType "ComplianceChangeNotification" is none of /,
    ],
  ])("Noncompliance 1: %s is stored with the reason and not re-driven", async (_what, body, reason) => {
    const message = deadLetter(body);

    const result = await processBatch([message]);

    expect(result.failed).toEqual([]);
    expect(redrivenRules()).toEqual([]);
    const item = await stored(message.messageId);
    expect(item?.body).toBe(message.body);
    expect(item?.reason).toMatch(reason);
    expect(item?.redrive).toBe("not-redriven");
    expect(item?.errorMessage).toBe(EVALUATOR_ERROR);
  });

  it("Noncompliance 2: messages that cannot be stored are batch item failures (they stay in the DLQ)", async () => {
    const messages = [deadLetter(scheduledEvent()), deadLetter("{not json")];
    const log = recordingLog();

    const result = await processBatch(messages, { results: ResultsTable.on(dynamodb, "no-such-table"), log });

    expect(result.failed).toEqual(messages.map((m) => m.messageId));
    expect(result.records).toEqual([]);
    const errors = log.lines.filter(
      (l) => l.message === "could not store an evaluator dead letter; it stays in the DLQ",
    );
    expect(errors).toHaveLength(2);
    expect(JSON.stringify(errors[0].attributes.error)).toContain("no-such-table");
  });

  it("Compliance: messages of one rule in a batch re-drive it once; another rule gets its own call", async () => {
    const item = taskDefinitionItem(true);
    const messages = [
      deadLetter(changeEvent(item)),
      deadLetter(changeEvent(item)),
      deadLetter(scheduledEvent({ ruleName: "readiness-runbook", itemId: "runbook" })),
      deadLetter(scheduledEvent()),
    ];

    const result = await processBatch(messages);

    expect(result.failed).toEqual([]);
    expect(redrivenRules()).toEqual([[RULE_NAME], ["readiness-runbook"]]);
    for (const message of messages) expect((await stored(message.messageId))?.redrive).toBe("started");
  });

  it.each([
    ["LimitExceededException", "throttled", "warn"],
    ["NoSuchConfigRuleException", "rule-missing", "error"],
    ["AccessDeniedException", "failed", "error"],
  ])(
    "Compliance: a re-drive refused with %s is recorded as %s and logged; the message is stored, no failure",
    async (name, status, level) => {
      const refusal = Object.assign(new Error(`${name} from Config`), { name });
      answerStartConfigRulesEvaluation(configMock, refuseWith(refusal));
      const message = deadLetter(changeEvent(taskDefinitionItem(false)));
      const log = recordingLog();

      const result = await processBatch([message], { log });

      expect(result.failed).toEqual([]);
      expect(redrivenRules()).toEqual([[RULE_NAME]]);
      expect(await stored(message.messageId)).toMatchObject({
        redrive: status,
        redriveDetail: `${name}: ${name} from Config`,
      });
      const line = log.lines.find((l) => l.attributes.configRule === RULE_NAME && l.attributes.redrive === status);
      expect(line?.level).toBe(level);
    },
  );

  it("Compliance: a body too large for one DynamoDB item is stored cut, and says so", async () => {
    const event = { ...scheduledEvent(), padding: "x".repeat(MAX_STORED_BODY_CHARS) };
    const message = deadLetter(event);

    const result = await processBatch([message]);

    expect(result.failed).toEqual([]);
    const item = await stored(message.messageId);
    expect(item?.bodyTruncated).toBe(true);
    expect(String(item?.body)).toHaveLength(MAX_STORED_BODY_CHARS);
    expect(message.body.startsWith(String(item?.body))).toBe(true);
  });
});

describe("the evaluator-dlq-processor Lambda handler", () => {
  const previous = { table: process.env.RESULTS_TABLE_NAME, region: process.env.AWS_REGION };
  let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;

  beforeAll(async () => {
    process.env.RESULTS_TABLE_NAME = TABLE;
    process.env.AWS_REGION = "us-east-1";
    handler = (await import("@readiness/functions/evaluator-dlq-processor")).handler;
    useEvaluatorDeadLetterClients({ dynamodb, config });
  });
  afterAll(() => {
    useEvaluatorDeadLetterClients(undefined);
    for (const [name, value] of [
      ["RESULTS_TABLE_NAME", previous.table],
      ["AWS_REGION", previous.region],
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });

  it("Compliance: an SQS batch is stored and re-driven, and reports no batch item failure", async () => {
    const records = [deadLetter(changeEvent(taskDefinitionItem(true))), deadLetter("{not json")];

    const response = await handler({ Records: records });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(redrivenRules()).toEqual([[RULE_NAME]]);
    for (const record of records) expect(await stored(record.messageId)).toBeDefined();
  });
});
