import { describe, expect, it } from "vitest";
import { configOf, inventoryOf, resource } from "../testing/builders";
import { buildScope, inferRole, ScopeError } from "./scope";

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
});
