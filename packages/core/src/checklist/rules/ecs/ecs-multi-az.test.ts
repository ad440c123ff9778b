import { describe, expect, it } from "vitest";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { ecsMultiAz } from "./ecs-multi-az";
import {
  evaluateRule,
  hardenedContainer,
  service,
  subnet,
  subnets,
  taskDefinition,
} from "@readiness/devkit/fixtures/ecs";

const td = taskDefinition("ApiTask", hardenedContainer("api"));

/** The rule on `subject`, with its task definition, `extra` and the fixture's two subnets in two AZs. */
const withTwoAzSubnets = (subject: Resource, ...extra: Resource[]) =>
  evaluateRule(ecsMultiAz, subject, inventoryOf(subject, td, ...extra, ...subnets()));

/** The api service as a live read sees it: its running tasks' availability zones. */
const liveApi = (zones: string[]): Resource => ({
  ...service("Api", "ApiTask"),
  observed: { runningTaskAvailabilityZones: zones },
});

describe("ecs-multi-az", () => {
  it("Compliance: subnets in two AZs and two desired tasks", () => {
    const api = service("Api", "ApiTask");
    const outcome = withTwoAzSubnets(api);
    expect(outcome).toMatchObject({
      verdict: "compliant",
      reason: "subnets span 2 AZs (us-east-1a, us-east-1b), desired count 2",
    });
  });

  it("Compliance: live, running tasks in two AZs", () => {
    expect(withTwoAzSubnets(liveApi(["us-east-1a", "us-east-1b"])).verdict).toBe("compliant");
  });

  it("Noncompliance 1: both subnets in one AZ", () => {
    const api = service("Api", "ApiTask");
    const inventory = inventoryOf(api, td, subnet("SubnetA", "us-east-1a"), subnet("SubnetB", "us-east-1a"));
    expect(evaluateRule(ecsMultiAz, api, inventory)).toMatchObject({
      verdict: "non_compliant",
      reason: "subnets span 1 AZ (us-east-1a), need ≥ 2",
    });
  });

  it("Noncompliance 2: DesiredCount absent means the ECS default of 1", () => {
    const api = service("Api", "ApiTask", { DesiredCount: undefined });
    expect(withTwoAzSubnets(api)).toMatchObject({
      verdict: "non_compliant",
      reason: "desired count 1 (not set, ECS default), need ≥ 2",
    });
  });

  it("Noncompliance 3: live, every running task in one AZ", () => {
    expect(withTwoAzSubnets(liveApi(["us-east-1a", "us-east-1a"]))).toMatchObject({
      verdict: "non_compliant",
      reason: "running tasks in 1 AZ (us-east-1a), need ≥ 2",
    });
  });

  it("Noncompliance 4: a higher minimum from readiness.yml", () => {
    const api = service("Api", "ApiTask", { DesiredCount: "2" });
    const outcome = evaluateRule(ecsMultiAz, api, inventoryOf(api, td, ...subnets()), {
      params: { minAvailabilityZones: 3, minDesiredCount: 3 },
    });
    expect(outcome.verdict).toBe("non_compliant");
    expect(outcome.reason).toBe("subnets span 2 AZs (us-east-1a, us-east-1b), need ≥ 3; desired count 2, need ≥ 3");
  });

  it("Noncompliance 5: a failure wins over an unknown subnet", () => {
    const api = service("Api", "ApiTask", { DesiredCount: 1 });
    const outcome = evaluateRule(ecsMultiAz, api, inventoryOf(api, td, subnet("SubnetA", "us-east-1a")));
    expect(outcome.verdict).toBe("non_compliant");
  });

  it("Unknown 1: a subnet's AZ could not be determined", () => {
    const api = service("Api", "ApiTask");
    const inventory = inventoryOf(
      api,
      td,
      subnet("SubnetA", "us-east-1a"),
      subnet("SubnetB", unknownValue("parameter AzB has no default")),
    );
    expect(evaluateRule(ecsMultiAz, api, inventory)).toMatchObject({
      verdict: "unknown",
      reason: "subnet SubnetB: AZ unknown (parameter AzB has no default)",
    });
  });

  it("Unknown 2: a subnet outside the inventory", () => {
    const api = service("Api", "ApiTask", {
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ["SubnetA", "subnet-0abc"] } },
    });
    expect(withTwoAzSubnets(api)).toMatchObject({
      verdict: "unknown",
      reason: "subnet subnet-0abc not in the inventory",
    });
  });

  it("Unknown 3: a bridge-mode service has no subnets to read", () => {
    const api = service("Api", "ApiTask", { NetworkConfiguration: undefined });
    expect(evaluateRule(ecsMultiAz, api, inventoryOf(api, td)).reason).toMatch(/^no awsvpc subnets/);
  });

  it("Unknown 4: the desired count is unknown", () => {
    const api = service("Api", "ApiTask", { DesiredCount: unknownValue("parameter Count has no default") });
    expect(withTwoAzSubnets(api)).toMatchObject({
      verdict: "unknown",
      reason: "desired count unknown: parameter Count has no default",
    });
  });

  it("Compliance: known AZs already enough, an unknown extra subnet does not matter", () => {
    const api = service("Api", "ApiTask", {
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ["SubnetA", "SubnetB", unknownValue("import")] } },
    });
    expect(withTwoAzSubnets(api).verdict).toBe("compliant");
  });

  it("NotApplicable: no such case, a DAEMON service is still checked (desired count skipped)", () => {
    const daemon = service("Agent", "ApiTask", { SchedulingStrategy: "DAEMON", DesiredCount: undefined });
    expect(withTwoAzSubnets(daemon)).toMatchObject({
      verdict: "compliant",
      reason: "subnets span 2 AZs (us-east-1a, us-east-1b), daemon",
    });
  });

  describe("with auto scaling", () => {
    const scalableTarget = (id: string, properties: Record<string, unknown>) =>
      resource("AWS::ApplicationAutoScaling::ScalableTarget", id, {
        ServiceNamespace: "ecs",
        ScalableDimension: "ecs:service:DesiredCount",
        ResourceId: "service/default/Api",
        MaxCapacity: 10,
        ...properties,
      });

    it("Noncompliance 1: desired count 2, but auto scaling may scale in to one task", () => {
      const api = service("Api", "ApiTask", { DesiredCount: 2 });
      const target = scalableTarget("ApiScaling", { MinCapacity: 1 });
      expect(withTwoAzSubnets(api, target)).toMatchObject({
        verdict: "non_compliant",
        reason: "desired count 2, auto scaling may scale in to 1 (MinCapacity), need ≥ 2",
      });
    });

    it("Compliance: desired count 1, but auto scaling keeps at least two tasks", () => {
      const api = service("Api", "ApiTask", { DesiredCount: 1 });
      const target = scalableTarget("ApiScaling", { MinCapacity: "2" });
      expect(withTwoAzSubnets(api, target)).toMatchObject({
        verdict: "compliant",
        reason:
          "subnets span 2 AZs (us-east-1a, us-east-1b), desired count 1, auto scaling may scale in to 2 (MinCapacity)",
      });
    });

    it("Compliance: a target matched by cluster ARN and generated service name (live shape)", () => {
      const arn = "arn:aws:ecs:us-east-1:123456789012:service/prod/Api-AbC123";
      const api = resource(
        "AWS::ECS::Service",
        arn,
        {
          ...service("Api", "ApiTask").properties,
          ServiceName: undefined,
          Cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
          DesiredCount: 1,
        },
        ["service/prod/Api-AbC123"],
      );
      const target = scalableTarget("ApiScaling", { ResourceId: "service/prod/Api-AbC123", MinCapacity: 3 });
      expect(withTwoAzSubnets(api, target).verdict).toBe("compliant");
    });

    it("Noncompliance 2: a target of a service of the same name in another cluster does not count", () => {
      const api = service("Api", "ApiTask", { DesiredCount: 1, Cluster: "prod" });
      const target = scalableTarget("OtherScaling", { ResourceId: "service/staging/Api", MinCapacity: 2 });
      expect(withTwoAzSubnets(api, target)).toMatchObject({
        verdict: "non_compliant",
        reason: "desired count 1, need ≥ 2",
      });
    });

    it("Unknown 1: the auto scaling minimum is unknown", () => {
      const api = service("Api", "ApiTask");
      const target = scalableTarget("ApiScaling", { MinCapacity: unknownValue("parameter Min has no Default") });
      expect(withTwoAzSubnets(api, target)).toMatchObject({
        verdict: "unknown",
        reason: "auto scaling minimum unknown: MinCapacity of ApiScaling (parameter Min has no Default)",
      });
    });

    it("Unknown 2: an ECS scalable target whose resource id is unknown may scale any service", () => {
      const api = service("Api", "ApiTask");
      const target = scalableTarget("SomeScaling", {
        ResourceId: unknownValue("imported from another stack: cluster"),
        MinCapacity: 1,
      });
      expect(withTwoAzSubnets(api, target)).toMatchObject({
        verdict: "unknown",
        reason:
          "the ECS scalable target SomeScaling may scale this service: its resource id is unknown (imported from another stack: cluster)",
      });
    });

    it("Compliance: DynamoDB scalable targets do not matter", () => {
      const api = service("Api", "ApiTask");
      const table = scalableTarget("TableScaling", {
        ServiceNamespace: "dynamodb",
        ScalableDimension: "dynamodb:table:ReadCapacityUnits",
        ResourceId: unknownValue("table name unknown"),
        MinCapacity: 1,
      });
      expect(withTwoAzSubnets(api, table).verdict).toBe("compliant");
    });
  });
});
