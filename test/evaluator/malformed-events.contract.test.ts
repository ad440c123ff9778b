/*
 * Malformed Config events fail the invocation with a MalformedEventError that says where and how
 * to fix, logged with context first; nothing is posted. (AWS Config stubbed: see scheduled.contract.)
 */
import { describe, expect, it } from "vitest";
import { MalformedEventError } from "@readiness/core/config-rules/errors";
import { parseConfigRuleEvent } from "@readiness/core/config-rules/event";
import { changeEvent, eventWith, RULE_NAME, ruleParametersOf, scheduledEvent } from "../fixtures/config-events/events";
import { taskDefinitionItem } from "../fixtures/config-events/platform";
import { collectorOf, evaluate, postedEvaluations, recordingLog, stubConfigService } from "./support";

const config = stubConfigService();

const valid = changeEvent(taskDefinitionItem(true));

const cases: [string, unknown, string][] = [
  ["a missing invokingEvent", eventWith(valid, "invokingEvent", undefined), "invokingEvent: missing"],
  ["invokingEvent that is not JSON", eventWith(valid, "invokingEvent", "{not json"), "invokingEvent: not valid JSON"],
  ["invokingEvent that is a JSON array", eventWith(valid, "invokingEvent", "[]"), "invokingEvent: not a JSON object"],
  [
    "an unknown messageType",
    eventWith(valid, "invokingEvent", JSON.stringify({ messageType: "ComplianceChangeNotification" })),
    'invokingEvent.messageType: unsupported messageType "ComplianceChangeNotification"',
  ],
  [
    "a change notification without its item",
    eventWith(valid, "invokingEvent", JSON.stringify({ messageType: "ConfigurationItemChangeNotification" })),
    "invokingEvent.configurationItem: missing",
  ],
  [
    "an item without resourceId",
    eventWith(
      valid,
      "invokingEvent",
      JSON.stringify({
        messageType: "ConfigurationItemChangeNotification",
        configurationItem: { resourceType: "AWS::EC2::VPC", configurationItemStatus: "OK" },
      }),
    ),
    "invokingEvent.configurationItem: invalid configuration item: resourceId",
  ],
  ["missing ruleParameters", eventWith(valid, "ruleParameters", undefined), "ruleParameters: missing"],
  ["ruleParameters without itemId", eventWith(valid, "ruleParameters", "{}"), "ruleParameters.itemId: no itemId"],
  [
    "an unknown itemId",
    eventWith(valid, "ruleParameters", ruleParametersOf("container-hardness")),
    'ruleParameters.itemId: unknown item "container-hardness"',
  ],
  [
    "an unknown parameter",
    eventWith(valid, "ruleParameters", ruleParametersOf("ecs-multi-az", { minZones: 3 })),
    'ruleParameters.minZones: unknown parameter "minZones" for ecs-multi-az',
  ],
  [
    "a parameter of the wrong type",
    eventWith(valid, "ruleParameters", ruleParametersOf("ecs-multi-az", { minAvailabilityZones: "two" })),
    "ruleParameters.minAvailabilityZones:",
  ],
  [
    "a parameter out of range",
    eventWith(valid, "ruleParameters", ruleParametersOf("ecs-multi-az", { minAvailabilityZones: 1 })),
    "ruleParameters.minAvailabilityZones:",
  ],
  ["no resultToken", eventWith(valid, "resultToken", undefined), "resultToken: missing"],
  ["no configRuleName", eventWith(valid, "configRuleName", undefined), "configRuleName: missing"],
  ["an event that is not an object", "ConfigurationItemChangeNotification", "event: not an object"],
];

describe("malformed events", () => {
  it.each(cases)("%s fails with a MalformedEventError naming the field", async (_, event, message) => {
    const log = recordingLog();
    const failure = evaluate(event, { collect: collectorOf([]), log });
    await expect(failure).rejects.toThrow(MalformedEventError);
    await expect(failure).rejects.toThrow(message);
    expect(postedEvaluations(config)).toEqual([]);
    const [line] = log.lines.filter((l) => l.level === "error");
    expect(line?.message).toBe("malformed Config rule event");
    expect(line?.attributes.error).toMatchObject({
      name: "MalformedEventError",
      field: expect.any(String),
      hint: expect.any(String),
    });
  });

  it("the error log line carries the rule name and a clipped copy of the event", async () => {
    const log = recordingLog();
    const huge = eventWith(valid, "ruleParameters", `{"itemId":"nope","x":"${"y".repeat(1000)}"}`);
    await expect(evaluate(huge, { collect: collectorOf([]), log })).rejects.toThrow(MalformedEventError);
    const event = log.lines.find((l) => l.level === "error")!.attributes.event as Record<string, string>;
    expect(event.configRuleName).toBe(RULE_NAME);
    expect(event.ruleParameters.length).toBeLessThanOrEqual(301);
  });
});

describe("rule parameters", () => {
  it("take Config's string values as JSON where the schema needs numbers or lists", async () => {
    const event = scheduledEvent({ itemId: "container-hardening", params: { exemptContainers: ["xray"] } });
    expect((await parseConfigRuleEvent(event)).params).toEqual({ exemptContainers: ["xray"] });
    const multiAz = scheduledEvent({ itemId: "ecs-multi-az", params: { minAvailabilityZones: 3 } });
    expect((await parseConfigRuleEvent(multiAz)).params).toEqual({ minAvailabilityZones: 3, minDesiredCount: 2 });
  });

  it("keep a string parameter as written", async () => {
    const event = scheduledEvent({ itemId: "traces-exported", params: { tempoEndpointPattern: "123" } });
    expect((await parseConfigRuleEvent(event)).params).toEqual({ tempoEndpointPattern: "123" });
  });

  it("apply the item's defaults when none are given", async () => {
    expect((await parseConfigRuleEvent(scheduledEvent({ itemId: "log-retention" }))).params).toEqual({ minRetentionDays: 7 });
  });
});

describe("per-invocation log keys", () => {
  it("every line after parsing carries the rule, item and resource", async () => {
    const log = recordingLog();
    await evaluate(valid, { collect: collectorOf([]), log });
    const posted = log.lines.find((l) => l.message === "evaluations posted")!;
    expect(posted.keys).toEqual({
      configRuleName: RULE_NAME,
      itemId: "container-hardening",
      messageType: "change",
      resourceType: "AWS::ECS::TaskDefinition",
      resourceId: "api",
    });
    expect(posted.attributes).toMatchObject({ counts: { COMPLIANT: 1 }, putCalls: 1, vanished: 0, testMode: false });
  });
});
