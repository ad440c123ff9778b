import { DeleteAlarmsCommand, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { DeleteLogGroupCommand, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DeleteTableCommand, DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import {
  DeleteFlowLogsCommand,
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAddressesCommand,
  DescribeFlowLogsCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  ReleaseAddressCommand,
} from "@aws-sdk/client-ec2";
import { DeleteRepositoryCommand, DescribeRepositoriesCommand } from "@aws-sdk/client-ecr";
import {
  DeleteClusterCommand,
  DeleteServiceCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import {
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from "@aws-sdk/client-iam";
import { DeleteQueueCommand, GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import type { PlatformClients } from "../clients";
import { isNotFound } from "../errors";

/** How to tell whether a resource of one CloudFormation type still exists, and how to delete it. */
export interface ResourceKind {
  exists(clients: PlatformClients, physicalId: string): Promise<boolean>;
  remove(clients: PlatformClients, physicalId: string): Promise<void>;
}

/** Runs a describe call; "not found" errors mean the resource is gone. */
const present = async (describe: () => Promise<boolean>): Promise<boolean> => {
  try {
    return await describe();
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
};

const ignoreNotFound = async (remove: () => Promise<unknown>): Promise<void> => {
  try {
    await remove();
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
};

const clusterOfServiceArn = (arn: string): string => arn.split("/").slice(-2, -1)[0] ?? "default";

/** Deletion order: each kind after everything that depends on it. */
export const DELETION_ORDER = [
  "AWS::CloudWatch::Alarm",
  "AWS::ECS::Service",
  "AWS::ECS::Cluster",
  "AWS::ElasticLoadBalancingV2::Listener",
  "AWS::ElasticLoadBalancingV2::LoadBalancer",
  "AWS::ElasticLoadBalancingV2::TargetGroup",
  "AWS::EC2::FlowLog",
  "AWS::EC2::NatGateway",
  "AWS::EC2::EIP",
  "AWS::EC2::Route",
  "AWS::EC2::RouteTable",
  "AWS::EC2::VPCGatewayAttachment",
  "AWS::EC2::InternetGateway",
  "AWS::EC2::Subnet",
  "AWS::EC2::SecurityGroup",
  "AWS::EC2::VPC",
  "AWS::ECR::Repository",
  "AWS::SQS::Queue",
  "AWS::DynamoDB::Table",
  "AWS::Logs::LogGroup",
  "AWS::IAM::Role",
] as const;

export const RESOURCE_KINDS: Record<(typeof DELETION_ORDER)[number], ResourceKind> = {
  "AWS::CloudWatch::Alarm": {
    exists: (c, name) =>
      present(
        async () =>
          ((await c.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms ?? []).length > 0,
      ),
    remove: (c, name) => ignoreNotFound(() => c.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [name] }))),
  },
  "AWS::ECS::Service": {
    exists: (c, arn) =>
      present(async () => {
        const { services } = await c.ecs.send(
          new DescribeServicesCommand({ cluster: clusterOfServiceArn(arn), services: [arn] }),
        );
        return (services ?? []).some((s) => s.status !== "INACTIVE");
      }),
    remove: async (c, arn) => {
      const cluster = clusterOfServiceArn(arn);
      await ignoreNotFound(() => c.ecs.send(new UpdateServiceCommand({ cluster, service: arn, desiredCount: 0 })));
      await ignoreNotFound(() => c.ecs.send(new DeleteServiceCommand({ cluster, service: arn, force: true })));
    },
  },
  "AWS::ECS::Cluster": {
    exists: (c, name) =>
      present(async () =>
        ((await c.ecs.send(new DescribeClustersCommand({ clusters: [name] }))).clusters ?? []).some(
          (k) => k.status === "ACTIVE",
        ),
      ),
    remove: (c, name) => ignoreNotFound(() => c.ecs.send(new DeleteClusterCommand({ cluster: name }))),
  },
  "AWS::ElasticLoadBalancingV2::Listener": {
    exists: (c, arn) =>
      present(
        async () =>
          ((await c.elbv2.send(new DescribeListenersCommand({ ListenerArns: [arn] }))).Listeners ?? []).length > 0,
      ),
    remove: (c, arn) => ignoreNotFound(() => c.elbv2.send(new DeleteListenerCommand({ ListenerArn: arn }))),
  },
  "AWS::ElasticLoadBalancingV2::LoadBalancer": {
    exists: (c, arn) =>
      present(
        async () =>
          ((await c.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }))).LoadBalancers ?? [])
            .length > 0,
      ),
    remove: (c, arn) => ignoreNotFound(() => c.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }))),
  },
  "AWS::ElasticLoadBalancingV2::TargetGroup": {
    exists: (c, arn) =>
      present(
        async () =>
          ((await c.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] }))).TargetGroups ?? [])
            .length > 0,
      ),
    remove: (c, arn) => ignoreNotFound(() => c.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn }))),
  },
  "AWS::EC2::FlowLog": {
    exists: (c, id) =>
      present(
        async () => ((await c.ec2.send(new DescribeFlowLogsCommand({ FlowLogIds: [id] }))).FlowLogs ?? []).length > 0,
      ),
    remove: (c, id) => ignoreNotFound(() => c.ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [id] }))),
  },
  "AWS::EC2::NatGateway": {
    exists: (c, id) =>
      present(async () =>
        ((await c.ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [id] }))).NatGateways ?? []).some(
          (n) => n.State !== "deleted" && n.State !== "deleting",
        ),
      ),
    remove: (c, id) => ignoreNotFound(() => c.ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: id }))),
  },
  "AWS::EC2::EIP": {
    // CloudFormation's physical id of an EIP is its public IP.
    exists: (c, ip) =>
      present(
        async () => ((await c.ec2.send(new DescribeAddressesCommand({ PublicIps: [ip] }))).Addresses ?? []).length > 0,
      ),
    remove: async (c, ip) => {
      const { Addresses } = await c.ec2.send(new DescribeAddressesCommand({ PublicIps: [ip] }));
      for (const address of Addresses ?? [])
        await ignoreNotFound(() => c.ec2.send(new ReleaseAddressCommand({ AllocationId: address.AllocationId })));
    },
  },
  "AWS::EC2::Route": {
    // Physical id "rtb-…~0.0.0.0/0" (moto) or "rtb-…|0.0.0.0/0" (CloudFormation).
    exists: (c, id) => {
      const [table, cidr] = id.split(/[~|]/);
      return present(async () =>
        ((await c.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [table] }))).RouteTables ?? []).some((t) =>
          (t.Routes ?? []).some((r) => r.DestinationCidrBlock === cidr),
        ),
      );
    },
    remove: (c, id) => {
      const [table, cidr] = id.split(/[~|]/);
      return ignoreNotFound(() =>
        c.ec2.send(new DeleteRouteCommand({ RouteTableId: table, DestinationCidrBlock: cidr })),
      );
    },
  },
  "AWS::EC2::RouteTable": {
    exists: (c, id) =>
      present(
        async () =>
          ((await c.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [id] }))).RouteTables ?? []).length > 0,
      ),
    remove: (c, id) => ignoreNotFound(() => c.ec2.send(new DeleteRouteTableCommand({ RouteTableId: id }))),
  },
  "AWS::EC2::VPCGatewayAttachment": {
    // Physical id is the VPC id; the attachment exists while an internet gateway is attached to it.
    exists: (c, vpc) =>
      present(
        async () =>
          (
            (
              await c.ec2.send(
                new DescribeInternetGatewaysCommand({ Filters: [{ Name: "attachment.vpc-id", Values: [vpc] }] }),
              )
            ).InternetGateways ?? []
          ).length > 0,
      ),
    remove: async (c, vpc) => {
      const { InternetGateways } = await c.ec2.send(
        new DescribeInternetGatewaysCommand({ Filters: [{ Name: "attachment.vpc-id", Values: [vpc] }] }),
      );
      for (const gateway of InternetGateways ?? [])
        await ignoreNotFound(() =>
          c.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gateway.InternetGatewayId, VpcId: vpc })),
        );
    },
  },
  "AWS::EC2::InternetGateway": {
    exists: (c, id) =>
      present(
        async () =>
          ((await c.ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [id] }))).InternetGateways ?? [])
            .length > 0,
      ),
    remove: (c, id) => ignoreNotFound(() => c.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: id }))),
  },
  "AWS::EC2::Subnet": {
    exists: (c, id) =>
      present(
        async () => ((await c.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [id] }))).Subnets ?? []).length > 0,
      ),
    remove: (c, id) => ignoreNotFound(() => c.ec2.send(new DeleteSubnetCommand({ SubnetId: id }))),
  },
  "AWS::EC2::SecurityGroup": {
    exists: (c, id) =>
      present(
        async () =>
          ((await c.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [id] }))).SecurityGroups ?? []).length > 0,
      ),
    remove: (c, id) => ignoreNotFound(() => c.ec2.send(new DeleteSecurityGroupCommand({ GroupId: id }))),
  },
  "AWS::EC2::VPC": {
    exists: (c, id) =>
      present(async () => ((await c.ec2.send(new DescribeVpcsCommand({ VpcIds: [id] }))).Vpcs ?? []).length > 0),
    remove: (c, id) => ignoreNotFound(() => c.ec2.send(new DeleteVpcCommand({ VpcId: id }))),
  },
  "AWS::ECR::Repository": {
    exists: (c, name) =>
      present(
        async () =>
          ((await c.ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }))).repositories ?? []).length >
          0,
      ),
    remove: (c, name) =>
      ignoreNotFound(() => c.ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true }))),
  },
  "AWS::SQS::Queue": {
    exists: (c, url) =>
      present(async () =>
        Boolean(
          (await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }))).Attributes,
        ),
      ),
    remove: (c, url) => ignoreNotFound(() => c.sqs.send(new DeleteQueueCommand({ QueueUrl: url }))),
  },
  "AWS::DynamoDB::Table": {
    exists: (c, name) =>
      present(async () => Boolean((await c.dynamodb.send(new DescribeTableCommand({ TableName: name }))).Table)),
    remove: (c, name) => ignoreNotFound(() => c.dynamodb.send(new DeleteTableCommand({ TableName: name }))),
  },
  "AWS::Logs::LogGroup": {
    exists: (c, name) =>
      present(async () =>
        ((await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups ?? []).some(
          (g) => g.logGroupName === name,
        ),
      ),
    remove: (c, name) => ignoreNotFound(() => c.logs.send(new DeleteLogGroupCommand({ logGroupName: name }))),
  },
  "AWS::IAM::Role": {
    exists: (c, name) => present(async () => Boolean((await c.iam.send(new GetRoleCommand({ RoleName: name }))).Role)),
    remove: async (c, name) => {
      const inline = await c.iam
        .send(new ListRolePoliciesCommand({ RoleName: name }))
        .catch(() => ({ PolicyNames: [] }));
      for (const policy of inline.PolicyNames ?? [])
        await ignoreNotFound(() => c.iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: policy })));
      const attached = await c.iam
        .send(new ListAttachedRolePoliciesCommand({ RoleName: name }))
        .catch(() => ({ AttachedPolicies: [] }));
      for (const policy of attached.AttachedPolicies ?? [])
        await ignoreNotFound(() =>
          c.iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: policy.PolicyArn })),
        );
      await ignoreNotFound(() => c.iam.send(new DeleteRoleCommand({ RoleName: name })));
    },
  },
};
