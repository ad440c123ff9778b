import {
  ApplicationAutoScalingClient,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
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
  EC2Client,
  RunInstancesCommand,
} from "@aws-sdk/client-ec2";
import { CreateRepositoryCommand, ECRClient } from "@aws-sdk/client-ecr";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  RegisterContainerInstanceCommand,
  StartTaskCommand,
} from "@aws-sdk/client-ecs";
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { EmulatorClientConfig } from "@readiness/devkit/emulator/client-config";
import { setStateTransition } from "@readiness/devkit/emulator/moto";

/** The secret's value: the test asserts it never reaches the inventory. */
export const SECRET_VALUE = "s3cr3t-never-collected";

const ECS_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

export interface Platform {
  vpcId: string;
  privateSubnets: [string, string];
  publicSubnets: [string, string];
  internetGatewayId: string;
  publicRouteTableId: string;
  albSecurityGroupId: string;
  taskSecurityGroupId: string;
  clusterArn: string;
  serviceArn: string;
  taskDefinitionArn: string;
  taskRoleArn: string;
  executionRoleArn: string;
  customerPolicyArn: string;
  logGroupName: string;
  queueUrl: string;
  queueArn: string;
  dlqArn: string;
  tableName: string;
  targetGroupArn: string;
  loadBalancerArn: string;
  repositoryName: string;
}

/**
 * A small task-service platform built through the SDK, as an operator would: a VPC with private
 * and public subnets in two AZs, an ALB, an ECS service with two running tasks, its roles, log
 * group, queue with DLQ, table with auto scaling, repository, secret and alarm.
 */
export async function buildPlatform(config: EmulatorClientConfig): Promise<Platform> {
  const ec2 = new EC2Client(config);
  const region = config.region;
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/16" }))).Vpc!.VpcId!;
  const subnet = async (cidr: string, zone: string): Promise<string> =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: `${region}${zone}` })))
      .Subnet!.SubnetId!;
  const privateSubnets: [string, string] = [await subnet("10.0.1.0/24", "a"), await subnet("10.0.2.0/24", "b")];
  const publicSubnets: [string, string] = [await subnet("10.0.101.0/24", "a"), await subnet("10.0.102.0/24", "b")];
  const internetGatewayId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: internetGatewayId, VpcId: vpcId }));
  const publicRouteTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!;
  await ec2.send(
    new CreateRouteCommand({
      RouteTableId: publicRouteTableId,
      DestinationCidrBlock: "0.0.0.0/0",
      GatewayId: internetGatewayId,
    }),
  );
  for (const id of publicSubnets)
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicRouteTableId, SubnetId: id }));

  const group = async (name: string): Promise<string> =>
    (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }))).GroupId!;
  const albSecurityGroupId = await group("alb");
  const taskSecurityGroupId = await group("api-tasks");
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: albSecurityGroupId,
      IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
    }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: taskSecurityGroupId,
      IpPermissions: [
        { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: albSecurityGroupId }] },
      ],
    }),
  );

  const logs = new CloudWatchLogsClient(config);
  const logGroupName = "/ecs/task-service/api";
  await logs.send(new CreateLogGroupCommand({ logGroupName }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: 30 }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: "/vpc/flow-logs" }));

  const iam = new IAMClient(config);
  const role = async (name: string): Promise<string> =>
    (await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: ECS_TRUST }))).Role!.Arn!;
  const taskRoleArn = await role("api-task");
  const executionRoleArn = await role("api-execution");
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: "api-task",
      PolicyName: "queue-access",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: "*" }],
      }),
    }),
  );
  const customerPolicyArn = (
    await iam.send(
      new CreatePolicyCommand({
        PolicyName: "table-access",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" }],
        }),
      }),
    )
  ).Policy!.Arn!;
  await iam.send(new AttachRolePolicyCommand({ RoleName: "api-task", PolicyArn: customerPolicyArn }));
  await iam.send(
    new AttachRolePolicyCommand({
      RoleName: "api-execution",
      PolicyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    }),
  );
  await ec2.send(
    new CreateFlowLogsCommand({
      ResourceIds: [vpcId],
      ResourceType: "VPC",
      TrafficType: "ALL",
      LogGroupName: "/vpc/flow-logs",
      DeliverLogsPermissionArn: executionRoleArn,
    }),
  );

  const ecr = new ECRClient(config);
  const repositoryName = "task-service/api";
  await ecr.send(new CreateRepositoryCommand({ repositoryName, imageScanningConfiguration: { scanOnPush: true } }));

  const sqs = new SQSClient(config);
  const dlqUrl = (
    await sqs.send(
      new CreateQueueCommand({ QueueName: "tasks-dlq", Attributes: { MessageRetentionPeriod: "1209600" } }),
    )
  ).QueueUrl!;
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ["QueueArn"] })))
    .Attributes!.QueueArn!;
  const queueUrl = (
    await sqs.send(
      new CreateQueueCommand({
        QueueName: "tasks",
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: "5" }) },
      }),
    )
  ).QueueUrl!;
  const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] })))
    .Attributes!.QueueArn!;

  const dynamodb = new DynamoDBClient(config);
  const tableName = "tasks-table";
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PROVISIONED",
      AttributeDefinitions: [
        { AttributeName: "id", AttributeType: "S" },
        { AttributeName: "status", AttributeType: "S" },
      ],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      GlobalSecondaryIndexes: [
        {
          IndexName: "by-status",
          KeySchema: [{ AttributeName: "status", KeyType: "HASH" }],
          Projection: { ProjectionType: "ALL" },
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        },
      ],
    }),
  );
  const scaling = new ApplicationAutoScalingClient(config);
  await scaling.send(
    new RegisterScalableTargetCommand({
      ServiceNamespace: "dynamodb",
      ResourceId: `table/${tableName}`,
      ScalableDimension: "dynamodb:table:ReadCapacityUnits",
      MinCapacity: 5,
      MaxCapacity: 100,
    }),
  );
  await scaling.send(
    new PutScalingPolicyCommand({
      PolicyName: "read-scaling",
      ServiceNamespace: "dynamodb",
      ResourceId: `table/${tableName}`,
      ScalableDimension: "dynamodb:table:ReadCapacityUnits",
      PolicyType: "TargetTrackingScaling",
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 70,
        PredefinedMetricSpecification: { PredefinedMetricType: "DynamoDBReadCapacityUtilization" },
      },
    }),
  );

  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const loadBalancerArn = (
    await elbv2.send(
      new CreateLoadBalancerCommand({
        Name: "api-alb",
        Subnets: publicSubnets,
        SecurityGroups: [albSecurityGroupId],
        Scheme: "internet-facing",
        Type: "application",
      }),
    )
  ).LoadBalancers![0]!.LoadBalancerArn!;
  const targetGroupArn = (
    await elbv2.send(
      new CreateTargetGroupCommand({ Name: "api-tg", Protocol: "HTTP", Port: 8080, VpcId: vpcId, TargetType: "ip" }),
    )
  ).TargetGroups![0]!.TargetGroupArn!;
  await elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancerArn,
      Protocol: "HTTP",
      Port: 80,
      DefaultActions: [{ Type: "forward", TargetGroupArn: targetGroupArn }],
    }),
  );

  const ecs = new ECSClient(config);
  const clusterArn = (await ecs.send(new CreateClusterCommand({ clusterName: "platform" }))).cluster!.clusterArn!;
  const taskDefinitionArn = (
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "api",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        cpu: "256",
        memory: "512",
        taskRoleArn,
        executionRoleArn,
        containerDefinitions: [
          {
            name: "api",
            image: `123456789012.dkr.ecr.${region}.amazonaws.com/${repositoryName}:1.4.2`,
            essential: true,
            // moto sizes tasks from container-level cpu/memory.
            cpu: 256,
            memory: 512,
            portMappings: [{ containerPort: 8080, protocol: "tcp" }],
            environment: [{ name: "QUEUE_URL", value: queueUrl }],
            logConfiguration: {
              logDriver: "awslogs",
              options: { "awslogs-group": logGroupName, "awslogs-region": region, "awslogs-stream-prefix": "api" },
            },
          },
        ],
      }),
    )
  ).taskDefinition!.taskDefinitionArn!;
  const awsvpcConfiguration = {
    subnets: privateSubnets,
    securityGroups: [taskSecurityGroupId],
    assignPublicIp: "DISABLED" as const,
  };
  const serviceArn = (
    await ecs.send(
      new CreateServiceCommand({
        cluster: "platform",
        serviceName: "api",
        taskDefinition: taskDefinitionArn,
        desiredCount: 2,
        launchType: "FARGATE",
        networkConfiguration: { awsvpcConfiguration },
        loadBalancers: [{ targetGroupArn, containerName: "api", containerPort: 8080 }],
        deploymentConfiguration: {
          deploymentCircuitBreaker: { enable: true, rollback: true },
          maximumPercent: 200,
          minimumHealthyPercent: 100,
        },
        deploymentController: { type: "ECS" },
      }),
    )
  ).service!.serviceArn!;
  // Keep the tasks RUNNING however often they are described.
  await setStateTransition(config.endpoint, "ecs::task", { progression: "manual", times: 1_000_000 });
  await startServiceTasks(config, ecs, privateSubnets);

  await new SecretsManagerClient(config).send(
    new CreateSecretCommand({ Name: "api/smoke-token", SecretString: SECRET_VALUE }),
  );
  await new CloudWatchClient(config).send(
    new PutMetricAlarmCommand({
      AlarmName: "tasks-dlq-not-empty",
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [{ Name: "QueueName", Value: "tasks-dlq" }],
      Statistic: "Maximum",
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: "GreaterThanThreshold",
    }),
  );

  return {
    vpcId,
    privateSubnets,
    publicSubnets,
    internetGatewayId,
    publicRouteTableId,
    albSecurityGroupId,
    taskSecurityGroupId,
    clusterArn,
    serviceArn,
    taskDefinitionArn,
    taskRoleArn,
    executionRoleArn,
    customerPolicyArn,
    logGroupName,
    queueUrl,
    queueArn,
    dlqArn,
    tableName,
    targetGroupArn,
    loadBalancerArn,
    repositoryName,
  };
}

/**
 * moto does not launch a service's tasks, and it cannot start awsvpc tasks at all (RunTask with a
 * network configuration fails inside moto 5.2). So the service's running tasks are started the
 * way ECS places EC2-launch tasks: on one container instance per private subnet's AZ, in the
 * service's task group, from a bridge-mode sibling task definition. Their AZs are then only
 * knowable through the container instances, which is the path the collector takes for such tasks.
 */
async function startServiceTasks(
  config: EmulatorClientConfig,
  ecs: ECSClient,
  subnets: readonly string[],
): Promise<void> {
  const ec2 = new EC2Client(config);
  const taskDefinition = (
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "api-on-ec2",
        networkMode: "bridge",
        containerDefinitions: [
          { name: "api", image: "task-service/api:1.4.2", cpu: 256, memory: 512, essential: true },
        ],
      }),
    )
  ).taskDefinition!.taskDefinitionArn!;
  for (const subnetId of subnets) {
    const instanceId = (
      await ec2.send(
        new RunInstancesCommand({
          ImageId: "ami-12c6146b",
          InstanceType: "t3.large",
          MinCount: 1,
          MaxCount: 1,
          SubnetId: subnetId,
        }),
      )
    ).Instances![0]!.InstanceId!;
    const containerInstanceArn = (
      await ecs.send(
        new RegisterContainerInstanceCommand({
          cluster: "platform",
          instanceIdentityDocument: JSON.stringify({ instanceId }),
        }),
      )
    ).containerInstance!.containerInstanceArn!;
    await ecs.send(
      new StartTaskCommand({
        cluster: "platform",
        taskDefinition,
        containerInstances: [containerInstanceArn],
        group: "service:api",
      }),
    );
  }
}
