import type { Resource } from "../../model/resource";
import { type ConfigurationItem, isGone } from "./item";
import { ecrRepository } from "./mappers/ecr";
import { ecsService, ecsTaskDefinition } from "./mappers/ecs";
import { elbv2Listener, elbv2LoadBalancer } from "./mappers/elbv2";
import { dynamodbTable } from "./mappers/dynamodb";
import { flowLog } from "./mappers/flow-log";
import { iamManagedPolicy, iamRole } from "./mappers/iam";
import { lambdaFunction } from "./mappers/lambda";
import { logGroup } from "./mappers/logs";
import { securityGroup } from "./mappers/security-group";
import { sqsQueue } from "./mappers/sqs";
import { internetGateway, natGateway, routeTable, subnet, vpc } from "./mappers/vpc";
import { configurationOf, identity, type ItemMapper, pascalKeys } from "./support";

/** One mapper per Config resource type whose item is not already in the canonical shape, or needs aliases. */
export const ITEM_MAPPERS: Readonly<Record<string, ItemMapper>> = {
  "AWS::ECS::Service": ecsService,
  "AWS::ECS::TaskDefinition": ecsTaskDefinition,
  "AWS::ECR::Repository": ecrRepository,
  "AWS::ElasticLoadBalancingV2::Listener": elbv2Listener,
  "AWS::ElasticLoadBalancingV2::LoadBalancer": elbv2LoadBalancer,
  "AWS::SQS::Queue": sqsQueue,
  "AWS::Logs::LogGroup": logGroup,
  "AWS::EC2::SecurityGroup": securityGroup,
  "AWS::EC2::VPC": vpc,
  "AWS::EC2::Subnet": subnet,
  "AWS::EC2::RouteTable": routeTable,
  "AWS::EC2::InternetGateway": internetGateway,
  "AWS::EC2::NatGateway": natGateway,
  "AWS::EC2::FlowLog": flowLog,
  "AWS::DynamoDB::Table": dynamodbTable,
  "AWS::IAM::Role": iamRole,
  "AWS::IAM::Policy": iamManagedPolicy,
  "AWS::Lambda::Function": lambdaFunction,
};

export class UnmappableItemError extends Error {
  override readonly name = "UnmappableItemError";
}

/**
 * The canonical resource of a configuration item. Types without a mapper pass through when
 * their configuration is already PascalCase (the newer, CloudFormation-schema types) and get their
 * keys converted otherwise. An item of a deleted or unrecorded resource has no configuration to
 * map: that is an error here, the evaluator answers NOT_APPLICABLE before calling this.
 */
export const resourceFromConfigItem = (item: ConfigurationItem): Resource => {
  if (isGone(item) || item.configuration === null)
    throw new UnmappableItemError(
      `${item.resourceType} ${item.resourceId} has no configuration (status ${item.configurationItemStatus})`,
    );
  const mapper = ITEM_MAPPERS[item.resourceType] ?? passThrough;
  return mapper(item);
};

const passThrough: ItemMapper = (item) => {
  const configuration = configurationOf(item);
  const camel = Object.keys(configuration).some((key) => /^[a-z]/.test(key));
  const properties = camel ? (pascalKeys(configuration) as Record<string, unknown>) : { ...configuration };
  return { ...identity(item), properties };
};
