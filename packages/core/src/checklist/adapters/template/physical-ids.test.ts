import { describe, expect, it } from "vitest";
import { unknownValue } from "../../model/value";
import { environmentOf } from "./environment";
import { loadTemplateInventory } from "./index";
import { physicalIdentity } from "./physical-ids";
import { fixture } from "@readiness/devkit/fixtures/templates";

const env = environmentOf("eu-west-1", "123456789012");
const UNKNOWN = unknownValue("imported from another stack at deploy time");

const identityOf = (type: string, properties: Record<string, unknown> = {}) =>
  physicalIdentity(type, { resourceId: "Thing", generatedName: "stack-Thing", properties, env });

/**
 * The real shapes of each ARN (from the services' "resource types" reference pages), as patterns.
 * Templates split them (`!Select [2, !Split ["/", !Ref Service]]`): a synthetic ARN with a segment
 * too few makes a valid template fail to load.
 */
const A = "arn:aws:";
const AT = ":eu-west-1:123456789012:";
const SEG = "[^/:]+";
const SHAPES: [string, Record<string, unknown>, string, RegExp][] = [
  ["AWS::ECS::Service", { Cluster: "prod" }, "ref", new RegExp(`^${A}ecs${AT}service/prod/${SEG}$`)],
  ["AWS::ECS::Service", {}, "ref", new RegExp(`^${A}ecs${AT}service/default/${SEG}$`)],
  ["AWS::ECS::Service", { Cluster: UNKNOWN }, "ref", new RegExp(`^${A}ecs${AT}service/${SEG}/${SEG}$`)],
  ["AWS::ECS::Service", { Cluster: UNKNOWN }, "ServiceArn", new RegExp(`^${A}ecs${AT}service/${SEG}/${SEG}$`)],
  ["AWS::ECS::Cluster", {}, "Arn", new RegExp(`^${A}ecs${AT}cluster/${SEG}$`)],
  ["AWS::ECS::TaskDefinition", {}, "ref", new RegExp(`^${A}ecs${AT}task-definition/${SEG}:\\d+$`)],
  ["AWS::SQS::Queue", {}, "Arn", new RegExp(`^${A}sqs${AT}${SEG}$`)],
  ["AWS::SQS::Queue", {}, "ref", /^https:\/\/sqs\.eu-west-1\.amazonaws\.com\/123456789012\/[^/]+$/],
  ["AWS::SNS::Topic", {}, "ref", new RegExp(`^${A}sns${AT}${SEG}$`)],
  ["AWS::IAM::Role", {}, "Arn", new RegExp(`^${A}iam::123456789012:role/${SEG}$`)],
  ["AWS::IAM::Role", { Path: "/service/" }, "Arn", new RegExp(`^${A}iam::123456789012:role/service/${SEG}$`)],
  ["AWS::IAM::ManagedPolicy", { Path: "/team/" }, "ref", new RegExp(`^${A}iam::123456789012:policy/team/${SEG}$`)],
  [
    "AWS::IAM::InstanceProfile",
    { Path: "/ecs/" },
    "Arn",
    new RegExp(`^${A}iam::123456789012:instance-profile/ecs/${SEG}$`),
  ],
  ["AWS::Logs::LogGroup", {}, "Arn", new RegExp(`^${A}logs${AT}log-group:${SEG}:\\*$`)],
  ["AWS::ECR::Repository", {}, "Arn", new RegExp(`^${A}ecr${AT}repository/${SEG}$`)],
  ["AWS::DynamoDB::Table", {}, "Arn", new RegExp(`^${A}dynamodb${AT}table/${SEG}$`)],
  [
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    {},
    "ref",
    new RegExp(`^${A}elasticloadbalancing${AT}loadbalancer/app/${SEG}/${SEG}$`),
  ],
  [
    "AWS::ElasticLoadBalancingV2::TargetGroup",
    {},
    "ref",
    new RegExp(`^${A}elasticloadbalancing${AT}targetgroup/${SEG}/${SEG}$`),
  ],
  [
    "AWS::ElasticLoadBalancingV2::Listener",
    { LoadBalancerArn: `${A}elasticloadbalancing${AT}loadbalancer/app/web/50dc6c495c0c9188` },
    "ref",
    new RegExp(`^${A}elasticloadbalancing${AT}listener/app/web/50dc6c495c0c9188/${SEG}$`),
  ],
  [
    "AWS::ElasticLoadBalancingV2::Listener",
    { LoadBalancerArn: UNKNOWN },
    "ref",
    new RegExp(`^${A}elasticloadbalancing${AT}listener/app/${SEG}/${SEG}/${SEG}$`),
  ],
  [
    "AWS::ElasticLoadBalancingV2::ListenerRule",
    { ListenerArn: `${A}elasticloadbalancing${AT}listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2` },
    "ref",
    new RegExp(`^${A}elasticloadbalancing${AT}listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/${SEG}$`),
  ],
  [
    "AWS::ElasticLoadBalancingV2::ListenerRule",
    { ListenerArn: UNKNOWN },
    "ref",
    new RegExp(`^${A}elasticloadbalancing${AT}listener-rule/app/${SEG}/${SEG}/${SEG}/${SEG}$`),
  ],
  ["AWS::SecretsManager::Secret", {}, "ref", new RegExp(`^${A}secretsmanager${AT}secret:${SEG}-[A-Za-z0-9]{6}$`)],
  ["AWS::Lambda::Function", {}, "Arn", new RegExp(`^${A}lambda${AT}function:${SEG}$`)],
  ["AWS::S3::Bucket", {}, "Arn", /^arn:aws:s3:::[^/:]+$/],
  ["AWS::CloudWatch::Alarm", {}, "Arn", new RegExp(`^${A}cloudwatch${AT}alarm:${SEG}$`)],
  ["AWS::Events::Rule", {}, "Arn", new RegExp(`^${A}events${AT}rule/${SEG}$`)],
  ["AWS::Events::Rule", { EventBusName: "orders" }, "Arn", new RegExp(`^${A}events${AT}rule/orders/${SEG}$`)],
  ["AWS::Events::Rule", { EventBusName: UNKNOWN }, "Arn", new RegExp(`^${A}events${AT}rule/${SEG}/${SEG}$`)],
];

describe("synthetic ARNs have the real shape", () => {
  it.each(SHAPES)("%s %j: %s", (type, properties, what, shape) => {
    const identity = identityOf(type, properties);
    const value = what === "ref" ? identity.ref : identity.attributes[what];
    expect(value).toMatch(shape);
  });

  it('Compliance: Copilot\'s !Select [2, !Split ["/", !Ref Service]] is the service name when the cluster is unknown', async () => {
    const { inventory } = await loadTemplateInventory(fixture("copilot-service-arn.yaml"));
    const dimensions = inventory.get("CPUAlarm")?.properties.Dimensions as { Name: string; Value: unknown }[];
    expect(dimensions.find((d) => d.Name === "ServiceName")?.Value).toBe("copilot-app-test-api");
  });
});
