import { describe, expect, it } from "vitest";
import { evaluateRule } from "@readiness/devkit/fixtures/ecs";
import { defaultParams } from "../../catalogue/params";
import { Inventory } from "../../inventory/inventory";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { inventoryOf, resource, scopeOf } from "@readiness/devkit/testing/builders";
import type { ConfigRule, RuleOutcome } from "../rule";
import { loadBalancer, service, vpcWithSubnets } from "@readiness/devkit/fixtures/network";
import { privateSubnetsLoadBalancers } from "./private-subnets-load-balancers";
import { privateSubnetsServices } from "./private-subnets-services";

const evaluate = (rule: ConfigRule<"private-subnets">, subject: string, ...extra: Resource[]): RuleOutcome =>
  evaluateRule(rule, subject, inventoryOf(...vpcWithSubnets(), ...extra));

describe("private-subnets: services", () => {
  const run = (awsvpc: Record<string, unknown>, ...extra: Resource[]) =>
    evaluate(privateSubnetsServices, "Api", service("Api", awsvpc), ...extra);

  it("Compliance: private subnet, public IP disabled", () => {
    expect(run({ Subnets: ["PrivateSubnet"], AssignPublicIp: "DISABLED" })).toMatchObject({ verdict: "compliant" });
  });

  it("Compliance: live route table with inline routes and associations", () => {
    const subnet = resource("AWS::EC2::Subnet", "subnet-9", { VpcId: "Vpc" });
    const table = resource("AWS::EC2::RouteTable", "rtb-9", {
      VpcId: "Vpc",
      Associations: [{ SubnetId: "subnet-9" }],
      Routes: [{ DestinationCidrBlock: "10.0.0.0/16", GatewayId: "local" }],
    });
    expect(run({ Subnets: ["subnet-9"] }, subnet, table).verdict).toBe("compliant");
  });

  it("Noncompliance 1: AssignPublicIp ENABLED", () => {
    expect(run({ Subnets: ["PrivateSubnet"], AssignPublicIp: "ENABLED" })).toMatchObject({
      verdict: "non_compliant",
      reason: "AssignPublicIp is ENABLED",
    });
  });

  it("Noncompliance 2: task subnet routes to an internet gateway and maps public IPs", () => {
    expect(run({ Subnets: ["PrivateSubnet", "PublicSubnet"] })).toMatchObject({
      verdict: "non_compliant",
      reason: "subnet PublicSubnet maps public IPs on launch; subnet PublicSubnet routes to internet gateway Igw",
    });
  });

  it("Noncompliance 3: route to an igw- id not in the inventory (live)", () => {
    const subnet = resource("AWS::EC2::Subnet", "subnet-7", { VpcId: "vpc-x" });
    const table = resource("AWS::EC2::RouteTable", "rtb-7", {
      Associations: [{ SubnetId: "subnet-7" }],
      Routes: [{ DestinationCidrBlock: "0.0.0.0/0", GatewayId: "igw-123" }],
    });
    expect(run({ Subnets: ["subnet-7"] }, subnet, table).reason).toBe(
      "subnet subnet-7 routes to internet gateway igw-123",
    );
  });

  it("Compliance: subnet without an association uses the VPC's main route table (live)", () => {
    const subnet = resource("AWS::EC2::Subnet", "subnet-8", { VpcId: "Vpc" });
    const main = resource("AWS::EC2::RouteTable", "rtb-main", {
      VpcId: "Vpc",
      Associations: [{ Main: true }],
      Routes: [],
    });
    expect(run({ Subnets: ["subnet-8"] }, subnet, main).verdict).toBe("compliant");
  });

  it("Compliance: template subnet without association uses the template VPC's main route table (local route only)", () => {
    const subnet = resource("AWS::EC2::Subnet", "Orphan", { VpcId: "Vpc" });
    expect(run({ Subnets: ["Orphan"] }, subnet).verdict).toBe("compliant");
  });

  it("Unknown 1: live subnet without association and no known main route table", () => {
    const subnet = resource("AWS::EC2::Subnet", "subnet-1", { VpcId: "vpc-0a1" });
    const live = new Inventory([...vpcWithSubnets(), subnet, service("Api", { Subnets: ["subnet-1"] })], "live");
    const outcome = privateSubnetsServices.evaluate(live.get("Api")!, {
      inventory: live,
      scope: scopeOf(live),
      params: defaultParams("private-subnets"),
    });
    expect(outcome).toMatchObject({ verdict: "unknown", reason: expect.stringContaining("main route table") });
  });

  it("Unknown 2: subnet list unknown, subnet not in inventory, no awsvpc", () => {
    expect(run({ Subnets: unknownValue("parameter Subnets has no default") }).verdict).toBe("unknown");
    expect(run({ Subnets: ["subnet-missing"] }).reason).toBe("subnet subnet-missing is not in the inventory");
    const bridge = resource("AWS::ECS::Service", "Api", { TaskDefinition: "T" });
    expect(evaluate(privateSubnetsServices, "Api", bridge).verdict).toBe("unknown");
  });
});

describe("private-subnets: load balancers", () => {
  it("Compliance: internet-facing load balancer in public subnets", () => {
    expect(evaluate(privateSubnetsLoadBalancers, "Alb", loadBalancer({ Subnets: ["PublicSubnet"] })).verdict).toBe(
      "compliant",
    );
  });

  it("Noncompliance 1: internet-facing (Scheme absent) load balancer in a private subnet", () => {
    expect(
      evaluate(privateSubnetsLoadBalancers, "Alb", loadBalancer({ SubnetMappings: [{ SubnetId: "PrivateSubnet" }] })),
    ).toMatchObject({
      verdict: "non_compliant",
      reason: "internet-facing load balancer in private subnet PrivateSubnet (no internet gateway route)",
    });
  });

  it("NotApplicable: internal load balancer", () => {
    expect(
      evaluate(privateSubnetsLoadBalancers, "Alb", loadBalancer({ Scheme: "internal", Subnets: ["PrivateSubnet"] }))
        .verdict,
    ).toBe("not_applicable");
  });

  it("Unknown: scheme unknown", () => {
    expect(
      evaluate(privateSubnetsLoadBalancers, "Alb", loadBalancer({ Scheme: unknownValue("condition") })).verdict,
    ).toBe("unknown");
  });
});
