/**
 * Generates a large, realistic CloudFormation template for the benchmarks: one shared VPC, ALB and
 * cluster, plus N service "units" (12 resources each: subnets, security group, task definition, log
 * group, service, queue + DLQ, alarm, task role, table, repository) wired with Ref/GetAtt/Sub.
 * Usage: tsx bench/generate-template.ts [resources=10000] [out=bench/out/large-template.json]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const SHARED = 6;
const PER_UNIT = 12;

export const generateTemplate = (resourceCount: number): Record<string, unknown> => {
  const units = Math.max(1, Math.floor((resourceCount - SHARED) / PER_UNIT));
  const resources: Record<string, unknown> = {
    Vpc: { Type: "AWS::EC2::VPC", Properties: { CidrBlock: "10.0.0.0/8" } },
    Cluster: { Type: "AWS::ECS::Cluster", Properties: {} },
    AlbSg: {
      Type: "AWS::EC2::SecurityGroup",
      Properties: {
        VpcId: { Ref: "Vpc" },
        GroupDescription: "alb",
        SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: "0.0.0.0/0" }],
      },
    },
    Igw: { Type: "AWS::EC2::InternetGateway", Properties: {} },
    FlowLog: {
      Type: "AWS::EC2::FlowLog",
      Properties: {
        ResourceId: { Ref: "Vpc" },
        ResourceType: "VPC",
        TrafficType: "ALL",
        LogDestinationType: "s3",
        LogDestination: "arn:aws:s3:::flow-logs",
      },
    },
    PrivateRoutes: { Type: "AWS::EC2::RouteTable", Properties: { VpcId: { Ref: "Vpc" } } },
  };
  for (let i = 0; i < units; i++) Object.assign(resources, unit(i));
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `benchmark: ${units} service units`,
    Resources: resources,
  };
};

const unit = (i: number): Record<string, unknown> => {
  const n = (name: string) => `${name}${i}`;
  const subnet = (az: number) => ({
    Type: "AWS::EC2::Subnet",
    Properties: {
      VpcId: { Ref: "Vpc" },
      CidrBlock: `10.${i % 250}.${az}.0/24`,
      AvailabilityZone: { "Fn::Select": [az, { "Fn::GetAZs": "" }] },
    },
  });
  return {
    [n("SubnetA")]: subnet(0),
    [n("SubnetB")]: subnet(1),
    [n("TaskSg")]: {
      Type: "AWS::EC2::SecurityGroup",
      Properties: {
        VpcId: { Ref: "Vpc" },
        GroupDescription: "tasks",
        SecurityGroupIngress: [
          { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: { Ref: "AlbSg" } },
        ],
      },
    },
    [n("Logs")]: { Type: "AWS::Logs::LogGroup", Properties: { LogGroupName: `/bench/svc${i}`, RetentionInDays: 30 } },
    [n("Repo")]: {
      Type: "AWS::ECR::Repository",
      Properties: { RepositoryName: `svc${i}`, ImageScanningConfiguration: { ScanOnPush: true } },
    },
    [n("TaskRole")]: {
      Type: "AWS::IAM::Role",
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
        },
        Policies: [
          {
            PolicyName: "queue",
            PolicyDocument: {
              Statement: [
                { Effect: "Allow", Action: ["sqs:SendMessage"], Resource: { "Fn::GetAtt": [n("Queue"), "Arn"] } },
              ],
            },
          },
        ],
      },
    },
    [n("Task")]: {
      Type: "AWS::ECS::TaskDefinition",
      Properties: {
        Family: `svc${i}`,
        TaskRoleArn: { "Fn::GetAtt": [n("TaskRole"), "Arn"] },
        ContainerDefinitions: [
          {
            Name: "app",
            Image: { "Fn::Sub": `\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/\${${n("Repo")}}:1.0.${i}` },
            User: "1000:1000",
            ReadonlyRootFilesystem: true,
            StopTimeout: 60,
            LinuxParameters: { Capabilities: { Drop: ["ALL"] } },
            Environment: [
              { Name: "LOG_LEVEL", Value: "info" },
              { Name: "QUEUE_URL", Value: { Ref: n("Queue") } },
              { Name: "OTEL_EXPORTER_OTLP_ENDPOINT", Value: "http://tempo.observability.internal:4317" },
            ],
            LogConfiguration: {
              LogDriver: "awslogs",
              Options: { "awslogs-group": { Ref: n("Logs") }, "awslogs-region": { Ref: "AWS::Region" } },
            },
          },
        ],
      },
    },
    [n("Service")]: {
      Type: "AWS::ECS::Service",
      Properties: {
        ServiceName: `svc${i}-worker`,
        Cluster: { Ref: "Cluster" },
        TaskDefinition: { Ref: n("Task") },
        DesiredCount: 2,
        DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true } },
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            AssignPublicIp: "DISABLED",
            Subnets: [{ Ref: n("SubnetA") }, { Ref: n("SubnetB") }],
            SecurityGroups: [{ Ref: n("TaskSg") }],
          },
        },
      },
    },
    [n("Dlq")]: { Type: "AWS::SQS::Queue", Properties: { MessageRetentionPeriod: 1209600 } },
    [n("Queue")]: {
      Type: "AWS::SQS::Queue",
      Properties: { RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [n("Dlq"), "Arn"] }, maxReceiveCount: 5 } },
    },
    [n("QueueAlarm")]: {
      Type: "AWS::CloudWatch::Alarm",
      Properties: {
        Namespace: "AWS/SQS",
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [n("Queue"), "QueueName"] } }],
        Statistic: "Maximum",
        Period: 60,
        EvaluationPeriods: 5,
        Threshold: 1000,
        ComparisonOperator: "GreaterThanThreshold",
      },
    },
    [n("Table")]: {
      Type: "AWS::DynamoDB::Table",
      Properties: {
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      },
    },
  };
};

const isMain = process.argv[1]?.endsWith("generate-template.ts");
if (isMain) {
  const count = Number(process.argv[2] ?? 10_000);
  const out = process.argv[3] ?? "bench/out/large-template.json";
  const template = generateTemplate(count);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(template, null, 1));
  console.log(`wrote ${Object.keys(template.Resources as object).length} resources to ${out}`);
}
