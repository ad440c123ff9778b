import type { Service, TaskDefinition } from "@aws-sdk/client-ecs";
import { describe, expect, it } from "vitest";
import { serviceResource, taskDefinitionResource } from "./ecs";

const CLUSTER = "arn:aws:ecs:eu-west-1:123456789012:cluster/platform";
const revision = (n: number): string => `arn:aws:ecs:eu-west-1:123456789012:task-definition/api:${n}`;

/** DescribeServices output of a service mid-deployment: revision 8 is rolling out over revision 7. */
const deployingService = (overrides: Partial<Service> = {}): Service => ({
  serviceArn: "arn:aws:ecs:eu-west-1:123456789012:service/platform/api",
  serviceName: "api",
  clusterArn: CLUSTER,
  taskDefinition: revision(8),
  desiredCount: 3,
  launchType: "FARGATE",
  deployments: [
    {
      status: "PRIMARY",
      taskDefinition: revision(8),
      rolloutState: "IN_PROGRESS",
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ["subnet-a", "subnet-b"],
          securityGroups: ["sg-1"],
          assignPublicIp: "DISABLED",
        },
      },
    },
    { status: "ACTIVE", taskDefinition: revision(7) },
  ],
  deploymentConfiguration: {
    deploymentCircuitBreaker: { enable: true, rollback: true },
    maximumPercent: 200,
    minimumHealthyPercent: 100,
  },
  deploymentController: { type: "ECS" },
  loadBalancers: [{ targetGroupArn: "arn:tg", containerName: "api", containerPort: 8080 }],
  ...overrides,
});

describe("serviceResource", () => {
  it("describes the PRIMARY deployment: its task definition and network configuration", () => {
    const service = serviceResource(deployingService());
    expect(service.type).toBe("AWS::ECS::Service");
    expect(service.properties.TaskDefinition).toBe(revision(8));
    expect(service.properties.NetworkConfiguration).toEqual({
      AwsvpcConfiguration: { Subnets: ["subnet-a", "subnet-b"], SecurityGroups: ["sg-1"], AssignPublicIp: "DISABLED" },
    });
  });

  it("keeps deployment safety settings in CloudFormation shape", () => {
    const { properties } = serviceResource(deployingService());
    expect(properties.DeploymentConfiguration).toEqual({
      DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      MaximumPercent: 200,
      MinimumHealthyPercent: 100,
    });
    expect(properties.DeploymentController).toEqual({ Type: "ECS" });
    expect(properties.DesiredCount).toBe(3);
    expect(properties.LoadBalancers).toEqual([{ TargetGroupArn: "arn:tg", ContainerName: "api", ContainerPort: 8080 }]);
  });

  it("is known by its ARN, cluster/name, the auto scaling resource id and its name", () => {
    expect(serviceResource(deployingService()).aliases).toEqual([
      "arn:aws:ecs:eu-west-1:123456789012:service/platform/api",
      "platform/api",
      "service/platform/api",
      "api",
    ]);
  });

  it("with CodeDeploy, runs the PRIMARY task set's task definition", () => {
    const service = serviceResource(
      deployingService({
        deployments: undefined,
        taskDefinition: undefined,
        deploymentController: { type: "CODE_DEPLOY" },
        taskSets: [
          { status: "ACTIVE", taskDefinition: revision(9) },
          { status: "PRIMARY", taskDefinition: revision(7) },
        ],
      }),
    );
    expect(service.properties.TaskDefinition).toBe(revision(7));
  });
});

describe("taskDefinitionResource", () => {
  it("is known by its ARN and family:revision, with containers in CloudFormation shape", () => {
    const definition: TaskDefinition = {
      taskDefinitionArn: revision(8),
      family: "api",
      revision: 8,
      containerDefinitions: [{ name: "api", image: "api:1", readonlyRootFilesystem: true, user: "1000" }],
      taskRoleArn: "arn:aws:iam::123456789012:role/api-task",
    };
    const resource = taskDefinitionResource(definition, [{ key: "team", value: "core" }]);
    expect(resource.aliases).toEqual([revision(8), "api:8"]);
    expect(resource.properties.ContainerDefinitions).toEqual([
      { Name: "api", Image: "api:1", ReadonlyRootFilesystem: true, User: "1000" },
    ]);
    expect(resource.properties.Tags).toEqual([{ Key: "team", Value: "core" }]);
  });
});
