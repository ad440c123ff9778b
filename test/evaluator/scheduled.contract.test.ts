/*
 * Contract tests of scheduled (periodic) evaluations, PutEvaluations batching and retries, and
 * TESTMODE. AWS Config is stubbed with aws-sdk-client-mock: the emulator implements PutEvaluations
 * only in test mode (and never reports FailedEvaluations) and lacks GetComplianceDetailsByConfigRule.
 */
import { GetComplianceDetailsByConfigRuleCommand, PutEvaluationsCommand } from "@aws-sdk/client-config-service";
import { describe, expect, it } from "vitest";
import { PutEvaluationsError } from "@readiness/core/config-rules/errors";
import type { Resource } from "@readiness/core/checklist/model/resource";
import { defineRule, nonCompliant } from "@readiness/core/checklist/rules/rule";
import { changeEvent, RULE_NAME, scheduledEvent } from "../fixtures/config-events/events";
import { taskDefinitionItem } from "../fixtures/config-events/platform";
import { answerGetComplianceDetailsByConfigRule, answerPutEvaluations } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { inTurn, refuseWith } from "@readiness/devkit/test-support/aws-contracts/stub-answers";
import { collectorOf, evaluate, postedEvaluations, resourcesOf, stubConfigService } from "./support";

const config = stubConfigService();

const taskDefinitions = (count: number, hardened = true): Resource[] =>
  resourcesOf(
    ...Array.from({ length: count }, (_, i) =>
      taskDefinitionItem(hardened, `arn:aws:ecs:us-east-1:111111111111:task-definition/api-${i}:1`),
    ),
  );

const previous = (resourceType: string, resourceId: string, compliance = "COMPLIANT") => ({
  EvaluationResultIdentifier: {
    EvaluationResultQualifier: { ConfigRuleName: RULE_NAME, ResourceType: resourceType, ResourceId: resourceId },
  },
  ComplianceType: compliance as "COMPLIANT",
});

describe("scheduled notifications", () => {
  it("evaluate every in-scope resource of the rule's types from the live collection", async () => {
    const resources = [...taskDefinitions(1, true), ...taskDefinitions(2, false).slice(1)];
    const run = await evaluate(scheduledEvent(), { collect: collectorOf(resources) });
    expect(postedEvaluations(config).map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([
      ["api-0", "COMPLIANT"],
      ["api-1", "NON_COMPLIANT"],
    ]);
    expect(run.notification).toBe("scheduled");
  });

  it("re-post as NOT_APPLICABLE the resources that no longer exist (all pages of previous results)", async () => {
    answerGetComplianceDetailsByConfigRule(
      config,
      inTurn(
        { EvaluationResults: [previous("AWS::ECS::TaskDefinition", "api-0")], NextToken: "page-2" },
        { EvaluationResults: [previous("AWS::ECS::TaskDefinition", "gone", "NON_COMPLIANT")] },
      ),
    );
    const run = await evaluate(scheduledEvent(), { collect: collectorOf(taskDefinitions(1)) });
    expect(config.commandCalls(GetComplianceDetailsByConfigRuleCommand).map((c) => c.args[0].input)).toEqual([
      {
        ConfigRuleName: RULE_NAME,
        ComplianceTypes: ["COMPLIANT", "NON_COMPLIANT"],
        Limit: 100,
        NextToken: undefined,
      },
      {
        ConfigRuleName: RULE_NAME,
        ComplianceTypes: ["COMPLIANT", "NON_COMPLIANT"],
        Limit: 100,
        NextToken: "page-2",
      },
    ]);
    expect(postedEvaluations(config).map((e) => [e.ComplianceResourceId, e.ComplianceType, e.Annotation])).toEqual([
      ["api-0", "COMPLIANT", expect.any(String)],
      ["gone", "NOT_APPLICABLE", "resource no longer exists"],
    ]);
    expect(run.vanished).toBe(1);
  });

  it("leave alone previous results of a type the collection could not read", async () => {
    answerGetComplianceDetailsByConfigRule(config, {
      EvaluationResults: [previous("AWS::ECS::TaskDefinition", "old")],
    });
    const unreadable = new Map([["AWS::ECS::TaskDefinition", "missing permission ecs:DescribeTaskDefinition"]]);
    const run = await evaluate(scheduledEvent(), { collect: collectorOf([], unreadable) });
    expect(postedEvaluations(config)).toEqual([]);
    expect(run.vanished).toBe(0);
  });

  it("go on with a warning when the compliance query is unavailable", async () => {
    answerGetComplianceDetailsByConfigRule(
      config,
      refuseWith(new Error("endpoint lacks GetComplianceDetailsByConfigRule")),
    );
    const run = await evaluate(scheduledEvent(), { collect: collectorOf(taskDefinitions(2)) });
    expect(postedEvaluations(config)).toHaveLength(2);
    expect(run.warnings).toEqual([
      "previous evaluations unavailable from AWS Config: config:GetComplianceDetailsByConfigRule failed: endpoint lacks GetComplianceDetailsByConfigRule",
    ]);
  });

  it("a compliant resource is undecided (posted NON_COMPLIANT, UNDECIDED:) when a type the rule reads was unreadable", async () => {
    const unreadable = new Map([["AWS::EC2::Subnet", "endpoint lacks DescribeSubnets"]]);
    const services = resourcesOf({ ...taskDefinitionItem(true) }).map((r) => r);
    await evaluate(scheduledEvent({ itemId: "container-hardening" }), { collect: collectorOf(services, unreadable) });
    expect(postedEvaluations(config)).toMatchObject([{ ComplianceType: "COMPLIANT" }]);
    config.resetHistory();
    await evaluate(scheduledEvent({ itemId: "container-hardening" }), {
      collect: collectorOf(
        services,
        new Map([["AWS::ECS::TaskDefinition", "missing permission ecs:DescribeTaskDefinition"]]),
      ),
    });
    expect(postedEvaluations(config)).toMatchObject([
      {
        ComplianceType: "NON_COMPLIANT",
        Annotation: expect.stringMatching(/^UNDECIDED: could not read AWS::ECS::TaskDefinition/),
      },
    ]);
  });
});

/** Config's answer refusing the task definitions named (by resource id). */
const refused = (...resourceIds: string[]) => ({
  FailedEvaluations: resourceIds.map((id) => ({
    ComplianceResourceType: "AWS::ECS::TaskDefinition",
    ComplianceResourceId: id,
    ComplianceType: "COMPLIANT" as const,
    OrderingTimestamp: new Date(),
  })),
});

describe("PutEvaluations", () => {
  it("batches 1,000 evaluations into exactly 10 calls of 100", async () => {
    const run = await evaluate(scheduledEvent(), { collect: collectorOf(taskDefinitions(1000)) });
    const calls = config.commandCalls(PutEvaluationsCommand);
    expect(calls).toHaveLength(10);
    expect(calls.map((c) => c.args[0].input.Evaluations?.length)).toEqual(Array(10).fill(100));
    expect(new Set(postedEvaluations(config).map((e) => e.ComplianceResourceId)).size).toBe(1000);
    expect(run.putCalls).toBe(10);
  });

  it("re-sends only the FailedEvaluations, with growing backoff", async () => {
    const [first, second, third] = ["api-0", "api-1", "api-2"];
    answerPutEvaluations(config, inTurn(refused(first, second), refused(second), refused()));
    const delays: number[] = [];
    const run = await evaluate(scheduledEvent(), {
      collect: collectorOf(taskDefinitions(3)),
      sleep: async (ms) => {
        delays.push(ms);
      },
      retry: { maxAttempts: 4, baseDelayMs: 100 },
    });
    const sent = config
      .commandCalls(PutEvaluationsCommand)
      .map((c) => c.args[0].input.Evaluations?.map((e) => e.ComplianceResourceId));
    expect(sent).toEqual([[first, second, third], [first, second], [second]]);
    expect(run.putCalls).toBe(3);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
  });

  it("fails the invocation with PutEvaluationsError when Config keeps refusing (bounded attempts)", async () => {
    const only = "api-0";
    answerPutEvaluations(config, refused(only));
    const failure = evaluate(scheduledEvent(), {
      collect: collectorOf(taskDefinitions(1)),
      retry: { maxAttempts: 3, baseDelayMs: 1 },
    });
    await expect(failure).rejects.toThrow(PutEvaluationsError);
    await expect(failure).rejects.toThrow(/refused 1 of 1 evaluations/);
    expect(config.commandCalls(PutEvaluationsCommand)).toHaveLength(3);
  });

  it("sets TestMode only for the TESTMODE result token", async () => {
    await evaluate(changeEvent(taskDefinitionItem(true), { resultToken: "TESTMODE" }), { collect: collectorOf([]) });
    await evaluate(changeEvent(taskDefinitionItem(true), { resultToken: "real-token" }), { collect: collectorOf([]) });
    expect(
      config.commandCalls(PutEvaluationsCommand).map((c) => [c.args[0].input.ResultToken, c.args[0].input.TestMode]),
    ).toEqual([
      ["TESTMODE", true],
      ["real-token", undefined],
    ]);
  });
});

describe("annotations", () => {
  const verbose = defineRule({
    itemId: "container-hardening",
    resourceTypes: ["AWS::ECS::TaskDefinition"],
    readsTypes: [],
    evaluate: () => nonCompliant(`container api: ${"user is root; ".repeat(40)}`),
  });

  it("are cut to 256 characters with an ellipsis", async () => {
    await evaluate(changeEvent(taskDefinitionItem(false)), { collect: collectorOf([]), rules: [verbose] });
    const [evaluation] = postedEvaluations(config);
    expect(evaluation!.Annotation).toHaveLength(256);
    expect(evaluation!.Annotation!.startsWith("container api: user is root;")).toBe(true);
    expect(evaluation!.Annotation!.endsWith("…")).toBe(true);
  });

  it("a rule that throws leaves that resource undecided, saying so", async () => {
    const broken = {
      ...verbose,
      evaluate: () => {
        throw new Error("boom");
      },
    };
    await evaluate(changeEvent(taskDefinitionItem(false)), { collect: collectorOf([]), rules: [broken] });
    expect(postedEvaluations(config)).toMatchObject([
      { ComplianceType: "NON_COMPLIANT", Annotation: "UNDECIDED: evaluation error in container-hardening: boom" },
    ]);
  });
});
