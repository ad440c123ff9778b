import { describe, expect, it } from "vitest";
import { evaluateRule } from "@readiness/devkit/fixtures/ecs";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import type { RuleOutcome } from "../rule";
import { vpcFlowLogs } from "./vpc-flow-logs";

const vpc = resource("AWS::EC2::VPC", "Vpc", { CidrBlock: "10.0.0.0/16" }, ["vpc-0a1"]);
const flowLog = (properties: Record<string, unknown>, observed?: Record<string, unknown>): Resource =>
  resource("AWS::EC2::FlowLog", "FlowLog", { ResourceType: "VPC", TrafficType: "ALL", ...properties }, [], observed);

const evaluate = (...resources: Resource[]): RuleOutcome =>
  evaluateRule(vpcFlowLogs, vpc, inventoryOf(vpc, ...resources));

describe("vpc-flow-logs", () => {
  it("Compliance 1: flow log on the VPC (template)", () => {
    expect(evaluate(flowLog({ ResourceId: "Vpc" }))).toMatchObject({ verdict: "compliant" });
  });

  it("Compliance 2: active flow log naming the VPC id in ResourceIds (live)", () => {
    expect(evaluate(flowLog({ ResourceIds: ["vpc-0a1"] }, { flowLogStatus: "ACTIVE" })).verdict).toBe("compliant");
  });

  it("Noncompliance 1: no flow log", () => {
    expect(evaluate()).toMatchObject({ verdict: "non_compliant", reason: "VPC has no flow log" });
  });

  it("Noncompliance 2: flow log of a subnet, not the VPC", () => {
    expect(evaluate(flowLog({ ResourceType: "Subnet", ResourceId: "Vpc" })).verdict).toBe("non_compliant");
  });

  it("Noncompliance 3: flow log observed not ACTIVE", () => {
    expect(evaluate(flowLog({ ResourceId: "vpc-0a1" }, { flowLogStatus: "DELETING" }))).toMatchObject({
      verdict: "non_compliant",
      reason: "flow log FlowLog is DELETING, not ACTIVE",
    });
  });

  it("Unknown: a flow log whose target is unknown", () => {
    expect(evaluate(flowLog({ ResourceId: unknownValue("Fn::ImportValue VpcId") })).verdict).toBe("unknown");
  });
});
