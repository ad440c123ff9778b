import type { Environment } from "./environment";

/** What a resource is called once deployed, as far as a template can tell. */
export interface PhysicalIdentity {
  /** The value of `Ref` on the resource. */
  readonly ref: unknown;
  /** Values of `Fn::GetAtt` attributes this adapter knows for the type. */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** The resource's own identifiers (not values copied from other resources), for Inventory.lookup. */
  readonly aliases: readonly string[];
}

export interface IdentityInput {
  readonly resourceId: string;
  /** The physical name CloudFormation would generate when the type's name property is not set. */
  readonly generatedName: string;
  /** Resolved properties. */
  readonly properties: Record<string, unknown>;
  readonly env: Environment;
}

type IdentityBuilder = (input: IdentityInput) => PhysicalIdentity;

/** The name property when it is set to a resolved string, else CloudFormation's generated name. */
const nameOf = (input: IdentityInput, property: string, transform: (name: string) => string = (n) => n): string => {
  const value = input.properties[property];
  return typeof value === "string" && value !== "" ? value : transform(input.generatedName);
};

const identity = (ref: unknown, attributes: Record<string, unknown>, ...aliases: string[]): PhysicalIdentity => ({
  ref,
  attributes,
  aliases,
});

/** Deterministic 16-hex-digit suffix standing in for the random part of load balancer ARNs. */
const hashOf = (text: string): string => {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ text.charCodeAt(i), 0x811c9dc5) >>> 0;
  }
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
};

/** EC2 ids: a type prefix plus the lowercased logical name, e.g. sg-apisecuritygroup. */
const ec2Id =
  (prefix: string, idAttribute: string, passthrough: string[] = []): IdentityBuilder =>
  (input) => {
    const id = `${prefix}-${input.generatedName.toLowerCase()}`;
    const attributes: Record<string, unknown> = { [idAttribute]: id };
    for (const property of passthrough) attributes[property] = input.properties[property];
    return identity(id, attributes, id);
  };

const arn = (
  env: Environment,
  service: string,
  resource: string,
  region = env.region,
  account = env.accountId,
): string => `arn:${env.partition}:${service}:${region}:${account}:${resource}`;

const elbPrefix = (type: unknown): string => (type === "network" ? "net" : type === "gateway" ? "gwy" : "app");

/** "app/name/hash" from a load balancer ARN, when the value is one. */
const loadBalancerPath = (value: unknown): string | undefined =>
  typeof value === "string" ? /:loadbalancer\/(.+)$/.exec(value)?.[1] : undefined;

/** "app/name/id/listener-id" from a listener ARN, when the value is one. */
const listenerPath = (value: unknown): string | undefined =>
  typeof value === "string" ? /:listener\/(.+)$/.exec(value)?.[1] : undefined;

/**
 * The cluster segment of a service ARN. A cluster unknown before deploy (imported, a parameter
 * without a default) still gets a segment: ARNs are split by position (Copilot's
 * `!Select [2, !Split ["/", !Ref Service]]` is the service name), so a segment too few would make
 * a valid template fail.
 */
const clusterNameOf = (value: unknown, generatedName: string): string => {
  if (value === undefined) return "default";
  if (typeof value !== "string") return `cluster-of-${generatedName}`;
  return value.startsWith("arn:") ? value.slice(value.indexOf(":cluster/") + 9) : value;
};

/** IAM paths begin and end with "/" ("/" alone by default). */
const iamPathOf = (value: unknown): string => (typeof value === "string" && value.startsWith("/") ? value : "/");

const BUILDERS: Record<string, IdentityBuilder> = {
  "AWS::SQS::Queue": (input) => {
    const fifo = input.properties.FifoQueue === true || input.properties.FifoQueue === "true";
    const name = nameOf(input, "QueueName", (n) => (fifo ? `${n}.fifo` : n));
    const { env } = input;
    const url = `https://sqs.${env.region}.${env.urlSuffix}/${env.accountId}/${name}`;
    const queueArn = arn(env, "sqs", name);
    return identity(url, { Arn: queueArn, QueueName: name, QueueUrl: url }, url, queueArn, name);
  },
  "AWS::SNS::Topic": (input) => {
    const name = nameOf(input, "TopicName");
    const topicArn = arn(input.env, "sns", name);
    return identity(topicArn, { TopicArn: topicArn, TopicName: name }, topicArn, name);
  },
  "AWS::EC2::SecurityGroup": ec2Id("sg", "GroupId", ["VpcId"]),
  "AWS::EC2::Subnet": ec2Id("subnet", "SubnetId", ["AvailabilityZone", "VpcId", "CidrBlock"]),
  "AWS::EC2::VPC": (input) => {
    const id = `vpc-${input.generatedName.toLowerCase()}`;
    return identity(id, { VpcId: id, CidrBlock: input.properties.CidrBlock }, id);
  },
  "AWS::EC2::RouteTable": ec2Id("rtb", "RouteTableId"),
  "AWS::EC2::InternetGateway": ec2Id("igw", "InternetGatewayId"),
  "AWS::EC2::NatGateway": ec2Id("nat", "NatGatewayId"),
  "AWS::EC2::EIP": ec2Id("eipalloc", "AllocationId"),
  "AWS::EC2::VPCEndpoint": ec2Id("vpce", "Id"),
  "AWS::EC2::FlowLog": ec2Id("fl", "Id"),
  "AWS::EC2::NetworkAcl": ec2Id("acl", "Id"),
  "AWS::EC2::LaunchTemplate": ec2Id("lt", "LaunchTemplateId"),
  "AWS::ECS::TaskDefinition": (input) => {
    const family = nameOf(input, "Family");
    const taskArn = arn(input.env, "ecs", `task-definition/${family}:1`);
    return identity(taskArn, { TaskDefinitionArn: taskArn }, taskArn);
  },
  "AWS::ECS::Cluster": (input) => {
    const name = nameOf(input, "ClusterName");
    const clusterArn = arn(input.env, "ecs", `cluster/${name}`);
    return identity(name, { Arn: clusterArn }, name, clusterArn);
  },
  "AWS::ECS::Service": (input) => {
    const name = nameOf(input, "ServiceName");
    const cluster = clusterNameOf(input.properties.Cluster, input.generatedName);
    const serviceArn = arn(input.env, "ecs", `service/${cluster}/${name}`);
    return identity(serviceArn, { Name: name, ServiceArn: serviceArn }, serviceArn, name);
  },
  "AWS::IAM::Role": (input) => {
    const name = nameOf(input, "RoleName");
    const roleArn = `arn:${input.env.partition}:iam::${input.env.accountId}:role${iamPathOf(input.properties.Path)}${name}`;
    return identity(name, { Arn: roleArn }, name, roleArn);
  },
  "AWS::IAM::ManagedPolicy": (input) => {
    const policyArn = `arn:${input.env.partition}:iam::${input.env.accountId}:policy${iamPathOf(input.properties.Path)}${nameOf(input, "ManagedPolicyName")}`;
    return identity(policyArn, { PolicyArn: policyArn }, policyArn);
  },
  "AWS::IAM::InstanceProfile": (input) => {
    const name = nameOf(input, "InstanceProfileName");
    const profileArn = `arn:${input.env.partition}:iam::${input.env.accountId}:instance-profile${iamPathOf(input.properties.Path)}${name}`;
    return identity(name, { Arn: profileArn }, name, profileArn);
  },
  "AWS::Logs::LogGroup": (input) => {
    const name = nameOf(input, "LogGroupName");
    const groupArn = arn(input.env, "logs", `log-group:${name}`);
    return identity(name, { Arn: `${groupArn}:*` }, name, `${groupArn}:*`, groupArn);
  },
  "AWS::ECR::Repository": (input) => {
    const name = nameOf(input, "RepositoryName", (n) => n.toLowerCase());
    const { env } = input;
    const uri = `${env.accountId}.dkr.ecr.${env.region}.${env.urlSuffix}/${name}`;
    const repositoryArn = arn(env, "ecr", `repository/${name}`);
    return identity(name, { Arn: repositoryArn, RepositoryUri: uri }, name, repositoryArn, uri);
  },
  "AWS::DynamoDB::Table": (input) => {
    const name = nameOf(input, "TableName");
    const tableArn = arn(input.env, "dynamodb", `table/${name}`);
    return identity(name, { Arn: tableArn, StreamArn: `${tableArn}/stream/1970-01-01T00:00:00.000` }, name, tableArn);
  },
  "AWS::ElasticLoadBalancingV2::LoadBalancer": (input) => {
    const name = nameOf(input, "Name");
    const hash = hashOf(input.resourceId);
    const fullName = `${elbPrefix(input.properties.Type)}/${name}/${hash}`;
    const lbArn = arn(input.env, "elasticloadbalancing", `loadbalancer/${fullName}`);
    const dnsName = `${name}-${hash.slice(0, 8)}.${input.env.region}.elb.${input.env.urlSuffix}`;
    const attributes = {
      LoadBalancerArn: lbArn,
      LoadBalancerName: name,
      LoadBalancerFullName: fullName,
      DNSName: dnsName,
      SecurityGroups: input.properties.SecurityGroups,
    };
    return identity(lbArn, attributes, lbArn, dnsName);
  },
  "AWS::ElasticLoadBalancingV2::TargetGroup": (input) => {
    const name = nameOf(input, "Name");
    const fullName = `targetgroup/${name}/${hashOf(input.resourceId)}`;
    const groupArn = arn(input.env, "elasticloadbalancing", fullName);
    const attributes = { TargetGroupArn: groupArn, TargetGroupName: name, TargetGroupFullName: fullName };
    return identity(groupArn, attributes, groupArn);
  },
  "AWS::ElasticLoadBalancingV2::Listener": (input) => {
    const balancer =
      loadBalancerPath(input.properties.LoadBalancerArn) ??
      `app/${input.generatedName}/${hashOf(`${input.resourceId}/LoadBalancer`)}`;
    const listenerArn = arn(input.env, "elasticloadbalancing", `listener/${balancer}/${hashOf(input.resourceId)}`);
    return identity(listenerArn, { ListenerArn: listenerArn }, listenerArn);
  },
  "AWS::ElasticLoadBalancingV2::ListenerRule": (input) => {
    const listener =
      listenerPath(input.properties.ListenerArn) ??
      `app/${input.generatedName}/${hashOf(`${input.resourceId}/LoadBalancer`)}/${hashOf(`${input.resourceId}/Listener`)}`;
    const ruleArn = arn(input.env, "elasticloadbalancing", `listener-rule/${listener}/${hashOf(input.resourceId)}`);
    return identity(ruleArn, { RuleArn: ruleArn }, ruleArn);
  },
  "AWS::SecretsManager::Secret": (input) => {
    const partialArn = arn(input.env, "secretsmanager", `secret:${nameOf(input, "Name")}`);
    const secretArn = `${partialArn}-AbCdEf`;
    return identity(secretArn, { Id: secretArn }, secretArn, partialArn);
  },
  "AWS::Lambda::Function": (input) => {
    const name = nameOf(input, "FunctionName");
    const functionArn = arn(input.env, "lambda", `function:${name}`);
    return identity(name, { Arn: functionArn }, name, functionArn);
  },
  "AWS::S3::Bucket": (input) => {
    const name = nameOf(input, "BucketName", (n) => n.toLowerCase());
    const bucketArn = `arn:${input.env.partition}:s3:::${name}`;
    return identity(name, { Arn: bucketArn, DomainName: `${name}.s3.${input.env.urlSuffix}` }, name, bucketArn);
  },
  "AWS::CloudWatch::Alarm": (input) => {
    const name = nameOf(input, "AlarmName");
    const alarmArn = arn(input.env, "cloudwatch", `alarm:${name}`);
    return identity(name, { Arn: alarmArn }, name, alarmArn);
  },
  "AWS::Events::Rule": (input) => {
    const name = nameOf(input, "Name");
    // Rules on a custom bus have the bus in their ARN; EventBusName may be the bus's name or ARN.
    const bus = input.properties.EventBusName;
    const busName =
      bus === undefined || bus === "default"
        ? undefined
        : typeof bus === "string"
          ? bus.slice(bus.lastIndexOf("/") + 1)
          : `bus-of-${input.generatedName}`;
    const ruleArn = arn(input.env, "events", busName ? `rule/${busName}/${name}` : `rule/${name}`);
    return identity(ruleArn, { Arn: ruleArn }, ruleArn, name);
  },
  "AWS::SSM::Parameter": (input) => {
    const name = nameOf(input, "Name");
    return identity(name, { Type: input.properties.Type, Value: input.properties.Value }, name);
  },
};

/** Types without a builder: Ref is the resource id, attributes fall back to "<id>.<Attribute>". */
const generic: IdentityBuilder = (input) => identity(input.resourceId, {});

export const physicalIdentity = (type: string, input: IdentityInput): PhysicalIdentity =>
  (BUILDERS[type] ?? generic)(input);

/** The stand-in value for an attribute this adapter has no model of. */
export const fallbackAttribute = (resourceId: string, attribute: string): string => `${resourceId}.${attribute}`;
