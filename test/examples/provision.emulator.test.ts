import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  DescribeFlowLogsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
} from "@aws-sdk/client-ec2";
import { DescribeRepositoriesCommand } from "@aws-sdk/client-ecr";
import {
  type ContainerDefinition,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListServicesCommand,
  ListTaskDefinitionsCommand,
  type Service,
} from "@aws-sdk/client-ecs";
import {
  DescribeListenersCommand,
  DescribeTargetGroupAttributesCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { GetRolePolicyCommand, ListAttachedRolePoliciesCommand } from "@aws-sdk/client-iam";
import { ListSecretsCommand } from "@aws-sdk/client-secrets-manager";
import { GetQueueAttributesCommand, ListQueuesCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import {
  type PlatformClients,
  type ProvisionedPlatform,
  platformClients,
  provisionPlatform,
  teardownPlatform,
  type Variant,
} from "@readiness/example-task-platform/provision/index";
import { useEmulator } from "@readiness/devkit/test-support/emulator";

const REGION = "us-east-1";

/** What moto 5.2 cannot hold, whatever the provisioner does (see examples/task-platform/provision/README.md). */
const MOTO_GAPS: Record<Variant, string[]> = {
  compliant: ["Cluster ClusterSettings", "HttpsListener MutualAuthentication", "TrustStore TrustStore"],
  broken: [],
};

const physicalId = (platform: ProvisionedPlatform, logicalId: string): string => {
  const found = platform.resources.find((r) => r.logicalId === logicalId);
  if (!found) throw new Error(`${logicalId} was not provisioned`);
  return found.physicalId;
};

const service = async (
  clients: PlatformClients,
  platform: ProvisionedPlatform,
  logicalId: string,
): Promise<Service> => {
  const { services } = await clients.ecs.send(
    new DescribeServicesCommand({ cluster: "task-platform", services: [physicalId(platform, logicalId)] }),
  );
  if (!services?.[0]) throw new Error(`service ${logicalId} not found`);
  return services[0];
};

const runningContainer = async (
  clients: PlatformClients,
  running: Service,
  name: string,
): Promise<ContainerDefinition> => {
  const { taskDefinition } = await clients.ecs.send(
    new DescribeTaskDefinitionCommand({ taskDefinition: running.taskDefinition }),
  );
  const container = taskDefinition?.containerDefinitions?.find((c) => c.name === name);
  if (!container) throw new Error(`container ${name} not in ${running.taskDefinition}`);
  return container;
};

const routesToInternetGateway = async (clients: PlatformClients, subnetId: string): Promise<boolean> => {
  const { RouteTables } = await clients.ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: "association.subnet-id", Values: [subnetId] }] }),
  );
  expect(RouteTables, `subnet ${subnetId} has an explicit route table association`).toHaveLength(1);
  return (RouteTables?.[0]?.Routes ?? []).some((r) => r.GatewayId?.startsWith("igw-"));
};

const queueAttributes = async (clients: PlatformClients, platform: ProvisionedPlatform, logicalId: string) =>
  (
    await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: physicalId(platform, logicalId), AttributeNames: ["All"] }),
    )
  ).Attributes ?? {};

const provisionFresh = (variant: Variant) => {
  const handle = useEmulator();
  const target = () => ({ variant, endpoint: handle.emulator.endpoint, region: REGION });
  const clients = () => platformClients({ ...target(), credentials: handle.clientConfig(REGION).credentials });
  let first: ProvisionedPlatform | undefined;
  const provisioned = async (): Promise<ProvisionedPlatform> => {
    first ??= await provisionPlatform(target());
    return first;
  };
  return { target, clients, provisioned };
};

describe("provisionPlatform: compliant variant on a fresh emulator", () => {
  const { target, clients, provisioned } = provisionFresh("compliant");

  it("Compliance: creates the stack and reports exactly what moto cannot hold", async () => {
    const platform = await provisioned();
    expect(platform.stackName).toBe("task-platform-compliant");
    expect(platform.changes.map((c) => c.action)).toContain("CreateStack");
    expect(platform.gaps.map((g) => `${g.resource} ${g.property}`).sort()).toEqual(MOTO_GAPS.compliant);
    expect(platform.outputs.ClusterName).toBe("task-platform");
  });

  it("Compliance: services run in both private subnets with the circuit breaker and the load balancer (UpdateService)", async () => {
    const platform = await provisioned();
    const privateSubnets = [physicalId(platform, "PrivateSubnetA"), physicalId(platform, "PrivateSubnetB")].sort();
    for (const logicalId of ["ApiService", "WorkerService", "DlqProcessorService"]) {
      const running = await service(clients(), platform, logicalId);
      expect(running.desiredCount, logicalId).toBe(2);
      expect(running.launchType, logicalId).toBe("FARGATE");
      expect(running.networkConfiguration?.awsvpcConfiguration?.assignPublicIp, logicalId).toBe("DISABLED");
      expect([...(running.networkConfiguration?.awsvpcConfiguration?.subnets ?? [])].sort(), logicalId).toEqual(
        privateSubnets,
      );
      expect(running.deploymentConfiguration?.deploymentCircuitBreaker, logicalId).toEqual({
        enable: true,
        rollback: true,
      });
    }
    const api = await service(clients(), platform, "ApiService");
    expect(api.loadBalancers).toEqual([
      { containerName: "api", containerPort: 8080, targetGroupArn: physicalId(platform, "ApiTargetGroup") },
    ]);
    for (const subnet of privateSubnets) expect(await routesToInternetGateway(clients(), subnet)).toBe(false);
    for (const subnet of ["PublicSubnetA", "PublicSubnetB"])
      expect(await routesToInternetGateway(clients(), physicalId(platform, subnet))).toBe(true);
  });

  it("Compliance: services run a registered revision with roles, Fargate networking, hardening and secret references", async () => {
    const platform = await provisioned();
    const api = await service(clients(), platform, "ApiService");
    const { taskDefinition } = await clients().ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: api.taskDefinition }),
    );
    expect(taskDefinition?.networkMode).toBe("awsvpc");
    expect(taskDefinition?.requiresCompatibilities).toEqual(["FARGATE"]);
    expect(taskDefinition?.taskRoleArn).toMatch(/:role\/.*ApiTaskRole/);
    expect(taskDefinition?.executionRoleArn).toMatch(/:role\/.*TaskExecutionRole/);
    const container = await runningContainer(clients(), api, "api");
    expect(container).toMatchObject({ readonlyRootFilesystem: true, user: "1000:1000", stopTimeout: 60 });
    expect(container.linuxParameters?.capabilities?.drop).toEqual(["ALL"]);
    const secrets = (await clients().secrets.send(new ListSecretsCommand({}))).SecretList ?? [];
    const dbSecret = secrets.find((s) => s.Name === "task-platform-compliant/DbSecret");
    expect(container.secrets).toContainEqual({ name: "DB_CREDENTIALS", valueFrom: dbSecret?.ARN });
  });

  it("Compliance: repositories scan on push, the target group drains in 30 s, the table scales, alarms exist", async () => {
    const platform = await provisioned();
    const { repositories } = await clients().ecr.send(new DescribeRepositoriesCommand({}));
    expect(repositories?.map((r) => [r.repositoryName, r.imageScanningConfiguration?.scanOnPush]).sort()).toEqual([
      ["task-api", true],
      ["task-dlq-processor", true],
      ["task-worker", true],
    ]);
    const { Attributes } = await clients().elbv2.send(
      new DescribeTargetGroupAttributesCommand({ TargetGroupArn: physicalId(platform, "ApiTargetGroup") }),
    );
    expect(Attributes).toContainEqual({ Key: "deregistration_delay.timeout_seconds", Value: "30" });
    const table = physicalId(platform, "TaskEventsTable");
    const { ScalableTargets } = await clients().autoscaling.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: "dynamodb" }),
    );
    expect(ScalableTargets?.map((t) => `${t.ResourceId} ${t.ScalableDimension}`).sort()).toEqual([
      `table/${table} dynamodb:table:ReadCapacityUnits`,
      `table/${table} dynamodb:table:WriteCapacityUnits`,
      `table/${table}/index/by-status dynamodb:index:ReadCapacityUnits`,
      `table/${table}/index/by-status dynamodb:index:WriteCapacityUnits`,
    ]);
    const { ScalingPolicies } = await clients().autoscaling.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: "dynamodb" }),
    );
    expect(ScalingPolicies).toHaveLength(4);
    const { MetricAlarms } = await clients().cloudwatch.send(new DescribeAlarmsCommand({}));
    const depthAlarms = (MetricAlarms ?? []).filter((a) => a.MetricName === "ApproximateNumberOfMessagesVisible");
    expect(depthAlarms.flatMap((a) => a.Dimensions?.map((d) => d.Value) ?? []).sort()).toEqual([
      "task-dlq",
      "task-queue",
    ]);
    // Target-tracking policies add their own TargetTracking-* alarms; the template's are named after the stack.
    expect((MetricAlarms ?? []).filter((a) => a.AlarmName?.startsWith(`${platform.stackName}-`))).toHaveLength(8);
  });

  it("Compliance: task role policies are valid JSON scoped to the queue and table; the execution role has its managed policy", async () => {
    const platform = await provisioned();
    const { PolicyDocument } = await clients().iam.send(
      new GetRolePolicyCommand({ RoleName: physicalId(platform, "ApiTaskRole"), PolicyName: "submit-tasks" }),
    );
    const document = JSON.parse(decodeURIComponent(PolicyDocument ?? ""));
    expect(document.Statement[0]).toEqual({
      Effect: "Allow",
      Action: "sqs:SendMessage",
      Resource: `arn:aws:sqs:${REGION}:123456789012:task-queue`,
    });
    const { AttachedPolicies } = await clients().iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: physicalId(platform, "TaskExecutionRole") }),
    );
    expect(AttachedPolicies?.map((p) => p.PolicyName)).toEqual(["AmazonECSTaskExecutionRolePolicy"]);
  });

  it("Compliance: a second run changes nothing and creates no duplicates", async () => {
    const platform = await provisioned();
    const again = await provisionPlatform(target());
    expect(again.changes).toEqual([]);
    expect(again.resources).toEqual(platform.resources);
    const { taskDefinitionArns } = await clients().ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: "task-api" }),
    );
    expect(taskDefinitionArns).toHaveLength(2);
    expect((await clients().secrets.send(new ListSecretsCommand({}))).SecretList).toHaveLength(2);
  });

  it("Compliance: teardown deletes the stack and everything the provisioner added", async () => {
    await provisioned();
    await teardownPlatform(target());
    await expectNothingLeft(clients(), "task-platform-compliant");
  });
});

describe("provisionPlatform: broken variant on a fresh emulator", () => {
  const { target, clients, provisioned } = provisionFresh("broken");

  it("Noncompliance: the worker runs alone in a public subnet with a public IP and no circuit breaker", async () => {
    const platform = await provisioned();
    expect(platform.gaps.map((g) => `${g.resource} ${g.property}`).sort()).toEqual(MOTO_GAPS.broken);
    const worker = await service(clients(), platform, "WorkerService");
    expect(worker.desiredCount).toBe(1);
    expect(worker.networkConfiguration?.awsvpcConfiguration).toMatchObject({
      assignPublicIp: "ENABLED",
      subnets: [physicalId(platform, "PublicSubnetA")],
    });
    expect(await routesToInternetGateway(clients(), physicalId(platform, "PublicSubnetA"))).toBe(true);
    expect(worker.deploymentConfiguration?.deploymentCircuitBreaker?.enable ?? false).toBe(false);
    const dlqProcessor = await service(clients(), platform, "DlqProcessorService");
    expect(dlqProcessor.deploymentConfiguration?.deploymentCircuitBreaker).toEqual({ enable: true, rollback: false });
  });

  it("Noncompliance: the running revisions carry the container and secret defects", async () => {
    const platform = await provisioned();
    const api = await runningContainer(clients(), await service(clients(), platform, "ApiService"), "api");
    expect(api.user).toBeUndefined();
    expect(api.readonlyRootFilesystem).toBe(false);
    expect(api.linuxParameters?.capabilities?.drop).toBeUndefined();
    expect(api.environment?.map((e) => e.name)).toContain("DB_PASSWORD");
    const worker = await runningContainer(clients(), await service(clients(), platform, "WorkerService"), "worker");
    expect(worker.image).toMatch(/task-worker:latest$/);
    expect(worker.stopTimeout).toBe(10);
    expect(worker.environment).toContainEqual({ name: "REPORTS_UPLOAD_KEY", value: "AKIAIOSFODNN7EXAMPLE" });
    const dlq = await runningContainer(
      clients(),
      await service(clients(), platform, "DlqProcessorService"),
      "dlq-processor",
    );
    expect(dlq.environmentFiles).toEqual([
      { type: "s3", value: "arn:aws:s3:::task-platform-config/dlq-processor.env" },
    ]);
  });

  it("Noncompliance: registry, network, logs, queues, table, IAM and listener keep their defects", async () => {
    const platform = await provisioned();
    const { repositories } = await clients().ecr.send(
      new DescribeRepositoriesCommand({ repositoryNames: ["task-dlq-processor"] }),
    );
    expect(repositories?.[0]?.imageScanningConfiguration?.scanOnPush).toBe(false);
    const { FlowLogs } = await clients().ec2.send(
      new DescribeFlowLogsCommand({ Filter: [{ Name: "resource-id", Values: [physicalId(platform, "Vpc")] }] }),
    );
    expect(FlowLogs).toEqual([]);
    const { logGroups } = await clients().logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: "/task-platform/worker" }),
    );
    expect(logGroups?.[0]?.retentionInDays).toBeUndefined();
    expect((await queueAttributes(clients(), platform, "NotificationQueue")).RedrivePolicy).toBeUndefined();
    expect((await queueAttributes(clients(), platform, "ScheduleDeadLetterQueue")).MessageRetentionPeriod).toBe(
      "86400",
    );
    const { ScalableTargets } = await clients().autoscaling.send(
      new DescribeScalableTargetsCommand({ ServiceNamespace: "dynamodb" }),
    );
    expect(ScalableTargets).toEqual([]);
    const { PolicyDocument } = await clients().iam.send(
      new GetRolePolicyCommand({ RoleName: physicalId(platform, "WorkerTaskRole"), PolicyName: "worker-everything" }),
    );
    expect(JSON.parse(decodeURIComponent(PolicyDocument ?? "")).Statement).toEqual([
      { Effect: "Allow", Action: "*", Resource: "*" },
    ]);
    const { AttachedPolicies } = await clients().iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: physicalId(platform, "DlqProcessorTaskRole") }),
    );
    expect(AttachedPolicies?.map((p) => p.PolicyName)).toEqual(["AdministratorAccess"]);
    const { SecurityGroups } = await clients().ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [physicalId(platform, "ApiTaskSecurityGroup")] }),
    );
    expect(SecurityGroups?.[0]?.IpPermissions?.flatMap((p) => p.IpRanges?.map((r) => r.CidrIp) ?? [])).toEqual([
      "0.0.0.0/0",
    ]);
    const { Listeners } = await clients().elbv2.send(
      new DescribeListenersCommand({ ListenerArns: [physicalId(platform, "HttpListener")] }),
    );
    expect(Listeners?.[0]).toMatchObject({ Protocol: "HTTP", Port: 80 });
    expect(Listeners?.[0]?.MutualAuthentication).toBeUndefined();
    const { MetricAlarms } = await clients().cloudwatch.send(new DescribeAlarmsCommand({}));
    const watchedQueues = (MetricAlarms ?? [])
      .filter((a) => a.MetricName === "ApproximateNumberOfMessagesVisible")
      .flatMap((a) => a.Dimensions?.map((d) => d.Value) ?? []);
    expect(watchedQueues).toEqual(["task-dlq"]);
  });

  it("Noncompliance: a second run changes nothing (the defects are what the template says)", async () => {
    await provisioned();
    expect((await provisionPlatform(target())).changes).toEqual([]);
  });

  it("Noncompliance: teardown deletes everything", async () => {
    await provisioned();
    await teardownPlatform(target());
    await expectNothingLeft(clients(), "task-platform-broken");
  });
});

const expectNothingLeft = async (clients: PlatformClients, stackName: string): Promise<void> => {
  const stacks = await clients.cloudformation.send(new DescribeStacksCommand({ StackName: stackName })).then(
    (r) => r.Stacks?.filter((s) => s.StackStatus !== "DELETE_COMPLETE") ?? [],
    () => [],
  );
  expect(stacks).toEqual([]);
  const { Vpcs } = await clients.ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: "cidr", Values: ["10.0.0.0/16"] }] }),
  );
  expect(Vpcs).toEqual([]);
  const { Subnets } = await clients.ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: "cidr-block", Values: ["10.0.0.0/24"] }] }),
  );
  expect(Subnets).toEqual([]);
  // ECS keeps a deleted service visible as INACTIVE for a while (moto lists it); none may still be active.
  const services = await clients.ecs.send(new ListServicesCommand({ cluster: "task-platform" })).then(
    (r) => r.serviceArns ?? [],
    () => [],
  );
  if (services.length > 0) {
    const described = await clients.ecs.send(new DescribeServicesCommand({ cluster: "task-platform", services }));
    expect(described.services?.map((s) => s.status)).toEqual(services.map(() => "INACTIVE"));
  }
  const { taskDefinitionArns } = await clients.ecs.send(new ListTaskDefinitionsCommand({ status: "ACTIVE" }));
  expect(taskDefinitionArns).toEqual([]);
  expect((await clients.sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
  expect((await clients.ecr.send(new DescribeRepositoriesCommand({}))).repositories).toEqual([]);
  expect((await clients.secrets.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
  expect((await clients.cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms).toEqual([]);
  const { ScalableTargets } = await clients.autoscaling.send(
    new DescribeScalableTargetsCommand({ ServiceNamespace: "dynamodb" }),
  );
  expect(ScalableTargets).toEqual([]);
  const { logGroups } = await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/task-platform" }));
  expect(logGroups).toEqual([]);
};
