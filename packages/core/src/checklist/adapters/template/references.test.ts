import { beforeAll, describe, expect, it } from "vitest";
import type { Inventory } from "../../inventory/inventory";
import { UnknownValue } from "../../model/value";
import {
  serviceSecurityGroups,
  serviceSubnets,
  serviceTargetGroups,
  serviceTaskDefinition,
} from "../../inventory/relations/ecs";
import type { Resource } from "../../model/resource";
import { pathOf } from "../../model/value";
import { loadTemplateInventory } from "./index";
import { fixture } from "@readiness/devkit/fixtures/templates";

let inventory: Inventory;
const get = (id: string): Resource => {
  const found = inventory.get(id);
  if (!found) throw new Error(`no resource ${id}`);
  return found;
};
const ids = (resolved: readonly unknown[] | unknown): unknown =>
  Array.isArray(resolved) ? resolved.map((r) => (r as Resource).id) : resolved;

beforeAll(async () => {
  ({ inventory } = await loadTemplateInventory(fixture("service.yaml")));
});

describe("Ref and Fn::GetAtt become physical-looking values that Inventory.lookup resolves", () => {
  it("Compliance: the ECS relations follow the service to what it uses", () => {
    const service = get("ApiService");
    expect((serviceTaskDefinition(inventory, service) as Resource).id).toBe("TaskDefinition");
    expect(ids(serviceSubnets(inventory, service))).toEqual(["SubnetA", "SubnetB"]);
    expect(ids(serviceSecurityGroups(inventory, service))).toEqual(["TaskSecurityGroup"]);
    expect(ids(serviceTargetGroups(inventory, service))).toEqual(["TargetGroup"]);
  });

  it("Compliance: references inside the task definition resolve to queue, table, secret, log group and role", () => {
    const task = get("TaskDefinition").properties;
    const container = (...path: (string | number)[]) => pathOf(task, "ContainerDefinitions", 0, ...path);
    expect(inventory.lookup(container("Environment", 0, "Value"))).toBe(get("TaskQueue"));
    expect(inventory.lookup(container("Environment", 1, "Value"))).toBe(get("Table"));
    expect(inventory.lookup(container("Secrets", 0, "ValueFrom"))).toBe(get("ApiSecret"));
    expect(inventory.lookup(container("LogConfiguration", "Options", "awslogs-group"))).toBe(get("LogGroup"));
    expect(inventory.lookup(task.TaskRoleArn)).toBe(get("TaskRole"));
  });

  it("Compliance: queue redrive, SG ingress, ALB security groups and listener wiring resolve", () => {
    expect(inventory.lookup(pathOf(get("TaskQueue").properties, "RedrivePolicy", "deadLetterTargetArn"))).toBe(
      get("DeadLetterQueue"),
    );
    const ingress = pathOf(get("TaskSecurityGroup").properties, "SecurityGroupIngress", 0, "SourceSecurityGroupId");
    expect(inventory.lookup(ingress)).toBe(get("AlbSecurityGroup"));
    const albGroups = get("LoadBalancer").properties.SecurityGroups as unknown[];
    expect(inventory.lookup(albGroups[0])).toBe(get("AlbSecurityGroup"));
    const listener = get("Listener").properties;
    expect(inventory.lookup(listener.LoadBalancerArn)).toBe(get("LoadBalancer"));
    expect(inventory.lookup(pathOf(listener, "DefaultActions", 0, "TargetGroupArn"))).toBe(get("TargetGroup"));
  });

  it("Compliance: each type's aliases are its synthetic physical identities", () => {
    expect(get("DeadLetterQueue").aliases).toEqual([
      "https://sqs.us-east-1.amazonaws.com/123456789012/prod-tasks-dlq",
      "arn:aws:sqs:us-east-1:123456789012:prod-tasks-dlq",
      "prod-tasks-dlq",
    ]);
    expect(get("AlbSecurityGroup").aliases).toEqual(["sg-albsecuritygroup"]);
    expect(get("SubnetA").aliases).toEqual(["subnet-subneta"]);
    expect(get("Vpc").aliases).toEqual(["vpc-vpc"]);
    expect(get("TaskDefinition").aliases).toEqual(["arn:aws:ecs:us-east-1:123456789012:task-definition/task-api:1"]);
    expect(get("TaskRole").aliases).toEqual(["arn:aws:iam::123456789012:role/TaskRole"]);
    expect(get("Cluster").aliases).toEqual(["arn:aws:ecs:us-east-1:123456789012:cluster/Cluster"]);
    expect(get("ApiService").aliases).toEqual(["arn:aws:ecs:us-east-1:123456789012:service/Cluster/api", "api"]);
    expect(get("Repository").aliases).toEqual([
      "task-service",
      "arn:aws:ecr:us-east-1:123456789012:repository/task-service",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/task-service",
    ]);
    expect(get("Table").aliases).toEqual(["prod-tasks", "arn:aws:dynamodb:us-east-1:123456789012:table/prod-tasks"]);
    expect(get("LogGroup").aliases).toContain("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/task-service-prod:*");
    expect(get("ApiSecret").aliases[0]).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:api-key-/);
  });

  it("Unknown: an attribute without a model is unknown, but still names its resource for lookups", () => {
    const okActions = get("Alarm").properties.OKActions as unknown[];
    expect(okActions).toEqual([
      new UnknownValue(
        "CanonicalHostedZoneID of LoadBalancer (AWS::ElasticLoadBalancingV2::LoadBalancer) is only known after deploy",
        { refersTo: "LoadBalancer.CanonicalHostedZoneID" },
      ),
    ]);
    expect(inventory.lookup(okActions[0])).toBe(get("LoadBalancer"));
    expect(inventory.referencesTo(get("LoadBalancer")).map((r) => r.id)).toContain("Alarm");
  });

  it("Compliance: reverse references find who uses a resource", () => {
    const users = inventory.referencesTo(get("TaskQueue")).map((r) => r.id);
    expect(users).toEqual(expect.arrayContaining(["TaskDefinition", "Alarm"]));
  });
});
