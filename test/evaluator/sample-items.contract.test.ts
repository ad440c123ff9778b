/*
 * Every sample configuration item, alone (nothing else in the live inventory), through every
 * checklist item whose rules evaluate its type: the exact Config key and the evaluator's decision.
 * Related resources missing from the inventory leave rules that need them undecided
 * (INSUFFICIENT_DATA), never COMPLIANT; Config refuses INSUFFICIENT_DATA from PutEvaluations, so
 * an undecided resource is posted NON_COMPLIANT with an "UNDECIDED: " annotation.
 * (AWS Config stubbed with aws-sdk-client-mock, checked against Config's contract: see scheduled.contract.)
 */
import { expect, it } from "vitest";
import { changeEvent } from "../fixtures/config-events/events";
import { type SampleType, sampleItem } from "../fixtures/config-events/items";
import { collectorOf, evaluate, postedEvaluations, stubConfigService } from "./support";

const config = stubConfigService();

const SERVICE = "arn:aws:ecs:us-east-1:111111111111:service/tasks/api";
const QUEUE = "https://sqs.us-east-1.amazonaws.com/111111111111/tasks";
const LISTENER =
  "arn:aws:elasticloadbalancing:us-east-2:111111111111:listener/app/test/abcd95d05fc9fc53/abcd983295de2c72";

const cases: [SampleType, string, string, string][] = [
  ["AWS::DynamoDB::Table", "dynamodb-capacity", "test", "COMPLIANT"],
  ["AWS::EC2::SecurityGroup", "sg-alb-only", "sg-1d56fc66", "NOT_APPLICABLE"],
  ["AWS::EC2::VPC", "vpc-flow-logs", "vpc-0990dc6d", "NON_COMPLIANT"],
  ["AWS::ECR::Repository", "image-provenance", "test", "NON_COMPLIANT"],
  ["AWS::ECS::Service", "ecs-multi-az", SERVICE, "INSUFFICIENT_DATA"],
  ["AWS::ECS::Service", "graceful-shutdown", SERVICE, "INSUFFICIENT_DATA"],
  ["AWS::ECS::Service", "traces-exported", SERVICE, "INSUFFICIENT_DATA"],
  ["AWS::ECS::Service", "cicd-gate", SERVICE, "INSUFFICIENT_DATA"],
  ["AWS::ECS::Service", "private-subnets", SERVICE, "INSUFFICIENT_DATA"],
  ["AWS::ECS::Service", "golden-signals", SERVICE, "NON_COMPLIANT"],
  ["AWS::ECS::TaskDefinition", "no-env-secrets", "testtaskdef", "COMPLIANT"],
  ["AWS::ECS::TaskDefinition", "container-hardening", "testtaskdef", "NON_COMPLIANT"],
  ["AWS::ECS::TaskDefinition", "image-provenance", "testtaskdef", "NON_COMPLIANT"],
  ["AWS::ECS::TaskDefinition", "log-retention", "testtaskdef", "NOT_APPLICABLE"],
  ["AWS::ElasticLoadBalancingV2::Listener", "mtls", LISTENER, "NOT_APPLICABLE"],
  ["AWS::IAM::Role", "iam-least-privilege", "AROAIY7FPU7KRV7IZBNPC", "NOT_APPLICABLE"],
  ["AWS::Logs::LogGroup", "log-retention", "/ecs/api", "COMPLIANT"],
  ["AWS::SQS::Queue", "dlq-coverage", QUEUE, "INSUFFICIENT_DATA"],
  ["AWS::SQS::Queue", "golden-signals", QUEUE, "NON_COMPLIANT"],
];

it.each(cases)("%s through %s", async (type, itemId, resourceId, decision) => {
  const run = await evaluate(changeEvent(sampleItem(type), { itemId }), { collect: collectorOf([]) });
  expect(run.evaluations.map((e) => [e.resourceType, e.resourceId, e.compliance])).toEqual([
    [type, resourceId, decision],
  ]);
  const undecided = decision === "INSUFFICIENT_DATA";
  expect(
    postedEvaluations(config).map((e) => [
      e.ComplianceResourceType,
      e.ComplianceResourceId,
      e.ComplianceType,
      e.Annotation?.startsWith("UNDECIDED: "),
    ]),
  ).toEqual([[type, resourceId, undecided ? "NON_COMPLIANT" : decision, undecided]]);
});
