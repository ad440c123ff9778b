import { describe, expect, it } from "vitest";
import { configResourceKeyOf } from "@readiness/core/checklist/adapters/config-item/identity";
import { parseConfigurationItem } from "@readiness/core/checklist/adapters/config-item/item";
import { resourceFromConfigItem, UnmappableItemError } from "@readiness/core/checklist/adapters/config-item/resource";
import { isUnknown } from "@readiness/core/checklist/model/value";
import { historyItemOf, itemOf, SAMPLE_TYPES, type SampleType, sampleItem } from "../fixtures/config-events/items";

const resourceOf = (type: SampleType, changes: Parameters<typeof itemOf>[1] = {}) =>
  resourceFromConfigItem(parseConfigurationItem(itemOf(type, changes)));

describe("Config item adapter", () => {
  it("maps every sample item to a resource whose Config key is the item's own", () => {
    for (const type of SAMPLE_TYPES) {
      const raw = sampleItem(type);
      const resource = resourceFromConfigItem(parseConfigurationItem(raw));
      const expectedType = type === "AWS::IAM::Policy" ? "AWS::IAM::ManagedPolicy" : type;
      expect(resource.type, type).toBe(expectedType);
      expect(resource.id, type).toBe(raw.ARN ?? raw.arn);
      expect([resource.id, ...resource.aliases], type).toContain(raw.resourceId);
      expect(configResourceKeyOf(resource), type).toEqual({ resourceType: type, resourceId: raw.resourceId });
    }
  });

  it("security group: ipPermissions become one CloudFormation ingress rule per source", () => {
    const group = resourceOf("AWS::EC2::SecurityGroup", {
      configuration: {
        ipPermissions: [
          {
            ipProtocol: "tcp",
            fromPort: 22,
            toPort: 22,
            ipRanges: ["0.0.0.0/0"],
            userIdGroupPairs: [],
            prefixListIds: [],
          },
          {
            ipProtocol: "tcp",
            fromPort: 8080,
            toPort: 8080,
            ipv4Ranges: [{ cidrIp: "10.0.0.0/16" }],
            ipv6Ranges: [{ cidrIpv6: "::/0" }],
            userIdGroupPairs: [{ groupId: "sg-alb", userId: "264683526309" }],
            prefixListIds: [{ prefixListId: "pl-123" }],
          },
        ],
      },
    });
    expect(group.properties.SecurityGroupIngress).toEqual([
      { IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: "0.0.0.0/0" },
      { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, CidrIp: "10.0.0.0/16" },
      { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, CidrIpv6: "::/0" },
      { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, SourcePrefixListId: "pl-123" },
      {
        IpProtocol: "tcp",
        FromPort: 8080,
        ToPort: 8080,
        SourceSecurityGroupId: "sg-alb",
        SourceSecurityGroupOwnerId: "264683526309",
      },
    ]);
    expect(group.properties.SecurityGroupEgress).toEqual([{ IpProtocol: "-1", CidrIp: "0.0.0.0/0" }]);
    expect(group.properties.VpcId).toBe("vpc-0990dc6d");
    expect(group.aliases).toContain("sg-1d56fc66");
  });

  it("subnet and VPC: camelCase to CloudFormation properties", () => {
    expect(resourceOf("AWS::EC2::Subnet").properties).toMatchObject({
      SubnetId: "subnet-29428871",
      VpcId: "vpc-0990dc6d",
      AvailabilityZone: "us-east-1a",
      CidrBlock: "172.31.16.0/20",
      MapPublicIpOnLaunch: true,
    });
    expect(resourceOf("AWS::EC2::VPC").properties).toMatchObject({ CidrBlock: "172.31.0.0/16", IsDefault: true });
  });

  it("route table: routes and associations inline, in the DescribeRouteTables PascalCase shape", () => {
    const table = resourceOf("AWS::EC2::RouteTable", {
      configuration: {
        associations: [
          { routeTableAssociationId: "rtbassoc-82f661e5", routeTableId: "rtb-50b9b034", main: true },
          {
            routeTableAssociationId: "rtbassoc-1",
            routeTableId: "rtb-50b9b034",
            subnetId: "subnet-29428871",
            main: false,
          },
        ],
      },
    });
    expect(table.properties.Routes).toEqual([
      { DestinationCidrBlock: "172.31.0.0/16", GatewayId: "local", State: "active", Origin: "CreateRouteTable" },
      { DestinationCidrBlock: "0.0.0.0/0", GatewayId: "igw-a5f227c1", State: "active", Origin: "CreateRoute" },
    ]);
    expect(table.properties.Associations).toEqual([
      { RouteTableAssociationId: "rtbassoc-82f661e5", RouteTableId: "rtb-50b9b034", Main: true },
      { RouteTableAssociationId: "rtbassoc-1", RouteTableId: "rtb-50b9b034", SubnetId: "subnet-29428871", Main: false },
    ]);
  });

  it("flow log: the captured resource's type follows from its id; the status is observed", () => {
    const flowLog = resourceOf("AWS::EC2::FlowLog", { configuration: { resourceId: "vpc-0990dc6d" } });
    expect(flowLog.properties).toMatchObject({ ResourceId: "vpc-0990dc6d", ResourceType: "VPC", TrafficType: "ALL" });
    expect(flowLog.observed).toEqual({ flowLogStatus: "ACTIVE" });
  });

  it("DynamoDB table: billing mode from billingModeSummary; on-demand drops the zero throughput", () => {
    const onDemand = resourceOf("AWS::DynamoDB::Table");
    expect(onDemand.properties).toMatchObject({ TableName: "test", BillingMode: "PAY_PER_REQUEST" });
    expect(onDemand.properties.ProvisionedThroughput).toBeUndefined();
    expect(onDemand.properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: false });
    const provisioned = resourceOf("AWS::DynamoDB::Table", {
      configuration: {
        billingModeSummary: undefined,
        provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 },
        globalSecondaryIndexes: [
          {
            indexName: "byStatus",
            keySchema: [{ attributeName: "status", keyType: "HASH" }],
            projection: { projectionType: "ALL" },
            provisionedThroughput: { readCapacityUnits: 2, writeCapacityUnits: 3 },
          },
        ],
      },
    });
    expect(provisioned.properties).toMatchObject({
      BillingMode: "PROVISIONED",
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      GlobalSecondaryIndexes: [
        {
          IndexName: "byStatus",
          KeySchema: [{ AttributeName: "status", KeyType: "HASH" }],
          Projection: { ProjectionType: "ALL" },
          ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 },
        },
      ],
    });
  });

  it("IAM role: URL-encoded inline policy documents are decoded; managed policies become ARNs", () => {
    const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: "*" }] };
    const role = resourceOf("AWS::IAM::Role", {
      configuration: {
        rolePolicyList: [{ policyName: "queue", policyDocument: encodeURIComponent(JSON.stringify(document)) }],
        assumeRolePolicyDocument: encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [] })),
      },
    });
    expect(role.properties.Policies).toEqual([{ PolicyName: "queue", PolicyDocument: document }]);
    expect(role.properties.AssumeRolePolicyDocument).toEqual({ Version: "2012-10-17", Statement: [] });
    expect(role.properties.ManagedPolicyArns).toEqual([
      "arn:aws:iam::264683526309:policy/ELB-policy",
      "arn:aws:iam::264683526309:policy/service-role/config-role-ezcrc2-AWSConfigDeliveryPermissions-us-west-2",
      "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole",
    ]);
    expect(role.aliases).toEqual(expect.arrayContaining(["config-role-ezcrc2", "AROAIY7FPU7KRV7IZBNPC"]));
  });

  it("IAM role: an undecodable policy document is unknown, never silently empty", () => {
    const role = resourceOf("AWS::IAM::Role", {
      configuration: { rolePolicyList: [{ policyName: "bad", policyDocument: "%7Bnot json" }] },
    });
    const [policy] = role.properties.Policies as { PolicyDocument: unknown }[];
    expect(isUnknown(policy!.PolicyDocument)).toBe(true);
  });

  it("IAM policy: the default version's document (object, list-wrapped or URL-encoded) on a ManagedPolicy", () => {
    const policy = resourceOf("AWS::IAM::Policy");
    expect(policy.type).toBe("AWS::IAM::ManagedPolicy");
    expect(policy.properties.PolicyDocument).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Stmt1461949544000", Effect: "Allow", Action: ["elasticloadbalancing:Describe*"], Resource: ["*"] },
      ],
    });
  });

  it("Lambda function: VPC, tracing and tags in CloudFormation shape", () => {
    expect(resourceOf("AWS::Lambda::Function").properties).toMatchObject({
      FunctionName: "test-function",
      Role: "arn:aws:iam::823362693882:role/lambda_basic_execution",
      VpcConfig: { SubnetIds: ["subnet-8dee48a7", "subnet-23deb22f"], SecurityGroupIds: ["sg-e463c89c"] },
      TracingConfig: { Mode: "PassThrough" },
      Tags: [{ Key: "test", Value: "value" }],
    });
  });

  it("SQS queue: numeric strings become numbers, the redrive policy an object; URL, ARN and name are aliases", () => {
    const queue = resourceOf("AWS::SQS::Queue");
    expect(queue.properties).toMatchObject({
      MessageRetentionPeriod: 345600,
      VisibilityTimeout: 60,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: "arn:aws:sqs:us-east-1:111111111111:tasks-dlq", maxReceiveCount: 5 },
    });
    expect(queue.aliases).toEqual(["https://sqs.us-east-1.amazonaws.com/111111111111/tasks", "tasks"]);
  });

  it("log group: no RetentionInDays stays absent (never expire); both ARN spellings are aliases", () => {
    const group = resourceOf("AWS::Logs::LogGroup", { replaceConfiguration: { LogGroupName: "/ecs/api" } });
    expect(group.properties.RetentionInDays).toBeUndefined();
    expect(group.aliases).toEqual(
      expect.arrayContaining(["/ecs/api", "arn:aws:logs:us-east-1:111111111111:log-group:/ecs/api"]),
    );
  });

  it("PascalCase types pass through: task definition, service, repository, listener", () => {
    expect(resourceOf("AWS::ECS::TaskDefinition").aliases).toContain("testtaskdef:1");
    expect(resourceOf("AWS::ECS::Service").properties.NetworkConfiguration).toEqual({
      AwsvpcConfiguration: {
        AssignPublicIp: "DISABLED",
        SecurityGroups: ["sg-0a1b2c3d4e5f60001"],
        Subnets: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
      },
    });
    expect(resourceOf("AWS::ECR::Repository").aliases).toContain("123456789012.dkr.ecr.us-east-1.amazonaws.com/test");
    expect(resourceOf("AWS::ElasticLoadBalancingV2::Listener").properties.Protocol).toBe("HTTP");
  });

  it("GetResourceConfigHistory items (JSON-string configuration) map like notification items", () => {
    const raw = itemOf("AWS::EC2::SecurityGroup");
    const fromHistory = resourceFromConfigItem(parseConfigurationItem(historyItemOf(raw)));
    expect(fromHistory).toEqual(resourceFromConfigItem(parseConfigurationItem(raw)));
  });

  it("a deleted item has nothing to map", () => {
    const item = parseConfigurationItem(
      itemOf("AWS::SQS::Queue", { status: "ResourceDeleted", replaceConfiguration: null }),
    );
    expect(() => resourceFromConfigItem(item)).toThrow(UnmappableItemError);
  });

  it("an item without resourceType says so", () => {
    const { resourceType: _, ...raw } = sampleItem("AWS::EC2::VPC");
    expect(() => parseConfigurationItem(raw)).toThrow(/resourceType/);
  });
});
