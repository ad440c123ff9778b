import { describe, expect, it } from "vitest";
import { evaluateRule } from "@readiness/devkit/fixtures/ecs";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import type { RuleOutcome } from "../rule";
import { iamLeastPrivilege } from "./iam-least-privilege";

const TABLE_ARN = "arn:aws:dynamodb:eu-west-1:111122223333:table/tasks";
const allow = (Action: unknown, Resource: unknown = TABLE_ARN) => ({ Effect: "Allow", Action, Resource });
const document = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

const taskRole = (properties: Record<string, unknown>): Resource =>
  resource("AWS::IAM::Role", "TaskRole", properties, ["arn:aws:iam::111122223333:role/api-task", "api-task"]);
const inline = (policyDocument: unknown) => ({ Policies: [{ PolicyName: "app", PolicyDocument: policyDocument }] });
const taskDefinition = (roleProperty = "TaskRoleArn") =>
  resource("AWS::ECS::TaskDefinition", "ApiTask", { [roleProperty]: "arn:aws:iam::111122223333:role/api-task" });

const evaluate = (...resources: Resource[]): RuleOutcome =>
  evaluateRule(iamLeastPrivilege, "TaskRole", inventoryOf(...resources));

describe("iam-least-privilege (config)", () => {
  it("Compliance 1: scoped write actions, reads and star-only actions on *", () => {
    const policy = document(
      allow(["dynamodb:PutItem", "dynamodb:GetItem"]),
      allow(["xray:PutTraceSegments", "cloudwatch:PutMetricData", "sqs:ListQueues"], "*"),
      { Effect: "Deny", Action: "*", Resource: "*" },
    );
    expect(evaluate(taskRole(inline(policy)), taskDefinition())).toMatchObject({ verdict: "compliant" });
  });

  it("Compliance 2: URL-encoded JSON document (Config item) and a ReadOnlyAccess managed policy", () => {
    const encoded = encodeURIComponent(JSON.stringify(document(allow("sqs:ReceiveMessage"))));
    const role = taskRole({
      ...inline(encoded),
      ManagedPolicyArns: ["arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"],
    });
    expect(evaluate(role, taskDefinition()).verdict).toBe("compliant");
  });

  it("Noncompliance 1: Action * and service:*", () => {
    expect(evaluate(taskRole(inline(document(allow("*")))), taskDefinition()).reason).toBe(
      'inline policy app: Action "*"',
    );
    expect(evaluate(taskRole(inline(document(allow(["s3:*"])))), taskDefinition()).reason).toBe(
      'inline policy app: Action "s3:*"',
    );
  });

  it("Noncompliance 2: Resource * on a write action, in an attached AWS::IAM::Policy given as a JSON string", () => {
    const attached = resource("AWS::IAM::Policy", "Extra", {
      PolicyName: "extra",
      Roles: ["TaskRole"],
      PolicyDocument: JSON.stringify(document(allow(["sqs:SendMessage", "sqs:GetQueueUrl"], "*"))),
    });
    expect(evaluate(taskRole({}), taskDefinition(), attached)).toMatchObject({
      verdict: "non_compliant",
      reason: 'policy extra: Resource "*" on write actions sqs:SendMessage',
    });
  });

  it("Noncompliance 3: NotAction with Allow", () => {
    const policy = document({ Effect: "Allow", NotAction: "iam:*", Resource: "*" });
    expect(evaluate(taskRole(inline(policy)), taskDefinition()).reason).toBe("inline policy app: Allow with NotAction");
  });

  it("Noncompliance 4: full-access AWS managed policies", () => {
    const role = taskRole({
      ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/AmazonS3FullAccess"],
    });
    expect(evaluate(role, taskDefinition()).reason).toBe(
      "AWS managed policy AdministratorAccess attached; AWS managed policy AmazonS3FullAccess attached",
    );
  });

  it("Noncompliance 5: customer managed policy in the inventory with a wildcard action", () => {
    const managed = resource(
      "AWS::IAM::ManagedPolicy",
      "Broad",
      { ManagedPolicyName: "broad", PolicyDocument: document(allow("dynamodb:*")) },
      ["arn:aws:iam::111122223333:policy/broad"],
    );
    const role = taskRole({ ManagedPolicyArns: ["arn:aws:iam::111122223333:policy/broad"] });
    expect(evaluate(role, taskDefinition(), managed).reason).toBe('managed policy broad: Action "dynamodb:*"');
  });

  it("Noncompliance 6: every failing statement and every write action on * is named, none behind a count", () => {
    const policy = document(
      allow("*"),
      allow(["s3:*"]),
      { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
      allow(["sqs:SendMessage", "sqs:DeleteMessage", "dynamodb:PutItem", "dynamodb:DeleteItem"], "*"),
    );
    expect(evaluate(taskRole(inline(policy)), taskDefinition())).toMatchObject({
      verdict: "non_compliant",
      reason:
        'inline policy app: Action "*"; inline policy app: Action "s3:*"; inline policy app: Allow with NotAction; ' +
        'inline policy app: Resource "*" on write actions sqs:SendMessage, sqs:DeleteMessage, dynamodb:PutItem, dynamodb:DeleteItem',
    });
  });

  it("NotApplicable: execution role only", () => {
    expect(evaluate(taskRole(inline(document(allow("*")))), taskDefinition("ExecutionRoleArn")).verdict).toBe(
      "not_applicable",
    );
  });

  it("Unknown: AWS managed policy whose document is not known, and an unparseable document", () => {
    const role = taskRole({
      ManagedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
    });
    expect(evaluate(role, taskDefinition()).verdict).toBe("unknown");
    expect(evaluate(taskRole(inline("not json")), taskDefinition()).verdict).toBe("unknown");
    expect(
      evaluate(taskRole(inline(document(allow(unknownValue("parameter Actions"))))), taskDefinition()).verdict,
    ).toBe("unknown");
  });
});
