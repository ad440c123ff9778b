import { describe, expect, it } from "vitest";
import { unknownValue } from "../../model/value";
import { inventoryOf } from "@readiness/devkit/testing/builders";
import { cicdGate } from "./cicd-gate";
import { evaluateRule, service } from "@readiness/devkit/fixtures/ecs";

const check = (overrides: Record<string, unknown>) => {
  const api = service("Api", "ApiTask", overrides);
  return evaluateRule(cicdGate, api, inventoryOf(api));
};

const HOOK = {
  HookTargetArn: "arn:aws:lambda:us-east-1:123456789012:function:readiness-hook",
  RoleArn: "arn:aws:iam::123456789012:role/hook",
  LifecycleStages: ["POST_TEST_TRAFFIC_SHIFT"],
};

describe("cicd-gate (config part)", () => {
  it("Compliance 1: rolling deployment with circuit breaker and rollback", () => {
    expect(check({})).toMatchObject({
      verdict: "compliant",
      reason: "rolling deployment with circuit breaker and rollback",
    });
  });

  it("Compliance 2: blue/green with a lifecycle hook", () => {
    const outcome = check({ DeploymentConfiguration: { Strategy: "BLUE_GREEN", LifecycleHooks: [HOOK] } });
    expect(outcome).toMatchObject({ verdict: "compliant", reason: "BLUE_GREEN deployment with 1 lifecycle hook" });
  });

  it("Compliance 3: CodeDeploy controller", () => {
    expect(check({ DeploymentController: { Type: "CODE_DEPLOY" }, DeploymentConfiguration: undefined }).verdict).toBe(
      "compliant",
    );
  });

  it("Noncompliance 1: no circuit breaker", () => {
    expect(check({ DeploymentConfiguration: { MinimumHealthyPercent: 100 } })).toMatchObject({
      verdict: "non_compliant",
      reason: "rolling deployment without the deployment circuit breaker",
    });
  });

  it("Noncompliance 2: circuit breaker without rollback", () => {
    expect(
      check({ DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: "true", Rollback: "false" } } }).reason,
    ).toBe("deployment circuit breaker rollback off");
  });

  it("Noncompliance 3: circuit breaker disabled under an explicit ECS controller", () => {
    const outcome = check({
      DeploymentController: { Type: "ECS" },
      DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: false, Rollback: true } },
    });
    expect(outcome.reason).toBe("deployment circuit breaker disabled");
  });

  it("Noncompliance 4: canary without lifecycle hooks", () => {
    expect(check({ DeploymentConfiguration: { Strategy: "CANARY", LifecycleHooks: [] } })).toMatchObject({
      verdict: "non_compliant",
      reason: "CANARY deployment without lifecycle hooks: nothing tests the new revision",
    });
  });

  it("Unknown 1: EXTERNAL controller", () => {
    expect(check({ DeploymentController: { Type: "EXTERNAL" } }).verdict).toBe("unknown");
  });

  it("Unknown 2: rollback flag from a parameter without a default", () => {
    const breaker = { Enable: true, Rollback: unknownValue("parameter Rollback has no default") };
    expect(check({ DeploymentConfiguration: { DeploymentCircuitBreaker: breaker } })).toMatchObject({
      verdict: "unknown",
      reason: "circuit breaker rollback unknown: parameter Rollback has no default",
    });
  });

  it("NotApplicable: no such case, every ECS service is checked (even one without a role)", () => {
    expect(check({ ServiceName: "reporting" }).verdict).toBe("compliant");
  });
});
