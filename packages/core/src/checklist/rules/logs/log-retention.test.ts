import { describe, expect, it } from "vitest";
import { defaultParams } from "../../catalogue/params";
import { checkInventory } from "../../check/check-inventory";
import { Inventory } from "../../inventory/inventory";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { configOf, inventoryOf, resource, scopeOf } from "@readiness/devkit/testing/builders";
import type { ConfigRule, RuleOutcome } from "../rule";
import { logRetention } from "./log-retention";
import { logRetentionFunctions } from "./log-retention-functions";
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

describe("log-retention: Lambda functions", () => {
  /** A function as the adapters give it: CloudFormation generated its name, an alias. */
  const fn = (properties: Record<string, unknown> = {}): Resource =>
    resource("AWS::Lambda::Function", "Worker", properties, [
      "app-Worker",
      "arn:aws:lambda:us-east-1:1:function:app-Worker",
    ]);
  const customRetention = (properties: Record<string, unknown>): Resource =>
    resource("Custom::LogRetention", "WorkerLogRetention", properties);
  const run = (...resources: Resource[]) => evaluate(logRetentionFunctions, "Worker", inventoryOf(...resources));

  it("Compliance 1: CDK's logRetention (Custom::LogRetention) on /aws/lambda/<name>", () => {
    expect(run(fn(), customRetention({ LogGroupName: "/aws/lambda/app-Worker", RetentionInDays: 30 }))).toMatchObject({
      verdict: "compliant",
      reason: "function app-Worker's log group /aws/lambda/app-Worker (set by WorkerLogRetention) keeps logs 30 days",
    });
  });

  it("Compliance 2: LoggingConfig names a log group outside the scope: its retention is judged here", () => {
    const group = resource("AWS::Logs::LogGroup", "Shared", { LogGroupName: "/shared", RetentionInDays: 14 }, [
      "/shared",
    ]);
    const service = resource("AWS::ECS::Service", "Api", { ServiceName: "api" });
    const inventory = inventoryOf(fn({ LoggingConfig: { LogGroup: "/shared" } }), group, service);
    const scope = scopeOf(inventory, configOf({ services: [{ service: "api", role: "api" }] }));
    expect(scope.includes(group)).toBe(false);
    const outcome = logRetentionFunctions.evaluate(inventory.get("Worker")!, {
      inventory,
      scope,
      params: { ...defaultParams("log-retention"), minRetentionDays: 7 },
    });
    expect(outcome).toMatchObject({
      verdict: "compliant",
      reason: "function app-Worker's log group /shared keeps logs 14 days",
    });
  });

  it("Noncompliance 1: nothing gives /aws/lambda/<name> a retention", () => {
    expect(run(fn())).toMatchObject({
      verdict: "non_compliant",
      reason:
        "function app-Worker logs to /aws/lambda/app-Worker, which nothing gives a retention: Lambda creates it on first use and it never expires",
    });
  });

  it("Noncompliance 2: a Custom::LogRetention without RetentionInDays (RetentionDays.INFINITE)", () => {
    expect(run(fn(), customRetention({ LogGroupName: "/aws/lambda/app-Worker" }))).toMatchObject({
      verdict: "non_compliant",
      reason:
        "function app-Worker's log group /aws/lambda/app-Worker (set by WorkerLogRetention) never expires (no RetentionInDays)",
    });
  });

  it("Noncompliance 3: a retention shorter than the minimum", () => {
    expect(run(fn(), customRetention({ LogGroupName: "/aws/lambda/app-Worker", RetentionInDays: 1 })).verdict).toBe(
      "non_compliant",
    );
  });

  it("Noncompliance 4: a Custom::LogRetention on another function's group does not count", () => {
    expect(run(fn(), customRetention({ LogGroupName: "/aws/lambda/app-Other", RetentionInDays: 30 })).verdict).toBe(
      "non_compliant",
    );
  });

  it("Noncompliance 5: the live group exists without a retention", () => {
    const group = resource("AWS::Logs::LogGroup", "arn:group", { LogGroupName: "/aws/lambda/app-Worker" }, [
      "/aws/lambda/app-Worker",
    ]);
    const service = resource("AWS::ECS::Service", "Api", { ServiceName: "api" });
    const inventory = inventoryOf(fn(), group, service);
    const outcome = logRetentionFunctions.evaluate(inventory.get("Worker")!, {
      inventory,
      scope: scopeOf(inventory, configOf({ services: [{ service: "api", role: "api" }] })),
      params: defaultParams("log-retention"),
    });
    expect(outcome).toMatchObject({
      verdict: "non_compliant",
      reason: "function app-Worker's log group /aws/lambda/app-Worker never expires (no RetentionInDays)",
    });
  });

  it("NotApplicable: the group is a log group resource in scope, judged on its own", () => {
    const group = logGroup({ LogGroupName: "/aws/lambda/app-Worker", RetentionInDays: 30 });
    expect(run(fn(), { ...group, aliases: ["/aws/lambda/app-Worker"] }).verdict).toBe("not_applicable");
  });

  it("Unknown 1: LoggingConfig.LogGroup is unknown", () => {
    expect(run(fn({ LoggingConfig: { LogGroup: unknownValue("Fn::ImportValue Logs") } })).verdict).toBe("unknown");
  });

  it("Unknown 2: a Custom::LogRetention names a group that is unknown", () => {
    expect(run(fn(), customRetention({ LogGroupName: unknownValue("Fn::ImportValue Logs") })).verdict).toBe("unknown");
  });
});

describe("log-retention: a Lambda DLQ processor of an in-scope service", () => {
  it("Noncompliance: the processor is in the service's scope through the DLQ it consumes, and its group is judged; other functions are not", () => {
    const arn = (name: string) => `arn:aws:sqs:eu-west-1:111122223333:${name}`;
    const queue = (name: string, properties: Record<string, unknown> = {}) =>
      resource("AWS::SQS::Queue", name, { QueueName: name, ...properties }, [arn(name)]);
    const inventory = inventoryOf(
      resource("AWS::ECS::Service", "Worker", { ServiceName: "worker", TaskDefinition: "WorkerTask" }),
      resource("AWS::ECS::TaskDefinition", "WorkerTask", {
        ContainerDefinitions: [{ Name: "worker", Environment: [{ Name: "QUEUE_ARN", Value: arn("tasks") }] }],
      }),
      queue("tasks", { RedrivePolicy: { deadLetterTargetArn: arn("tasks-dlq"), maxReceiveCount: 3 } }),
      queue("tasks-dlq"),
      resource("AWS::Lambda::EventSourceMapping", "DlqMapping", {
        EventSourceArn: arn("tasks-dlq"),
        FunctionName: "dlq-processor",
      }),
      resource("AWS::Lambda::Function", "DlqProcessor", { FunctionName: "dlq-processor" }, ["dlq-processor"]),
      resource("AWS::Lambda::Function", "Unrelated", { FunctionName: "unrelated" }, ["unrelated"]),
    );
    const { report } = checkInventory({
      config: configOf({ services: [{ service: "worker", role: "worker" }] }),
      inventory,
      source: "test",
      only: ["log-retention"],
    });
    expect(report.items[0]!.findings.map((f) => [f.resource, f.status, f.reason])).toEqual([
      [
        "DlqProcessor",
        "fail",
        "function dlq-processor logs to /aws/lambda/dlq-processor, which nothing gives a retention: Lambda creates it on first use and it never expires",
      ],
    ]);
  });
});
