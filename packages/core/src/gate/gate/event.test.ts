import { describe, expect, it } from "vitest";
import { MalformedDeploymentEventError } from "./errors";
import { parseDeploymentEvent, parseDeploymentMessage, serviceNamesOf } from "./event";

const event = (overrides: Record<string, unknown> = {}, detail: Record<string, unknown> = {}) => ({
  version: "0",
  id: "ddca6449-b258-46c0-8653-e0e3a6d0468b",
  "detail-type": "ECS Deployment State Change",
  source: "aws.ecs",
  account: "111122223333",
  time: "2026-05-23T12:31:14Z",
  region: "us-west-2",
  resources: ["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],
  detail: {
    eventType: "INFO",
    eventName: "SERVICE_DEPLOYMENT_COMPLETED",
    deploymentId: "ecs-svc/123",
    updatedAt: "2026-05-23T11:11:11Z",
    reason: "ECS deployment ecs-svc/123 completed.",
    ...detail,
  },
  ...overrides,
});

const failure = (input: unknown): MalformedDeploymentEventError => {
  try {
    parseDeploymentEvent(input);
  } catch (error) {
    if (error instanceof MalformedDeploymentEventError) return error;
    throw error;
  }
  throw new Error("expected a MalformedDeploymentEventError");
};

describe("parseDeploymentEvent", () => {
  it("Compliance: an ECS deployment state change event is parsed with its service ARN", () => {
    const parsed = parseDeploymentEvent(event());
    expect(parsed.serviceArn).toBe("arn:aws:ecs:us-west-2:111122223333:service/default/servicetest");
    expect(parsed.detail).toEqual({
      eventType: "INFO",
      eventName: "SERVICE_DEPLOYMENT_COMPLETED",
      deploymentId: "ecs-svc/123",
      updatedAt: "2026-05-23T11:11:11Z",
      reason: "ECS deployment ecs-svc/123 completed.",
    });
  });

  it.each([
    ["not an object", "text", "(event)", /expected a JSON object, got "text"/],
    ["another source", event({ source: "aws.ec2" }), "source", /expected "aws\.ecs", got "aws\.ec2"/],
    [
      "another detail type",
      event({ "detail-type": "ECS Task State Change" }),
      "detail-type",
      /got "ECS Task State Change"/,
    ],
    ["no resources", event({ resources: [] }), "resources", /expected a list holding the service ARN, got \[\]/],
    [
      "a task ARN",
      event({ resources: ["arn:aws:ecs:us-west-2:111122223333:task/default/abc"] }),
      "resources[0]",
      /an ECS service ARN/,
    ],
    ["no detail", event({ detail: undefined }), "detail", /got nothing \(the field is missing\)/],
    [
      "another event name",
      event({}, { eventName: "SERVICE_STEADY_STATE" }),
      "detail.eventName",
      /got "SERVICE_STEADY_STATE"/,
    ],
    ["an empty deployment id", event({}, { deploymentId: " " }), "detail.deploymentId", /a non-empty string/],
    ["a bad time", event({}, { updatedAt: "yesterday" }), "detail.updatedAt", /an ISO 8601 time, got "yesterday"/],
  ])("Noncompliance (%s): a typed error names the field", (_what, input, field, message) => {
    const error = failure(input);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.describe()).toMatch(/hint: send the EventBridge event/);
  });

  it("a message body that is not JSON is a typed error on (body)", () => {
    expect(() => parseDeploymentMessage("{oops")).toThrow(MalformedDeploymentEventError);
    expect(() => parseDeploymentMessage("{oops")).toThrow(/\(body\): the SQS message body is not JSON/);
  });

  it("service names come from long and short service ARNs", () => {
    expect(serviceNamesOf("arn:aws:ecs:us-east-1:123456789012:service/prod/api")).toEqual({
      cluster: "prod",
      service: "api",
    });
    expect(serviceNamesOf("arn:aws:ecs:us-east-1:123456789012:service/api")).toEqual({
      cluster: "default",
      service: "api",
    });
  });
});
