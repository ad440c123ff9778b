/**
 * The Rules stack's evaluator DLQ and its processor, synthesized offline (Storage → Rules) at its
 * own stage ("test-rules-dlq"), so its function builds do not collide with the other stack tests'.
 */
import { CHECKLIST } from "@readiness/core/checklist/catalogue/items";
import { resolve } from "node:path";
import type { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EVALUATOR_DLQ_PROCESSOR_HANDLER,
  EVALUATOR_HANDLER,
  evaluatorDlqProcessorStatements,
  Rules,
} from "../../stacks/Rules";
import { Storage } from "../../stacks/Storage";
import { arnText, sdkActionsOf } from "./gate-template";
import { synthesize } from "./synth";
import {
  asList,
  type CfnResource,
  property,
  references,
  resourcesOf,
  roleOf,
  statementsOfRole,
} from "./template-queries";

const FIXTURE = resolve(import.meta.dirname, "fixtures/readiness.yml");

/** What an SQS event source mapping grants its function on the queue (CDK's grantConsumeMessages). */
const SQS_CONSUME = [
  "sqs:ChangeMessageVisibility",
  "sqs:DeleteMessage",
  "sqs:GetQueueAttributes",
  "sqs:GetQueueUrl",
  "sqs:ReceiveMessage",
];
/** X-Ray trace upload: tracing is active on every function (app defaults), granted by CDK on "*". */
const XRAY = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"];

let rules: Template;
const previousConfig = process.env.READINESS_CONFIG;

beforeAll(async () => {
  process.env.READINESS_CONFIG = FIXTURE;
  rules = (await synthesize("test-rules-dlq", [Storage, Rules])).get(Rules)!;
});
afterAll(() => {
  if (previousConfig === undefined) delete process.env.READINESS_CONFIG;
  else process.env.READINESS_CONFIG = previousConfig;
});

const functionWithHandler = (handler: string): [string, CfnResource] => {
  const found = resourcesOf(rules, "AWS::Lambda::Function").filter(([, fn]) =>
    String(fn.Properties?.Handler).endsWith(handler.slice(handler.lastIndexOf("/") + 1)),
  );
  expect(found, handler).toHaveLength(1);
  return found[0];
};

const deadLetterQueueId = (): string => {
  const ids = resourcesOf(rules, "AWS::SQS::Queue")
    .map(([id]) => id)
    .filter((id) => id.startsWith("EvaluatorDeadLetterQueue"));
  expect(ids).toHaveLength(1);
  return ids[0];
};

/** A role's Allow statements as "action → resources" (flattened ARNs). */
const grantsOf = (roleId: string): Record<string, string[]> => {
  const grants: Record<string, string[]> = {};
  for (const statement of statementsOfRole(rules, roleId)) {
    expect(statement.Effect).toBe("Allow");
    for (const action of asList(statement.Action))
      grants[action] = [...(grants[action] ?? []), ...asList(statement.Resource).map(arnText)].sort();
  }
  return grants;
};

describe("Rules stack: the evaluator's DLQ is processed", () => {
  it("Compliance: the DLQ has one event source mapping, to the processor, reporting batch item failures", () => {
    const [processorId, processor] = functionWithHandler(EVALUATOR_DLQ_PROCESSOR_HANDLER);
    const mappings = resourcesOf(rules, "AWS::Lambda::EventSourceMapping").filter(([, m]) =>
      references(m.Properties?.EventSourceArn, deadLetterQueueId()),
    );
    expect(mappings).toHaveLength(1);
    const [, mapping] = mappings[0];
    expect(references(mapping.Properties?.FunctionName, processorId)).toBe(true);
    expect(mapping.Properties?.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
    expect(mapping.Properties?.BatchSize).toBe(10);
    // The queue's visibility timeout covers the processor's retries of a batch (6 × its timeout).
    const [, queue] = resourcesOf(rules, "AWS::SQS::Queue").find(([id]) => id === deadLetterQueueId())!;
    expect(Number(queue.Properties?.VisibilityTimeout)).toBeGreaterThanOrEqual(
      6 * Number(processor.Properties?.Timeout),
    );
  });

  it("Compliance: the evaluator still sends failed async invocations to that DLQ, and its depth alarm is kept", () => {
    const [, evaluator] = functionWithHandler(EVALUATOR_HANDLER);
    expect(references(evaluator.Properties?.DeadLetterConfig, deadLetterQueueId())).toBe(true);
    const alarms = resourcesOf(rules, "AWS::CloudWatch::Alarm").filter(
      ([id, alarm]) =>
        id.startsWith("EvaluatorDeadLetterQueueNotEmpty") &&
        references(alarm.Properties?.Dimensions, deadLetterQueueId()),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0][1].Properties?.MetricName).toBe("ApproximateNumberOfMessagesVisible");
  });

  it("Compliance: the processor's policy is exactly its two statements, plus consuming the DLQ and X-Ray", () => {
    const [, processor] = functionWithHandler(EVALUATOR_DLQ_PROCESSOR_HANDLER);
    const statements = statementsOfRole(rules, roleOf(processor));
    const sids = statements.flatMap((s) => (s.Sid ? [s.Sid] : []));
    expect(sids.sort()).toEqual(["RecordEvaluatorDeadLetters", "RedriveReadinessRules"]);

    const grants = grantsOf(roleOf(processor));
    const ruleArns = resourcesOf(rules, "AWS::Config::ConfigRule")
      .map(([id]) => `GetAtt:${id}.Arn`)
      .sort();
    expect(ruleArns).toHaveLength(CHECKLIST.length);
    expect(grants).toEqual({
      "dynamodb:PutItem": [expect.stringMatching(/^import:.*Storage.*Results/)],
      "config:StartConfigRulesEvaluation": ruleArns,
      ...Object.fromEntries(SQS_CONSUME.map((action) => [action, [`GetAtt:${deadLetterQueueId()}.Arn`]])),
      ...Object.fromEntries(XRAY.map((action) => [action, ["*"]])),
    });
    // The table itself, not its indexes: a PutItem needs nothing else.
    expect(grants["dynamodb:PutItem"][0]).not.toContain("/index/");
  });

  it("Compliance: every SDK call compiled into the processor is granted, and it is granted nothing it does not call", async () => {
    const [, processor] = functionWithHandler(EVALUATOR_DLQ_PROCESSOR_HANDLER);
    const granted = new Set(Object.keys(grantsOf(roleOf(processor))));
    const called = await sdkActionsOf(EVALUATOR_DLQ_PROCESSOR_HANDLER);
    expect(called.length).toBeGreaterThan(0);
    expect(
      called.filter(({ action }) => !granted.has(action)).map(({ action, file }) => `${action} (in ${file})`),
    ).toEqual([]);
    const calledActions = new Set(called.map(({ action }) => action));
    const infrastructure = new Set([...SQS_CONSUME, ...XRAY]);
    expect([...granted].filter((action) => !calledActions.has(action) && !infrastructure.has(action))).toEqual([]);
  });

  it("Compliance: the processor runs nodejs22.x with tracing, the results table's name, and a log retention", () => {
    const [processorId, processor] = functionWithHandler(EVALUATOR_DLQ_PROCESSOR_HANDLER);
    expect(processor.Properties?.Runtime).toBe("nodejs22.x");
    expect(processor.Properties?.TracingConfig).toEqual({ Mode: "Active" });
    const variables = property<{ Variables: Record<string, unknown> }>(processor, "Environment").Variables;
    expect(arnText(variables.RESULTS_TABLE_NAME)).toMatch(/^import:.*Storage.*Results/);
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe("evaluator-dlq-processor");
    const retentions = resourcesOf(rules, "Custom::LogRetention").filter(([, r]) =>
      references(r.Properties?.LogGroupName, processorId),
    );
    expect(retentions).toHaveLength(1);
    expect(Number(retentions[0][1].Properties?.RetentionInDays)).toBe(30);
  });

  it("Noncompliance 1: the statements builder names no action or resource beyond the two it is given", () => {
    const statements = evaluatorDlqProcessorStatements({ resultsTable: "arn:table", configRules: ["arn:rule-a"] });
    expect(statements).toEqual([
      { sid: "RecordEvaluatorDeadLetters", actions: ["dynamodb:PutItem"], resources: ["arn:table"] },
      { sid: "RedriveReadinessRules", actions: ["config:StartConfigRulesEvaluation"], resources: ["arn:rule-a"] },
    ]);
  });
});
