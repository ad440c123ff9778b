import { describe, expect, it } from "vitest";
import { defaultParams } from "../../catalogue/params";
import { Inventory } from "../../inventory/inventory";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { inventoryOf, resource, scopeOf } from "../../testing/builders";
import type { ConfigRule, RuleOutcome } from "../rule";
import { logRetention } from "./log-retention";
import { logRetentionTaskDefinitions } from "./log-retention-task-definitions";

const logGroup = (properties: Record<string, unknown>): Resource =>
  resource("AWS::Logs::LogGroup", "ApiLogs", { LogGroupName: "/ecs/api", ...properties }, ["/ecs/api"]);
const taskDefinition = (options: Record<string, string>): Resource =>
  resource("AWS::ECS::TaskDefinition", "ApiTask", {
    ContainerDefinitions: [{ Name: "api", LogConfiguration: { LogDriver: "awslogs", Options: options } }],
  });

const evaluate = (rule: ConfigRule<"log-retention">, subject: string, inventory: Inventory, minRetentionDays = 7) =>
  rule.evaluate(inventory.get(subject)!, {
    inventory,
    scope: scopeOf(inventory),
    params: { ...defaultParams("log-retention"), minRetentionDays },
  }) as RuleOutcome;

describe("log-retention: log groups", () => {
  const run = (properties: Record<string, unknown>, min?: number) =>
    evaluate(logRetention, "ApiLogs", inventoryOf(logGroup(properties)), min);

  it("Compliance: retention set", () => {
    expect(run({ RetentionInDays: 30 })).toMatchObject({
      verdict: "compliant",
      reason: "log group /ecs/api keeps logs 30 days",
    });
  });

  it("Noncompliance 1: never expires", () => {
    expect(run({})).toMatchObject({
      verdict: "non_compliant",
      reason: "log group /ecs/api never expires (no RetentionInDays)",
    });
  });

  it("Noncompliance 2: shorter than the minimum", () => {
    expect(run({ RetentionInDays: 3 }, 14)).toMatchObject({
      verdict: "non_compliant",
      reason: "log group /ecs/api keeps logs 3 days, less than the minimum 14",
    });
  });

  it("Unknown: retention from a parameter without a default", () => {
    expect(run({ RetentionInDays: unknownValue("parameter Retention has no default") }).verdict).toBe("unknown");
  });
});

describe("log-retention: task definitions", () => {
  it("Noncompliance 1: awslogs driver creates an undeclared group", () => {
    const inventory = inventoryOf(taskDefinition({ "awslogs-group": "/ecs/worker", "awslogs-create-group": "true" }));
    expect(evaluate(logRetentionTaskDefinitions, "ApiTask", inventory)).toMatchObject({
      verdict: "non_compliant",
      reason: "log group /ecs/worker is created by the awslogs driver and never expires",
    });
  });

  it("NotApplicable 1: the group is a declared resource (checked on its own)", () => {
    const inventory = inventoryOf(
      logGroup({ RetentionInDays: 30 }),
      taskDefinition({ "awslogs-group": "/ecs/api", "awslogs-create-group": "true" }),
    );
    expect(evaluate(logRetentionTaskDefinitions, "ApiTask", inventory).verdict).toBe("not_applicable");
  });

  it("NotApplicable 2: a live revision that no service runs", () => {
    const inventory = new Inventory(
      [taskDefinition({ "awslogs-group": "/ecs/old", "awslogs-create-group": "true" })],
      "live",
    );
    expect(evaluate(logRetentionTaskDefinitions, "ApiTask", inventory).verdict).toBe("not_applicable");
  });

  it("Unknown: created group with an unknown name", () => {
    const task = resource("AWS::ECS::TaskDefinition", "ApiTask", {
      ContainerDefinitions: [
        {
          Name: "api",
          LogConfiguration: {
            LogDriver: "awslogs",
            Options: { "awslogs-group": unknownValue("Fn::ImportValue Logs"), "awslogs-create-group": "true" },
          },
        },
      ],
    });
    expect(evaluate(logRetentionTaskDefinitions, "ApiTask", inventoryOf(task)).verdict).toBe("unknown");
  });
});
