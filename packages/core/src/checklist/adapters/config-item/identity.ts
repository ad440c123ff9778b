import type { Resource } from "../../model/resource";
import { MANAGED_POLICY } from "./mappers/iam";

/** How AWS Config names a resource: its evaluations are keyed by this type and id. */
export interface ConfigResourceKey {
  readonly resourceType: string;
  readonly resourceId: string;
}

/** Config ids of EC2 resources are their physical ids; found among the aliases by prefix. */
const EC2_PREFIXES: Readonly<Record<string, string>> = {
  "AWS::EC2::SecurityGroup": "sg-",
  "AWS::EC2::Subnet": "subnet-",
  "AWS::EC2::VPC": "vpc-",
  "AWS::EC2::RouteTable": "rtb-",
  "AWS::EC2::FlowLog": "fl-",
  "AWS::EC2::InternetGateway": "igw-",
  "AWS::EC2::NatGateway": "nat-",
};

/** Where the Config id is a name-like property of the canonical resource. */
const ID_PROPERTIES: Readonly<Record<string, string>> = {
  "AWS::DynamoDB::Table": "TableName",
  "AWS::Logs::LogGroup": "LogGroupName",
  "AWS::ECR::Repository": "RepositoryName",
  "AWS::Lambda::Function": "FunctionName",
  "AWS::SQS::Queue": "QueueUrl",
};

/** Canonical types that Config records under another name. */
const CONFIG_TYPES: Readonly<Record<string, string>> = { [MANAGED_POLICY]: "AWS::IAM::Policy" };

const aliasWith = (resource: Resource, test: (alias: string) => boolean): string | undefined =>
  [resource.id, ...resource.aliases].find(test);

/**
 * The Config key of a canonical resource, for resources that did not come from a configuration
 * item (scheduled runs evaluate what the live collectors found). Config identifies EC2 resources by
 * physical id, tables, log groups, repositories and functions by name, queues by URL, IAM roles and
 * policies by their unique ids (AROA…/ANPA…, falling back to the name when the source did not read
 * it), task definitions by family (as the sample items show: resourceId "testtaskdef", resourceName
 * "testtaskdef:1"), and ECS services and load-balancing resources by ARN.
 */
export const configResourceKeyOf = (resource: Resource): ConfigResourceKey => {
  const resourceType = CONFIG_TYPES[resource.type] ?? resource.type;
  return { resourceType, resourceId: configResourceIdOf(resource) };
};

const configResourceIdOf = (resource: Resource): string => {
  const prefix = EC2_PREFIXES[resource.type];
  if (prefix)
    return (
      aliasWith(resource, (a) => a.startsWith(prefix)) ??
      aliasWith(resource, (a) => !a.startsWith("arn:")) ??
      resource.id
    );
  const property = ID_PROPERTIES[resource.type];
  if (property) {
    const value = resource.properties[property];
    if (typeof value === "string" && value) return value;
    if (resource.type === "AWS::SQS::Queue") return aliasWith(resource, (a) => a.startsWith("https://")) ?? resource.id;
    return aliasWith(resource, (a) => !a.startsWith("arn:")) ?? resource.id;
  }
  if (resource.type === "AWS::ECS::TaskDefinition") return taskDefinitionFamily(resource);
  if (resource.type === "AWS::IAM::Role")
    return aliasWith(resource, (a) => a.startsWith("AROA")) ?? stringProperty(resource, "RoleName") ?? resource.id;
  if (resource.type === MANAGED_POLICY)
    return (
      aliasWith(resource, (a) => a.startsWith("ANPA")) ?? stringProperty(resource, "ManagedPolicyName") ?? resource.id
    );
  return aliasWith(resource, (a) => a.startsWith("arn:")) ?? resource.id;
};

const stringProperty = (resource: Resource, key: string): string | undefined => {
  const value = resource.properties[key];
  return typeof value === "string" && value ? value : undefined;
};

/** "arn:aws:ecs:…:task-definition/api:7" → "api". */
const taskDefinitionFamily = (resource: Resource): string => {
  const family = stringProperty(resource, "Family");
  if (family) return family;
  const arn = aliasWith(resource, (a) => a.includes(":task-definition/"));
  return arn ? arn.slice(arn.lastIndexOf("/") + 1).replace(/:\d+$/, "") : resource.id;
};
