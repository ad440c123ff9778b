import { type Inventory, isUnknown, type Resource } from "@readiness/core";
import {
  collectLiveInventory,
  createLiveClients,
  type LiveCollection,
  type LiveProgress,
} from "@readiness/core/checklist/adapters/live/index";
import { checkInventory } from "@readiness/core/checklist/check/check-inventory";
import { DEFAULT_CONFIG } from "@readiness/core/checklist/config/schema";
import { scalingOfTable } from "@readiness/core/checklist/inventory/relations/dynamodb";
import {
  serviceSecurityGroups,
  serviceSubnets,
  serviceTargetGroups,
  serviceTaskDefinition,
} from "@readiness/core/checklist/inventory/relations/ecs";
import { managedPoliciesOfRole } from "@readiness/core/checklist/inventory/relations/iam";
import { containerLogGroups } from "@readiness/core/checklist/inventory/relations/logs";
import {
  flowLogsOfVpc,
  ingressRulesOf,
  listenerTargetGroups,
  routeTableOfSubnet,
  subnetInternetGateway,
} from "@readiness/core/checklist/inventory/relations/network";
import { deadLetterTargetOf } from "@readiness/core/checklist/inventory/relations/sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { buildPlatform, type Platform, SECRET_VALUE } from "./platform";

const moto = useEmulator();
let platform: Platform;
let collected: LiveCollection;
let inventory: Inventory;
const progress: LiveProgress[] = [];

beforeAll(async () => {
  platform = await buildPlatform(moto.clientConfig());
  const clients = createLiveClients({ endpoint: moto.emulator.endpoint, region: "us-east-1" });
  collected = await collectLiveInventory(clients, { onProgress: (event) => progress.push(event) });
  inventory = collected.inventory;
});

/** The resource a reference names; fails the test when it names nothing. */
const resolved = (value: unknown): Resource => {
  if (value === undefined || isUnknown(value) || (typeof value === "object" && value !== null && "dangling" in value))
    throw new Error(`expected a resource, got ${JSON.stringify(value)}`);
  return value as Resource;
};

const only = (type: string, match: (r: Resource) => boolean): Resource => {
  const found = inventory.ofType(type).filter(match);
  expect(found, `one ${type}`).toHaveLength(1);
  return found[0]!;
};

describe("collectLiveInventory on a platform built in the emulator", () => {
  it("reads every API it needs: nothing unreadable, no warnings", () => {
    expect([...collected.unreadableTypes]).toEqual([]);
    expect(collected.warnings).toEqual([]);
    expect(inventory.source).toBe("live");
  });

  it("follows the service to the task definition its PRIMARY deployment runs, and on to its log group", () => {
    const service = resolved(inventory.get(platform.serviceArn));
    expect(service.properties).toMatchObject({
      ServiceName: "api",
      Cluster: platform.clusterArn,
      DesiredCount: 2,
      LaunchType: "FARGATE",
    });
    const taskDefinition = resolved(serviceTaskDefinition(inventory, service));
    expect(taskDefinition.id).toBe(platform.taskDefinitionArn);
    const logGroups = containerLogGroups(inventory, taskDefinition);
    if (isUnknown(logGroups)) throw new Error(`container log groups unknown: ${logGroups.reason}`);
    const [logGroup] = logGroups;
    expect(logGroup?.resource?.properties).toMatchObject({ LogGroupName: platform.logGroupName, RetentionInDays: 30 });
  });

  it("follows the service to its subnets, security groups and target group", () => {
    const service = resolved(inventory.get(platform.serviceArn));
    const subnets = serviceSubnets(inventory, service);
    if (isUnknown(subnets)) throw new Error(subnets.reason);
    expect(subnets.map((s) => resolved(s).properties.AvailabilityZone)).toEqual(["us-east-1a", "us-east-1b"]);
    expect(service.properties.NetworkConfiguration).toMatchObject({
      AwsvpcConfiguration: { AssignPublicIp: "DISABLED" },
    });
    const groups = serviceSecurityGroups(inventory, service);
    if (isUnknown(groups)) throw new Error(groups.reason);
    const taskGroup = resolved(groups[0]);
    expect(taskGroup.aliases).toContain(platform.taskSecurityGroupId);
    expect(ingressRulesOf(inventory, taskGroup)).toEqual([
      {
        IpProtocol: "tcp",
        FromPort: 8080,
        ToPort: 8080,
        SourceSecurityGroupId: platform.albSecurityGroupId,
        SourceSecurityGroupOwnerId: "123456789012",
      },
    ]);
    expect(serviceTargetGroups(inventory, service).map((tg) => resolved(tg).id)).toEqual([platform.targetGroupArn]);
  });

  it("observes the AZs of the service's running tasks", () => {
    const service = resolved(inventory.get(platform.serviceArn));
    expect(service.observed?.runningTaskAvailabilityZones).toEqual(["us-east-1a", "us-east-1b"]);
  });

  it("resolves public subnets to the internet gateway and private ones to the VPC's main route table", () => {
    const [publicSubnet] = platform.publicSubnets.map((id) => resolved(inventory.lookup(id)));
    expect(subnetInternetGateway(inventory, publicSubnet!)).toBe(platform.internetGatewayId);
    const privateSubnet = resolved(inventory.lookup(platform.privateSubnets[0]));
    const table = routeTableOfSubnet(inventory, privateSubnet);
    if (isUnknown(table) || typeof table === "string")
      throw new Error(`expected the main route table, got ${String(table)}`);
    expect(table.id).not.toBe(platform.publicRouteTableId);
    expect(table.properties.Associations).toEqual(expect.arrayContaining([expect.objectContaining({ Main: true })]));
    expect(subnetInternetGateway(inventory, privateSubnet)).toBe(false);
    expect(privateSubnet.properties).toMatchObject({ VpcId: platform.vpcId, MapPublicIpOnLaunch: false });
  });

  it("emits routes and subnet associations as their own resources", () => {
    const route = only(
      "AWS::EC2::Route",
      (r) =>
        r.properties.RouteTableId === platform.publicRouteTableId && r.properties.DestinationCidrBlock === "0.0.0.0/0",
    );
    expect(route.properties.GatewayId).toBe(platform.internetGatewayId);
    const associated = inventory
      .ofType("AWS::EC2::SubnetRouteTableAssociation")
      .filter((a) => a.properties.RouteTableId === platform.publicRouteTableId)
      .map((a) => a.properties.SubnetId);
    expect(associated.sort()).toEqual([...platform.publicSubnets].sort());
    const main = inventory.ofType("AWS::EC2::SubnetRouteTableAssociation").filter((a) => a.properties.Main === true);
    expect(main.length).toBeGreaterThanOrEqual(1);
  });

  it("follows the queue to its dead-letter queue, by the ARN in its parsed redrive policy", () => {
    const queue = resolved(inventory.lookup(platform.queueUrl));
    expect(queue.id).toBe(platform.queueArn);
    // Besides the emulator's own URL, every URL form SQS answers to, so references written with any resolve.
    expect(queue.aliases).toEqual([
      platform.queueUrl,
      platform.queueArn,
      "tasks",
      "https://sqs.us-east-1.amazonaws.com/123456789012/tasks",
      "https://us-east-1.queue.amazonaws.com/123456789012/tasks",
      "https://queue.amazonaws.com/123456789012/tasks",
    ]);
    expect(queue.properties.RedrivePolicy).toEqual({ deadLetterTargetArn: platform.dlqArn, maxReceiveCount: 5 });
    const dlq = resolved(deadLetterTargetOf(inventory, queue));
    expect(dlq.properties).toMatchObject({ QueueName: "tasks-dlq", MessageRetentionPeriod: 1209600, FifoQueue: false });
  });

  it("reads the table's billing mode, indexes and its auto scaling", () => {
    const table = resolved(inventory.lookup(platform.tableName));
    expect(table.properties).toMatchObject({ TableName: platform.tableName, BillingMode: "PROVISIONED" });
    expect(table.properties.GlobalSecondaryIndexes).toMatchObject([{ IndexName: "by-status" }]);
    const scaling = scalingOfTable(inventory, table);
    const readTarget = scaling.targets.get("|dynamodb:table:ReadCapacityUnits");
    expect(readTarget?.properties).toMatchObject({ MinCapacity: 5, MaxCapacity: 100 });
    expect(scaling.scaled.has(readTarget!.id)).toBe(true);
  });

  it("reads the task role's inline policy and attached managed policies with their documents", () => {
    const role = resolved(inventory.lookup(platform.taskRoleArn));
    expect(role.properties.Policies).toEqual([
      {
        PolicyName: "queue-access",
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: "*" }],
        },
      },
    ]);
    const [managed] = managedPoliciesOfRole(inventory, role);
    expect(managed?.kind).toBe("resource");
    expect(managed?.kind === "resource" && managed.policy.properties.PolicyDocument).toMatchObject({
      Statement: [{ Action: "dynamodb:GetItem" }],
    });
    const executionRole = resolved(inventory.lookup(platform.executionRoleArn));
    const [awsManaged] = managedPoliciesOfRole(inventory, executionRole);
    expect(awsManaged?.kind === "resource" && awsManaged.policy.properties.ManagedPolicyName).toBe(
      "AmazonECSTaskExecutionRolePolicy",
    );
  });

  it("reads the VPC's flow log with its observed status", () => {
    const vpc = resolved(inventory.lookup(platform.vpcId));
    const [flowLog] = flowLogsOfVpc(inventory, vpc);
    expect(flowLog?.properties).toMatchObject({ ResourceId: platform.vpcId, ResourceType: "VPC", TrafficType: "ALL" });
    expect(flowLog?.observed?.flowLogStatus).toBe("ACTIVE");
  });

  it("reads the load balancer, its listener and where the listener forwards", () => {
    const balancer = resolved(inventory.get(platform.loadBalancerArn));
    expect(balancer.properties).toMatchObject({
      Scheme: "internet-facing",
      SecurityGroups: [platform.albSecurityGroupId],
    });
    expect([...(balancer.properties.Subnets as string[])].sort()).toEqual([...platform.publicSubnets].sort());
    const listener = only(
      "AWS::ElasticLoadBalancingV2::Listener",
      (l) => l.properties.LoadBalancerArn === platform.loadBalancerArn,
    );
    expect(listener.properties).toMatchObject({ Protocol: "HTTP", Port: 80 });
    expect(listenerTargetGroups(inventory, listener).map((tg) => resolved(tg).id)).toEqual([platform.targetGroupArn]);
    const targetGroup = resolved(inventory.get(platform.targetGroupArn));
    expect(targetGroup.properties.TargetGroupAttributes).toEqual(
      expect.arrayContaining([expect.objectContaining({ Key: "deregistration_delay.timeout_seconds" })]),
    );
  });

  it("reads the repository's scan-on-push and the registry's scanning", () => {
    const repository = resolved(inventory.lookup(platform.repositoryName));
    expect(repository.properties.ImageScanningConfiguration).toEqual({ ScanOnPush: true });
    expect(repository.observed?.registryScanOnPush).toBe(false);
  });

  it("reads secrets' metadata and never their values", () => {
    const secret = resolved(inventory.lookup("api/smoke-token"));
    expect(secret.type).toBe("AWS::SecretsManager::Secret");
    expect(JSON.stringify([...inventory.all()])).not.toContain(SECRET_VALUE);
  });

  it("reads alarms", () => {
    const alarm = resolved(inventory.lookup("tasks-dlq-not-empty"));
    expect(alarm.properties).toMatchObject({
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [{ Name: "QueueName", Value: "tasks-dlq" }],
    });
  });

  it("is evaluated by every registered rule without an evaluation error", () => {
    const { report } = checkInventory({
      config: DEFAULT_CONFIG,
      inventory,
      source: "live emulator",
      unreadableTypes: collected.unreadableTypes,
    });
    const findings = report.items.flatMap((item) => item.findings);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.reason.startsWith("evaluation error"))).toEqual([]);
  });

  it("reports progress for every step", () => {
    const steps = new Set(progress.map((p) => p.step));
    for (const step of [
      "ecs services",
      "ecs task definitions",
      "ecs tasks",
      "sqs queues",
      "iam roles",
      "log groups",
      "ec2 subnets",
    ])
      expect(steps).toContain(step);
    const queues = progress.filter((p) => p.step === "sqs queues");
    expect(queues.at(-1)).toEqual({ step: "sqs queues", done: 2, total: 2 });
  });
});

describe("collectLiveInventory restricted to named services", () => {
  it("reads only the named services and warns about the ones it cannot find", async () => {
    const clients = createLiveClients({ endpoint: moto.emulator.endpoint, region: "us-east-1" });
    const result = await collectLiveInventory(clients, { clusters: ["platform"], services: ["api", "ghost"] });
    expect(result.inventory.ofType("AWS::ECS::Service").map((s) => s.id)).toEqual([platform.serviceArn]);
    expect(result.warnings).toEqual(["ECS service ghost not found in cluster(s) platform"]);
  });
});
