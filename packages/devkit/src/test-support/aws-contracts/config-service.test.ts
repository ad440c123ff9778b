/*
 * The AWS Config validators refuse what the API reference says Config refuses, and accept the
 * boundary values it allows: a stub built on them can be trusted to fail where AWS would.
 */
import {
  ConfigServiceClient,
  type Evaluation,
  PutEvaluationsCommand,
  type PutEvaluationsRequest,
  StartConfigRulesEvaluationCommand,
} from "@aws-sdk/client-config-service";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import {
  answerPutEvaluations,
  answerStartConfigRulesEvaluation,
  CONFIG_SERVICE_VALIDATORS,
  validateGetComplianceDetailsByConfigRule,
  validateGetResourceConfigHistory,
  validatePutEvaluations,
  validateStartConfigRulesEvaluation,
} from "./config-service";
import { inTurn, refuseWith, validateBeforeSending } from "./stub-answers";

const evaluation = (overrides: Partial<Evaluation> = {}): Evaluation => ({
  ComplianceResourceType: "AWS::ECS::Service",
  ComplianceResourceId: "arn:aws:ecs:us-east-1:111111111111:service/tasks/api",
  ComplianceType: "COMPLIANT",
  Annotation: "all containers hardened",
  OrderingTimestamp: new Date("2026-11-30T12:00:00.000Z"),
  ...overrides,
});

const request = (evaluations: Evaluation[], overrides: Partial<PutEvaluationsRequest> = {}): PutEvaluationsRequest => ({
  Evaluations: evaluations,
  ResultToken: "token",
  ...overrides,
});

const many = (count: number): Evaluation[] =>
  Array.from({ length: count }, (_, i) => evaluation({ ComplianceResourceId: `resource-${i}` }));

/** The error a validator throws, or undefined when it accepts. */
const refusalOf = (validate: () => void): { name: string; message: string } | undefined => {
  try {
    validate();
    return undefined;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
};

describe("PutEvaluations", () => {
  it.each([
    [
      "INSUFFICIENT_DATA (custom rules cannot post it)",
      request([evaluation(), evaluation({ ComplianceType: "INSUFFICIENT_DATA" })]),
      "InvalidParameterValueException",
      /INSUFFICIENT_DATA at evaluations\.2 is not accepted/,
    ],
    [
      "a compliance type outside the enum",
      request([evaluation({ ComplianceType: "PASSED" as never })]),
      "ValidationException",
      /evaluations\.1\.member\.complianceType' failed to satisfy constraint: Member must satisfy enum value set/,
    ],
    [
      "a 257-character annotation",
      request([evaluation({ Annotation: "a".repeat(257) })]),
      "ValidationException",
      /'evaluations\.1\.member\.annotation' failed to satisfy constraint: Member must have length less than or equal to 256/,
    ],
    [
      "an empty annotation",
      request([evaluation({ Annotation: "" })]),
      "ValidationException",
      /annotation' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    ],
    [
      "101 evaluations in one call",
      request(many(101)),
      "ValidationException",
      /at 'evaluations' failed to satisfy constraint: Member must have length less than or equal to 100/,
    ],
    [
      "a missing OrderingTimestamp",
      request([evaluation({ OrderingTimestamp: undefined })]),
      "ValidationException",
      /Value null at 'evaluations\.1\.member\.orderingTimestamp' failed to satisfy constraint: Member must not be null/,
    ],
    [
      "an OrderingTimestamp that is no date",
      request([evaluation({ OrderingTimestamp: new Date(Number.NaN) })]),
      "ValidationException",
      /orderingTimestamp' failed to satisfy constraint: Member must be a timestamp/,
    ],
    [
      "a missing ComplianceType",
      request([evaluation({ ComplianceType: undefined })]),
      "ValidationException",
      /Value null at 'evaluations\.1\.member\.complianceType'/,
    ],
    [
      "a 769-character resource id",
      request([evaluation({ ComplianceResourceId: "i".repeat(769) })]),
      "ValidationException",
      /complianceResourceId' failed to satisfy constraint: Member must have length less than or equal to 768/,
    ],
    [
      "a missing resource id",
      request([evaluation({ ComplianceResourceId: undefined })]),
      "ValidationException",
      /Value null at 'evaluations\.1\.member\.complianceResourceId'/,
    ],
    [
      "a 257-character resource type",
      request([evaluation({ ComplianceResourceType: "T".repeat(257) })]),
      "ValidationException",
      /complianceResourceType' failed to satisfy constraint: Member must have length less than or equal to 256/,
    ],
    [
      "an empty resource type",
      request([evaluation({ ComplianceResourceType: "" })]),
      "ValidationException",
      /complianceResourceType' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    ],
    [
      "no ResultToken, even in test mode",
      request([evaluation()], { ResultToken: undefined, TestMode: true }),
      "ValidationException",
      /Value null at 'resultToken'/,
    ],
  ])("refuses %s", (_case, input, name, message) => {
    expect(refusalOf(() => validatePutEvaluations(input))).toEqual({ name, message: expect.stringMatching(message) });
  });

  it("reports every violation of a request at once, as AWS does", () => {
    const refusal = refusalOf(() =>
      validatePutEvaluations(request([evaluation({ Annotation: "a".repeat(300), OrderingTimestamp: undefined })])),
    );
    expect(refusal?.message).toMatch(/^2 validation errors detected: /);
  });

  it.each([
    ["exactly 100 evaluations", request(many(100))],
    ["no evaluations", request([])],
    ["a 256-character annotation", request([evaluation({ Annotation: "a".repeat(256) })])],
    ["no annotation", request([evaluation({ Annotation: undefined })])],
    ["a 768-character resource id", request([evaluation({ ComplianceResourceId: "i".repeat(768) })])],
    ["a 256-character resource type", request([evaluation({ ComplianceResourceType: "T".repeat(256) })])],
    [
      "NON_COMPLIANT and NOT_APPLICABLE",
      request([evaluation({ ComplianceType: "NON_COMPLIANT" }), evaluation({ ComplianceType: "NOT_APPLICABLE" })]),
    ],
    ["the TESTMODE token in test mode", request([evaluation()], { ResultToken: "TESTMODE", TestMode: true })],
  ])("accepts %s", (_case, input) => {
    expect(refusalOf(() => validatePutEvaluations(input))).toBeUndefined();
  });
});

describe("StartConfigRulesEvaluation", () => {
  const names = (count: number) => Array.from({ length: count }, (_, i) => `readiness-rule-${i}`);

  it.each([
    [
      "26 rule names",
      names(26),
      /at 'configRuleNames' failed to satisfy constraint: Member must have length less than or equal to 25/,
    ],
    [
      "no rule names",
      [],
      /at 'configRuleNames' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    ],
    [
      "a 129-character name",
      ["r".repeat(129)],
      /'configRuleNames\.1\.member' failed to satisfy constraint: Member must have length less than or equal to 128/,
    ],
    [
      "an empty name",
      [""],
      /'configRuleNames\.1\.member' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    ],
    ["a blank name", ["   "], /Member must satisfy regular expression pattern: \.\*\\S\.\*/],
  ])("refuses %s", (_case, ConfigRuleNames, message) => {
    expect(refusalOf(() => validateStartConfigRulesEvaluation({ ConfigRuleNames }))).toEqual({
      name: "ValidationException",
      message: expect.stringMatching(message),
    });
  });

  it.each([
    ["25 rule names", names(25)],
    ["one 128-character name", ["r".repeat(128)]],
  ])("accepts %s", (_case, ConfigRuleNames) => {
    expect(refusalOf(() => validateStartConfigRulesEvaluation({ ConfigRuleNames }))).toBeUndefined();
  });
});

describe("GetComplianceDetailsByConfigRule", () => {
  it.each([
    [
      "INSUFFICIENT_DATA as a filter",
      { ConfigRuleName: "readiness-oncall", ComplianceTypes: ["COMPLIANT", "INSUFFICIENT_DATA"] as const },
      "InvalidParameterValueException",
      /INSUFFICIENT_DATA cannot be used as a ComplianceType for filtering results/,
    ],
    [
      "a Limit over 100",
      { ConfigRuleName: "readiness-oncall", Limit: 101 },
      "ValidationException",
      /'limit'.*less than or equal to 100/,
    ],
    [
      "a 65-character rule name",
      { ConfigRuleName: "r".repeat(65) },
      "ValidationException",
      /'configRuleName'.*less than or equal to 64/,
    ],
    ["no rule name", {}, "ValidationException", /Value null at 'configRuleName'/],
  ])("refuses %s", (_case, input, name, message) => {
    expect(refusalOf(() => validateGetComplianceDetailsByConfigRule({ ...input } as never))).toEqual({
      name,
      message: expect.stringMatching(message),
    });
  });

  it("accepts the claiming filters with the largest page", () => {
    expect(
      refusalOf(() =>
        validateGetComplianceDetailsByConfigRule({
          ConfigRuleName: "readiness-oncall",
          ComplianceTypes: ["COMPLIANT", "NON_COMPLIANT"],
          Limit: 100,
        }),
      ),
    ).toBeUndefined();
  });
});

describe("GetResourceConfigHistory", () => {
  it.each([
    ["no resource id", { resourceType: "AWS::ECS::Service" }, /Value null at 'resourceId'/],
    ["a limit over 100", { resourceType: "AWS::ECS::Service", resourceId: "x", limit: 101 }, /'limit'/],
  ])("refuses %s", (_case, input, message) => {
    expect(refusalOf(() => validateGetResourceConfigHistory(input as never))).toEqual({
      name: "ValidationException",
      message: expect.stringMatching(message),
    });
  });
});

describe("the stubs", () => {
  const client = new ConfigServiceClient({
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
  const stub = mockClient(client);
  afterEach(() => stub.reset());

  it("refuse a request AWS refuses, through the SDK client, before answering", async () => {
    answerPutEvaluations(stub);
    const sent = client.send(new PutEvaluationsCommand(request([evaluation({ ComplianceType: "INSUFFICIENT_DATA" })])));
    await expect(sent).rejects.toMatchObject({ name: "InvalidParameterValueException", $fault: "client" });
    await expect(client.send(new PutEvaluationsCommand(request([evaluation()])))).resolves.toEqual({
      FailedEvaluations: [],
    });
  });

  it("validate every request, whatever the answer: a refusal answer still sees a bad request refused first", async () => {
    const throttled = Object.assign(new Error("Rate exceeded"), { name: "LimitExceededException" });
    answerStartConfigRulesEvaluation(stub, refuseWith(throttled));
    await expect(
      client.send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: Array(26).fill("readiness-x") })),
    ).rejects.toMatchObject({ name: "ValidationException" });
    await expect(
      client.send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: ["readiness-x"] })),
    ).rejects.toMatchObject({ name: "LimitExceededException" });
  });

  it("answer in turn, the last answer repeating", async () => {
    answerPutEvaluations(stub, inTurn({ FailedEvaluations: [evaluation()] }, { FailedEvaluations: [] }));
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await client.send(new PutEvaluationsCommand(request([evaluation()]))));
    expect(answers.map((a) => a.FailedEvaluations?.length)).toEqual([1, 0, 0]);
  });

  it("validateBeforeSending stops a request the emulator would accept before it leaves the client", async () => {
    const real = validateBeforeSending(
      new ConfigServiceClient({
        region: "us-east-1",
        endpoint: "http://127.0.0.1:9",
        credentials: { accessKeyId: "x", secretAccessKey: "x" },
        maxAttempts: 1,
      }),
      CONFIG_SERVICE_VALIDATORS,
    );
    const sent = real.send(
      new PutEvaluationsCommand(
        request([evaluation({ ComplianceType: "INSUFFICIENT_DATA" })], { ResultToken: "TESTMODE", TestMode: true }),
      ),
    );
    await expect(sent).rejects.toMatchObject({ name: "InvalidParameterValueException" });
  });
});
