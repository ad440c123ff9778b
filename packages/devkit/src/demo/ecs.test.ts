import type { TaskDefinition } from "@aws-sdk/client-ecs";
import { describe, expect, it } from "vitest";
import { faultOf, withFault } from "./ecs";
import { nameRevisions } from "./story";

const definition = (environment?: { name: string; value: string }[]): TaskDefinition => ({
  taskDefinitionArn: "arn:aws:ecs:us-east-1:123456789012:task-definition/task-api:2",
  family: "task-api",
  networkMode: "awsvpc",
  requiresCompatibilities: ["FARGATE"],
  cpu: "256",
  memory: "512",
  taskRoleArn: "arn:aws:iam::123456789012:role/api",
  containerDefinitions: [
    { name: "api", image: "api:1", environment },
    { name: "otel-collector", image: "otel:1", environment: [{ name: "OTHER", value: "x" }] },
  ],
});

describe("deploying a revision with a fault switch", () => {
  it("sets FAULT_MODE in the first container only, keeping its other variables and the rest of the definition", () => {
    const input = withFault(definition([{ name: "LOG_LEVEL", value: "info" }]), "never-complete");
    expect(input.containerDefinitions?.[0].environment).toEqual([
      { name: "LOG_LEVEL", value: "info" },
      { name: "FAULT_MODE", value: "never-complete" },
    ]);
    expect(input.containerDefinitions?.[1].environment).toEqual([{ name: "OTHER", value: "x" }]);
    expect(input).toMatchObject({
      family: "task-api",
      networkMode: "awsvpc",
      cpu: "256",
      taskRoleArn: "arn:aws:iam::123456789012:role/api",
    });
  });

  it("replaces an earlier FAULT_MODE instead of adding a second one", () => {
    const input = withFault(definition([{ name: "FAULT_MODE", value: "never-complete" }]), "none");
    expect(input.containerDefinitions?.[0].environment).toEqual([{ name: "FAULT_MODE", value: "none" }]);
  });

  it("reads a revision's fault back, and 'none' when no container sets it", () => {
    expect(faultOf(definition([{ name: "FAULT_MODE", value: "wrong-result" }]))).toBe("wrong-result");
    expect(faultOf(definition())).toBe("none");
  });

  it("a task definition without containers is a clear error, not a broken registration", () => {
    expect(() => withFault({ taskDefinitionArn: "arn:x", family: "f", containerDefinitions: [] }, "none")).toThrow(
      "task definition arn:x has no family or no containers",
    );
  });
});

describe("revision names in the story", () => {
  it("names task definition ARNs by ECS's own family:revision, wherever they appear (one numbering)", () => {
    expect(
      nameRevisions(
        "UpdateService → arn:aws:ecs:us-east-1:123456789012:task-definition/task-api:3 from arn:aws:ecs:us-east-1:123456789012:task-definition/task-api:9",
      ),
    ).toBe("UpdateService → task-api:3 from task-api:9");
  });
});
