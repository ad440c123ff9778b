import { DEFAULT_CONFIG } from "@readiness/core";
import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../check/check-template";
import { serviceSecurityGroups, serviceSubnets } from "../../inventory/relations/ecs";
import type { Resource } from "../../model/resource";
import { isUnknown } from "../../model/value";
import { loadTemplateInventory } from "./index";
import { attributeIsList } from "./list-shapes";
import { fixture } from "@readiness/devkit/fixtures/templates";

const LONE = fixture("lone-objects.yaml");
const LONE_INGRESS = fixture("lone-ingress.yaml");

describe("a lone value where CloudFormation's schema wants a list", () => {
  it("Noncompliance: SecurityGroupIngress given as one object open to 0.0.0.0/0 fails sg-alb-only (it was read as no ingress, and passed)", async () => {
    const { report } = await checkTemplate({ path: LONE_INGRESS, config: DEFAULT_CONFIG, only: ["sg-alb-only"] });
    const [item] = report.items;
    expect(item.findings.map((f) => [f.resource, f.status, f.reason])).toEqual([
      ["TaskSecurityGroup", "fail", "ingress tcp 8080 from 0.0.0.0/0 (not the load balancer's SG)"],
    ]);
    expect(item.status).toBe("fail");
  });

  it("Compliance: every list path the schema knows is read as a list of one, and each is warned about", async () => {
    const { inventory, warnings } = await loadTemplateInventory(LONE);
    const service = inventory.get("Service")!;
    expect((serviceSubnets(inventory, service) as Resource[]).map((s) => s.id)).toEqual(["Subnet"]);
    expect((serviceSecurityGroups(inventory, service) as Resource[]).map((s) => s.id)).toEqual(["TaskSecurityGroup"]);
    const task = inventory.get("TaskDefinition")!.properties;
    expect(task.RequiresCompatibilities).toEqual(["FARGATE"]);
    expect(task.ContainerDefinitions).toEqual([
      expect.objectContaining({ Environment: [{ Name: "DB_PASSWORD", Value: "hunter2-is-not-a-secret-store" }] }),
    ]);
    const wrapped = (id: string, path: string) =>
      `${id}: ${path} is one value where CloudFormation's schema wants a list (cfn-lint E3012); it is read as a list of one`;
    expect(warnings).toEqual([
      wrapped("TaskSecurityGroup", "SecurityGroupIngress"),
      wrapped("TaskDefinition", "ContainerDefinitions"),
      wrapped("TaskDefinition", "ContainerDefinitions.0.Environment"),
      wrapped("TaskDefinition", "RequiresCompatibilities"),
      wrapped("Service", "NetworkConfiguration.AwsvpcConfiguration.SecurityGroups"),
      wrapped("Service", "NetworkConfiguration.AwsvpcConfiguration.Subnets"),
    ]);
  });
});

describe("Fn::GetAtt attributes that return lists", () => {
  it("Compliance: the schemas say which (VPC Ipv6CidrBlocks, load balancer SecurityGroups), not scalars (VPC CidrBlock)", () => {
    expect(attributeIsList("AWS::EC2::VPC", "Ipv6CidrBlocks")).toBe(true);
    expect(attributeIsList("AWS::ElasticLoadBalancingV2::LoadBalancer", "SecurityGroups")).toBe(true);
    expect(attributeIsList("AWS::EC2::VPC", "CidrBlock")).toBe(false);
  });

  it("Compliance: !Select [0, !GetAtt Vpc.Ipv6CidrBlocks] (AWS's IPv6 subnet pattern) is accepted; its value is unknown until deploy", async () => {
    const { inventory } = await loadTemplateInventory(fixture("ipv6-subnets.yaml"));
    const block = inventory.get("SubnetA")?.properties.Ipv6CidrBlock;
    expect(isUnknown(block) && block.reason).toBe("Ipv6CidrBlocks of Vpc is a list known only after deploy");
  });
});
