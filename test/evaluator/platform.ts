import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeVpcsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { EmulatorClientConfig } from "@readiness/devkit/emulator/client-config";

export type Variant = "compliant" | "broken";

export interface ProvisionedPlatform {
  readonly defaultVpcId: string;
  readonly vpcId: string;
  readonly privateSubnets: readonly string[];
  readonly publicSubnets: readonly string[];
  readonly albSecurityGroupId: string;
  readonly taskSecurityGroupId: string;
  readonly taskDefinitionArn: string;
  /** Config identifies task definitions by family. */
  readonly taskDefinitionFamily: string;
  readonly serviceArn: string;
  readonly clusterArn: string;
  readonly logGroupName: string;
  readonly tableName: string;
}

/**
 * The task platform the evaluator integration tests need, built through the SDK on the emulator:
 * smaller than examples/task-platform (which test/live/parity.emulator.test.ts provisions and checks) so the
 * tests can name every expected evaluation. The two variants differ exactly where the checked
 * items decide:
 * - container-hardening: hardened container / root container with a writable root filesystem;
 * - sg-alb-only: task ingress from the ALB's group only / also from 0.0.0.0/0;
 * - private-subnets: service in private subnets without a public IP / in public subnets with one;
 * - vpc-flow-logs: a flow log on the VPC / none;
 * - log-retention: 30-day retention / never expire;
 * - dynamodb-capacity: on-demand table / provisioned without auto scaling.
 */
export async function provisionPlatform(config: EmulatorClientConfig, variant: Variant): Promise<ProvisionedPlatform> {
  const compliant = variant === "compliant";
  const ec2 = new EC2Client(config);
  const defaultVpcId = (
    await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }))
  ).Vpcs![0]!.VpcId!;
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/16" }))).Vpc!.VpcId!;
  const subnet = async (cidr: string, zone: string): Promise<string> =>
    (
      await ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: `${config.region}${zone}` }),
      )
    ).Subnet!.SubnetId!;
  const privateSubnets = [await subnet("10.0.1.0/24", "a"), await subnet("10.0.2.0/24", "b")];
  const publicSubnets = [await subnet("10.0.101.0/24", "a"), await subnet("10.0.102.0/24", "b")];
  const gateway = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: gateway, VpcId: vpcId }));
  const publicTable = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  await ec2.send(
    new CreateRouteCommand({ RouteTableId: publicTable, DestinationCidrBlock: "0.0.0.0/0", GatewayId: gateway }),
  );
  for (const id of publicSubnets)
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicTable, SubnetId: id }));
  const privateTable = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  for (const id of privateSubnets)
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: privateTable, SubnetId: id }));

  const group = async (name: string): Promise<string> =>
    (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }))).GroupId!;
  const albSecurityGroupId = await group("alb");
  const taskSecurityGroupId = await group("api-tasks");
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: taskSecurityGroupId,
      IpPermissions: [
        { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: albSecurityGroupId }] },
        ...(compliant
          ? []
          : [{ IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }]),
      ],
    }),
  );
  await new ElasticLoadBalancingV2Client(config).send(
    new CreateLoadBalancerCommand({
      Name: "api-alb",
      Subnets: publicSubnets,
      SecurityGroups: [albSecurityGroupId],
      Scheme: "internet-facing",
      Type: "application",
    }),
  );

  const logs = new CloudWatchLogsClient(config);
  const logGroupName = "/ecs/api";
  await logs.send(new CreateLogGroupCommand({ logGroupName }));
  if (compliant) {
    await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 30 }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/vpc/flow-logs" }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/vpc/flow-logs", retentionInDays: 90 }));
    await ec2.send(
      new CreateFlowLogsCommand({
        ResourceIds: [vpcId],
        ResourceType: "VPC",
        TrafficType: "ALL",
        LogGroupName: "/vpc/flow-logs",
        DeliverLogsPermissionArn: `arn:aws:iam::123456789012:role/flow-logs`,
      }),
    );
  }

  const tableName = "tasks";
  await new DynamoDBClient(config).send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      ...(compliant
        ? { BillingMode: "PAY_PER_REQUEST" }
        : { BillingMode: "PROVISIONED", ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }),
    }),
  );

  const ecs = new ECSClient(config);
  const clusterArn = (await ecs.send(new CreateClusterCommand({ clusterName: "tasks" }))).cluster!.clusterArn!;
  const taskDefinitionArn = (
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "api",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        cpu: "256",
        memory: "512",
        containerDefinitions: [
          {
            name: "api",
            image: `123456789012.dkr.ecr.${config.region}.amazonaws.com/api:1.4.2`,
            essential: true,
            cpu: 256,
            memory: 512,
            portMappings: [{ containerPort: 8080, protocol: "tcp" }],
            logConfiguration: {
              logDriver: "awslogs",
              options: {
                "awslogs-group": logGroupName,
                "awslogs-region": config.region,
                "awslogs-stream-prefix": "api",
              },
            },
            ...(compliant
              ? {
                  readonlyRootFilesystem: true,
                  user: "1000:1000",
                  linuxParameters: { capabilities: { drop: ["ALL"] } },
                }
              : { user: "root" }),
          },
        ],
      }),
    )
  ).taskDefinition!.taskDefinitionArn!;
  const serviceArn = (
    await ecs.send(
      new CreateServiceCommand({
        cluster: "tasks",
        serviceName: "api",
        taskDefinition: taskDefinitionArn,
        desiredCount: 2,
        launchType: "FARGATE",
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: compliant ? privateSubnets : publicSubnets,
            securityGroups: [taskSecurityGroupId],
            assignPublicIp: compliant ? "DISABLED" : "ENABLED",
          },
        },
      }),
    )
  ).service!.serviceArn!;
  return {
    defaultVpcId,
    vpcId,
    privateSubnets,
    publicSubnets,
    albSecurityGroupId,
    taskSecurityGroupId,
    taskDefinitionArn,
    taskDefinitionFamily: "api",
    serviceArn,
    clusterArn,
    logGroupName,
    tableName,
  };
}
