import { describe, expect, it } from "vitest";
import { evaluateRule } from "@readiness/devkit/fixtures/ecs";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { configOf, inventoryOf, resource } from "@readiness/devkit/testing/builders";
import type { RuleOutcome } from "../rule";
import { loadBalancer, service } from "@readiness/devkit/fixtures/network";
import { sgAlbOnly } from "./sg-alb-only";

const albGroup = resource("AWS::EC2::SecurityGroup", "AlbSg", {
  SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "0.0.0.0/0" }],
});
const taskGroup = (ingress: unknown[]): Resource =>
  resource("AWS::EC2::SecurityGroup", "TaskSg", { SecurityGroupIngress: ingress }, ["sg-0task"]);
const fromAlb = { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: "AlbSg" };
const platform = [
  albGroup,
  loadBalancer({ SecurityGroups: ["AlbSg"] }),
  service("Api", { SecurityGroups: ["TaskSg"] }),
];

const evaluate = (resources: Resource[], subject = "TaskSg", config = configOf()): RuleOutcome =>
  evaluateRule(sgAlbOnly, subject, inventoryOf(...resources), { config });

describe("sg-alb-only", () => {
  it("Compliance 1: task SG accepts traffic only from the ALB's SG", () => {
    expect(evaluate([...platform, taskGroup([fromAlb])])).toMatchObject({ verdict: "compliant" });
  });

  it("Compliance 2: standalone ingress from the ALB SG", () => {
    const ingress = resource("AWS::EC2::SecurityGroupIngress", "TaskFromAlb", { GroupId: "TaskSg", ...fromAlb });
    expect(evaluate([...platform, taskGroup([]), ingress]).verdict).toBe("compliant");
  });

  it("Compliance 3: worker SG with no ingress", () => {
    expect(evaluate([...platform, taskGroup([])])).toMatchObject({
      verdict: "compliant",
      reason: "task security group has no ingress",
    });
  });

  it("Noncompliance 1: ingress from 0.0.0.0/0", () => {
    const open = { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, CidrIp: "0.0.0.0/0" };
    expect(evaluate([...platform, taskGroup([fromAlb, open])])).toMatchObject({
      verdict: "non_compliant",
      reason: "ingress tcp 8080 from 0.0.0.0/0 (not the load balancer's SG)",
    });
  });

  it("Noncompliance 2: standalone ingress from ::/0 over all traffic", () => {
    const ingress = resource("AWS::EC2::SecurityGroupIngress", "Open6", {
      GroupId: "sg-0task",
      IpProtocol: "-1",
      CidrIpv6: "::/0",
    });
    expect(evaluate([...platform, taskGroup([]), ingress]).reason).toBe(
      "ingress all traffic from ::/0 (not the load balancer's SG)",
    );
  });

  // A private range is still not the load balancer: anything in the VPC (or a peered one, or a VPN)
  // could reach the tasks around the ALB. Only the ALB's security group may be the source.
  it.each([
    ["CidrIp", "10.0.0.0/8"],
    ["CidrIp", "172.16.0.0/12"],
    ["CidrIp", "192.168.0.0/16"],
    ["CidrIp", "10.0.1.0/24"],
    ["CidrIp", "10.0.1.25/32"],
    ["CidrIpv6", "fd00::/8"],
  ])("Noncompliance 2b: inline ingress from the private range %s %s", (key, cidr) => {
    const fromRange = { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, [key]: cidr };
    expect(evaluate([...platform, taskGroup([fromAlb, fromRange])])).toMatchObject({
      verdict: "non_compliant",
      reason: `ingress tcp 8080 from ${cidr} (not the load balancer's SG)`,
    });
  });

  it.each(["10.0.0.0/16", "172.31.0.0/16", "192.168.10.0/24"])(
    "Noncompliance 2c: standalone ingress from the VPC's private range %s",
    (cidr) => {
      const ingress = resource("AWS::EC2::SecurityGroupIngress", "FromVpc", {
        GroupId: "TaskSg",
        IpProtocol: "tcp",
        FromPort: 8080,
        ToPort: 8080,
        CidrIp: cidr,
      });
      expect(evaluate([...platform, taskGroup([fromAlb]), ingress])).toMatchObject({
        verdict: "non_compliant",
        reason: `ingress tcp 8080 from ${cidr} (not the load balancer's SG)`,
      });
    },
  );

  it("Noncompliance 3: ingress from a security group that no load balancer uses", () => {
    const other = resource("AWS::EC2::SecurityGroup", "BastionSg", {});
    const fromBastion = { IpProtocol: "tcp", FromPort: 22, ToPort: 22, SourceSecurityGroupId: "BastionSg" };
    expect(evaluate([...platform, other, taskGroup([fromBastion])]).reason).toBe(
      "ingress tcp 22 from BastionSg, which is not a load balancer's security group",
    );
  });

  it("Noncompliance 4: ingress from a prefix list", () => {
    const prefix = { IpProtocol: "tcp", FromPort: 8000, ToPort: 8100, SourcePrefixListId: "pl-12345" };
    expect(evaluate([...platform, taskGroup([prefix])]).reason).toBe("ingress tcp 8000-8100 from prefix list pl-12345");
  });

  it("Noncompliance 5: every open rule is named, none hidden behind a count", () => {
    const open = [80, 443, 8080].map((port) => ({
      IpProtocol: "tcp",
      FromPort: port,
      ToPort: port,
      CidrIp: "0.0.0.0/0",
    }));
    expect(evaluate([...platform, taskGroup(open)]).reason).toBe(
      "ingress tcp 80 from 0.0.0.0/0 (not the load balancer's SG); ingress tcp 443 from 0.0.0.0/0 (not the load balancer's SG); ingress tcp 8080 from 0.0.0.0/0 (not the load balancer's SG)",
    );
  });

  it("NotApplicable: SG not attached to any ECS service", () => {
    expect(evaluate([...platform, taskGroup([])], "AlbSg").verdict).toBe("not_applicable");
  });

  it("Unknown: source group not in the inventory, or unknown", () => {
    const external = { IpProtocol: "tcp", FromPort: 80, ToPort: 80, SourceSecurityGroupId: "sg-elsewhere" };
    expect(evaluate([...platform, taskGroup([external])]).verdict).toBe("unknown");
    const unknown = { IpProtocol: "tcp", FromPort: 80, ToPort: 80, SourceSecurityGroupId: unknownValue("import") };
    expect(evaluate([...platform, taskGroup([unknown])]).verdict).toBe("unknown");
  });
});
