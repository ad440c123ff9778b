import { describe, expect, it } from "vitest";
import { Inventory } from "../inventory/inventory";
import { configOf, inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { inferRoleFromName as inferRole } from "./roles";
import { buildScope, ScopeError } from "./scope";

const platform = () =>
  inventoryOf(
    resource("AWS::ECS::Service", "Api", {
      ServiceName: "api",
      TaskDefinition: "arn:td/api",
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ["subnet-a"], SecurityGroups: ["sg-api"] } },
    }),
    resource("AWS::ECS::Service", "Worker", { ServiceName: "worker", TaskDefinition: "arn:td/worker" }),
    resource(
      "AWS::ECS::TaskDefinition",
      "ApiTask",
      {
        ContainerDefinitions: [{ Name: "api", Image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.0" }],
      },
      ["arn:td/api"],
    ),
    resource("AWS::ECS::TaskDefinition", "WorkerTask", {}, ["arn:td/worker"]),
    resource("AWS::ECR::Repository", "ApiRepo", { RepositoryName: "api" }, ["api"]),
    resource("AWS::EC2::Subnet", "SubnetA", { VpcId: "vpc-1" }, ["subnet-a"]),
    resource("AWS::EC2::VPC", "Vpc", {}, ["vpc-1"]),
    resource("AWS::EC2::FlowLog", "FlowLog", { ResourceId: "vpc-1" }),
    resource("AWS::EC2::SecurityGroup", "ApiSg", {}, ["sg-api"]),
    resource("AWS::EC2::SecurityGroup", "OtherSg", {}, ["sg-other"]),
  );

describe("buildScope", () => {
  it("includes everything and infers roles from names when nothing restricts it", () => {
    const inventory = platform();
    const scope = buildScope(inventory, configOf());
    expect(scope.restricted).toBe(false);
    expect(scope.includes(inventory.get("OtherSg")!)).toBe(true);
    expect(scope.services.map((s) => [s.name, s.role])).toEqual([
      ["api", "api"],
      ["worker", "worker"],
    ]);
  });

  it("restricts --service to the service, what it references and what hangs off those", () => {
    const inventory = platform();
    const scope = buildScope(inventory, configOf(), { onlyServices: ["api"] });
    const inScope = [...inventory.all()].filter((r) => scope.includes(r)).map((r) => r.id);
    expect(inScope.sort()).toEqual(["Api", "ApiRepo", "ApiSg", "ApiTask", "FlowLog", "SubnetA", "Vpc"]);
  });

  it("takes roles and consumed queues from readiness.yml", () => {
    const inventory = platform();
    const scope = buildScope(
      inventory,
      configOf({ services: [{ service: "worker", role: "dlq-processor", consumes: ["q"] }] }),
    );
    expect(scope.services.map((s) => [s.name, s.role, s.consumes])).toEqual([["worker", "dlq-processor", ["q"]]]);
    expect(scope.includes(inventory.get("Api")!)).toBe(false);
  });

  it("fails with the services it found when --service matches none", () => {
    expect(() => buildScope(platform(), configOf(), { onlyServices: ["nope"] })).toThrowError(ScopeError);
    expect(() => buildScope(platform(), configOf(), { onlyServices: ["nope"] })).toThrowError(/found: api, worker/);
  });

  it("infers roles from common names", () => {
    expect(inferRole("task-dlq-processor")).toBe("dlq-processor");
    expect(inferRole("orders-worker")).toBe("worker");
    expect(inferRole("public-api")).toBe("api");
    expect(inferRole("cache")).toBeUndefined();
  });

  it("says a whole template ran when nothing restricts a template check", () => {
    expect(buildScope(platform(), configOf()).summary).toEqual({
      kind: "template",
      description: "whole template",
      clusters: [],
      services: ["api", "worker"],
      roles: [
        { service: "api", role: "api", source: "name", evidence: "api" },
        { service: "worker", role: "worker", source: "name", evidence: "worker" },
      ],
    });
  });
});

/**
 * Two clusters as the live adapter reads them: "platform" runs api (in VPC vpc-1, with a flow log),
 * "batch" runs an api of its own (in vpc-2); vpc-default is used by nothing. A service's scope
 * includes its cluster, which it names.
 */
const account = () =>
  new Inventory(
    [
      resource("AWS::ECS::Cluster", CLUSTER_ARN("platform"), { ClusterName: "platform" }, ["platform"]),
      resource("AWS::ECS::Cluster", CLUSTER_ARN("batch"), { ClusterName: "batch" }, ["batch"]),
      resource("AWS::ECS::Service", SERVICE_ARN("platform", "api"), {
        ServiceName: "api",
        Cluster: CLUSTER_ARN("platform"),
        NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ["subnet-a"] } },
      }),
      resource("AWS::ECS::Service", SERVICE_ARN("batch", "api"), {
        ServiceName: "api",
        Cluster: CLUSTER_ARN("batch"),
        NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ["subnet-b"] } },
      }),
      resource("AWS::EC2::Subnet", "subnet-a", { VpcId: "vpc-1" }),
      resource("AWS::EC2::Subnet", "subnet-b", { VpcId: "vpc-2" }),
      resource("AWS::EC2::VPC", "vpc-1"),
      resource("AWS::EC2::VPC", "vpc-2"),
      resource("AWS::EC2::VPC", "vpc-default"),
      resource("AWS::EC2::FlowLog", "fl-1", { ResourceId: "vpc-1" }),
    ],
    "live",
  );
const CLUSTER_ARN = (name: string) => `arn:aws:ecs:us-east-1:123456789012:cluster/${name}`;
const SERVICE_ARN = (cluster: string, name: string) => `arn:aws:ecs:us-east-1:123456789012:service/${cluster}/${name}`;
const inScope = (inventory: Inventory, scope: ReturnType<typeof buildScope>) =>
  [...inventory.all()].filter((r) => scope.includes(r)).map((r) => r.id);

describe("buildScope with clusters (--cluster, services[].cluster)", () => {
  it("is the services of those clusters and what they use: a VPC nothing uses is out", () => {
    const inventory = account();
    const scope = buildScope(inventory, configOf(), { clusters: ["platform"] });
    expect(scope.restricted).toBe(true);
    expect(inScope(inventory, scope).sort()).toEqual(
      [CLUSTER_ARN("platform"), SERVICE_ARN("platform", "api"), "fl-1", "subnet-a", "vpc-1"].sort(),
    );
    expect(scope.summary).toEqual({
      kind: "clusters",
      description: "clusters platform",
      clusters: ["platform"],
      services: ["api"],
      roles: [{ service: "api", role: "api", source: "name", evidence: "api" }],
    });
  });

  it("matches a cluster by ARN as well as by name", () => {
    const inventory = account();
    const scope = buildScope(inventory, configOf(), { clusters: [CLUSTER_ARN("batch")] });
    expect(scope.services.map((s) => s.resource.id)).toEqual([SERVICE_ARN("batch", "api")]);
  });

  it("--account-wide puts every resource read in scope again, and says so", () => {
    const inventory = account();
    const scope = buildScope(inventory, configOf(), { clusters: ["platform"], accountWide: true });
    expect(scope.restricted).toBe(false);
    expect(scope.includes(inventory.get("vpc-default")!)).toBe(true);
    expect(scope.summary).toMatchObject({ kind: "account-wide", description: "account-wide" });
  });

  it("nothing restricting a live check is account-wide", () => {
    const inventory = account();
    const scope = buildScope(inventory, configOf());
    expect(scope.includes(inventory.get("vpc-default")!)).toBe(true);
    expect(scope.summary.kind).toBe("account-wide");
  });

  it("tells same-named services of two clusters apart by the cluster readiness.yml declares", () => {
    const inventory = account();
    const config = configOf({ services: [{ cluster: "batch", service: "api", role: "worker" }] });
    const scope = buildScope(inventory, config, { clusters: ["batch"] });
    expect(scope.services.map((s) => [s.resource.id, s.role])).toEqual([[SERVICE_ARN("batch", "api"), "worker"]]);
    expect(inScope(inventory, scope).sort()).toEqual(
      [CLUSTER_ARN("batch"), SERVICE_ARN("batch", "api"), "subnet-b", "vpc-2"].sort(),
    );
    expect(scope.summary).toEqual({
      kind: "services",
      description: "services api (clusters batch)",
      clusters: ["batch"],
      services: ["api"],
      roles: [{ service: "api", role: "worker", source: "readiness.yml", evidence: "declared" }],
    });
  });

  it("fails with the services found when the clusters run no service: an empty scope is no review", () => {
    const run = () => buildScope(account(), configOf(), { clusters: ["nope"] });
    expect(run).toThrowError(ScopeError);
    expect(run).toThrowError("no ECS service runs in cluster nope; services found: api, api");
  });
});
