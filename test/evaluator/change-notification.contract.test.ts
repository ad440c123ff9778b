/*
 * Contract tests of the evaluator on change and oversized notifications. AWS Config is stubbed with
 * aws-sdk-client-mock because the emulator (moto) implements PutEvaluations only in test mode and
 * has no GetResourceConfigHistory for these resource types; the stub also lets each test assert
 * the exact evaluations posted.
 */
import { GetResourceConfigHistoryCommand } from "@aws-sdk/client-config-service";
import { describe, expect, it } from "vitest";
import { ConfigHistoryError } from "@readiness/core/config-rules/errors";
import { changeEvent, NOTIFICATION_TIME, oversizedEvent } from "../fixtures/config-events/events";
import { historyItemOf, itemOf } from "../fixtures/config-events/items";
import {
  ALB_SG,
  flowLogItem,
  fromAlb,
  fromAnywhere,
  loadBalancerItem,
  SERVICE_ARN,
  SUBNETS,
  securityGroupItem,
  serviceItem,
  subnetItem,
  TASK_SG,
  taskDefinitionItem,
  VPC_ID,
  vpcItem,
} from "../fixtures/config-events/platform";
import { answerGetResourceConfigHistory } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { collectorOf, evaluate, failingCollector, postedEvaluations, resourcesOf, stubConfigService } from "./support";

const config = stubConfigService();

const twoZones = () => resourcesOf(subnetItem(SUBNETS.a, "us-east-1a"), subnetItem(SUBNETS.b, "us-east-1b"));
const oneZone = () => resourcesOf(subnetItem(SUBNETS.a, "us-east-1a"), subnetItem(SUBNETS.b, "us-east-1a"));
const CAPTURE_TIME = new Date("2026-11-28T10:15:00.000Z");

describe("container-hardening on a task definition change", () => {
  it("Compliance", async () => {
    const run = await evaluate(changeEvent(taskDefinitionItem(true)), { collect: collectorOf([]) });
    expect(postedEvaluations(config)).toEqual([
      {
        ComplianceResourceType: "AWS::ECS::TaskDefinition",
        ComplianceResourceId: "api",
        ComplianceType: "COMPLIANT",
        Annotation: expect.any(String),
        OrderingTimestamp: CAPTURE_TIME,
      },
    ]);
    expect(run.putCalls).toBe(1);
  });

  it("Noncompliance 1: a root container fails with a specific annotation", async () => {
    await evaluate(changeEvent(taskDefinitionItem(false)), { collect: collectorOf([]) });
    const [evaluation] = postedEvaluations(config);
    expect(evaluation).toMatchObject({ ComplianceResourceId: "api", ComplianceType: "NON_COMPLIANT" });
    expect(evaluation!.Annotation).toMatch(/container api: .*root/);
    expect(evaluation!.Annotation!.length).toBeLessThanOrEqual(256);
  });

  it("the sample item (no user, writable root filesystem) fails", async () => {
    await evaluate(changeEvent(itemOf("AWS::ECS::TaskDefinition")), { collect: collectorOf([]) });
    expect(postedEvaluations(config)).toMatchObject([
      {
        ComplianceResourceId: "testtaskdef",
        ComplianceType: "NON_COMPLIANT",
        Annotation: expect.stringContaining("container test"),
      },
    ]);
  });
});

describe("ecs-multi-az on a service change: related resources come from the collector", () => {
  it("Compliance: subnets in two AZs, desired count 2", async () => {
    const collect = collectorOf(twoZones());
    await evaluate(changeEvent(serviceItem(), { itemId: "ecs-multi-az" }), { collect });
    expect(postedEvaluations(config)).toMatchObject([
      { ComplianceResourceType: "AWS::ECS::Service", ComplianceResourceId: SERVICE_ARN, ComplianceType: "COMPLIANT" },
    ]);
    expect(collect.requests).toEqual([
      {
        // Scalable targets too: auto scaling's MinCapacity is the count that matters (issue 8.6).
        resourceTypes: ["AWS::ApplicationAutoScaling::ScalableTarget", "AWS::EC2::Subnet", "AWS::ECS::Service"],
        clusters: ["arn:aws:ecs:us-east-1:111111111111:cluster/tasks"],
      },
    ]);
  });

  it("Noncompliance 1: both subnets in one AZ", async () => {
    await evaluate(changeEvent(serviceItem(), { itemId: "ecs-multi-az" }), { collect: collectorOf(oneZone()) });
    expect(postedEvaluations(config)).toMatchObject([
      {
        ComplianceResourceId: SERVICE_ARN,
        ComplianceType: "NON_COMPLIANT",
        Annotation: expect.stringContaining("1 AZ"),
      },
    ]);
  });

  it("Noncompliance 2: the notified item wins over the live copy (desired count changed to 1)", async () => {
    const live = resourcesOf(serviceItem({ DesiredCount: 2 }));
    await evaluate(changeEvent(serviceItem({ DesiredCount: 1 }), { itemId: "ecs-multi-az" }), {
      collect: collectorOf([...twoZones(), ...live]),
    });
    expect(postedEvaluations(config)).toMatchObject([
      {
        ComplianceResourceId: SERVICE_ARN,
        ComplianceType: "NON_COMPLIANT",
        Annotation: expect.stringContaining("desired count 1"),
      },
    ]);
  });

  it("Undecided: the collection failed, so the subnets are unknown", async () => {
    const run = await evaluate(changeEvent(serviceItem(), { itemId: "ecs-multi-az" }), {
      collect: failingCollector("connect ECONNREFUSED"),
    });
    expect(postedEvaluations(config)).toMatchObject([
      {
        ComplianceResourceId: SERVICE_ARN,
        ComplianceType: "NON_COMPLIANT",
        Annotation: expect.stringMatching(/^UNDECIDED: /),
      },
    ]);
    expect(run.evaluations).toMatchObject([{ compliance: "INSUFFICIENT_DATA" }]);
    expect(run.warnings).toEqual(["live collection failed: connect ECONNREFUSED"]);
  });

  it("a changed subnet re-evaluates the service using it; the subnet itself is not applicable", async () => {
    const changed = subnetItem(SUBNETS.b, "us-east-1a");
    await evaluate(changeEvent(changed, { itemId: "ecs-multi-az" }), {
      collect: collectorOf([...twoZones(), ...resourcesOf(serviceItem())]),
    });
    expect(postedEvaluations(config)).toMatchObject([
      {
        ComplianceResourceType: "AWS::ECS::Service",
        ComplianceResourceId: SERVICE_ARN,
        ComplianceType: "NON_COMPLIANT",
      },
      {
        ComplianceResourceType: "AWS::EC2::Subnet",
        ComplianceResourceId: SUBNETS.b,
        ComplianceType: "NOT_APPLICABLE",
        Annotation: "ecs-multi-az evaluates AWS::ECS::Service; re-evaluated the 1 related to this resource",
      },
    ]);
  });
});

describe("sg-alb-only on a security group change (camelCase item)", () => {
  const platform = () => resourcesOf(serviceItem(), loadBalancerItem(), securityGroupItem(ALB_SG, []));

  it("Compliance: ingress only from the load balancer's group", async () => {
    await evaluate(changeEvent(securityGroupItem(TASK_SG, [fromAlb]), { itemId: "sg-alb-only" }), {
      collect: collectorOf(platform()),
    });
    expect(postedEvaluations(config)).toMatchObject([
      { ComplianceResourceType: "AWS::EC2::SecurityGroup", ComplianceResourceId: TASK_SG, ComplianceType: "COMPLIANT" },
    ]);
  });

  it("Noncompliance 1: 0.0.0.0/0 ingress", async () => {
    await evaluate(changeEvent(securityGroupItem(TASK_SG, [fromAlb, fromAnywhere]), { itemId: "sg-alb-only" }), {
      collect: collectorOf(platform()),
    });
    expect(postedEvaluations(config)).toMatchObject([
      {
        ComplianceResourceId: TASK_SG,
        ComplianceType: "NON_COMPLIANT",
        Annotation: expect.stringContaining("0.0.0.0/0"),
      },
    ]);
  });

  it("NotApplicable: a group no service attaches", async () => {
    await evaluate(changeEvent(securityGroupItem("sg-unused", [fromAnywhere]), { itemId: "sg-alb-only" }), {
      collect: collectorOf(platform()),
    });
    expect(postedEvaluations(config)).toMatchObject([
      { ComplianceResourceId: "sg-unused", ComplianceType: "NOT_APPLICABLE" },
    ]);
  });
});

describe("vpc-flow-logs, log-retention, dynamodb-capacity on their items", () => {
  it("Compliance: the VPC has an active flow log", async () => {
    await evaluate(changeEvent(vpcItem(), { itemId: "vpc-flow-logs" }), {
      collect: collectorOf(resourcesOf(flowLogItem())),
    });
    expect(postedEvaluations(config)).toMatchObject([
      { ComplianceResourceType: "AWS::EC2::VPC", ComplianceResourceId: VPC_ID, ComplianceType: "COMPLIANT" },
    ]);
  });

  it("Noncompliance: no flow log", async () => {
    await evaluate(changeEvent(vpcItem(), { itemId: "vpc-flow-logs" }), { collect: collectorOf([]) });
    expect(postedEvaluations(config)).toMatchObject([
      { ComplianceResourceId: VPC_ID, ComplianceType: "NON_COMPLIANT", Annotation: "VPC has no flow log" },
    ]);
  });

  it("log-retention: 30 days passes, never-expire fails", async () => {
    await evaluate(changeEvent(itemOf("AWS::Logs::LogGroup"), { itemId: "log-retention" }), {
      collect: collectorOf([]),
    });
    await evaluate(
      changeEvent(itemOf("AWS::Logs::LogGroup", { replaceConfiguration: { LogGroupName: "/ecs/api" } }), {
        itemId: "log-retention",
      }),
      { collect: collectorOf([]) },
    );
    expect(postedEvaluations(config)).toMatchObject([
      { ComplianceResourceType: "AWS::Logs::LogGroup", ComplianceResourceId: "/ecs/api", ComplianceType: "COMPLIANT" },
      {
        ComplianceResourceType: "AWS::Logs::LogGroup",
        ComplianceResourceId: "/ecs/api",
        ComplianceType: "NON_COMPLIANT",
      },
    ]);
  });

  it("dynamodb-capacity: the on-demand sample table passes", async () => {
    await evaluate(changeEvent(itemOf("AWS::DynamoDB::Table"), { itemId: "dynamodb-capacity" }), {
      collect: collectorOf([]),
    });
    expect(postedEvaluations(config)).toMatchObject([
      { ComplianceResourceType: "AWS::DynamoDB::Table", ComplianceResourceId: "test", ComplianceType: "COMPLIANT" },
    ]);
  });
});

describe("NOT_APPLICABLE without evaluating", () => {
  it.each([["ResourceDeleted"], ["ResourceDeletedNotRecorded"], ["ResourceNotRecorded"]])(
    "a %s item",
    async (status) => {
      const collect = collectorOf([]);
      await evaluate(
        changeEvent(itemOf("AWS::SQS::Queue", { status, replaceConfiguration: null }), { itemId: "dlq-coverage" }),
        {
          collect,
        },
      );
      expect(postedEvaluations(config)).toMatchObject([
        {
          ComplianceResourceType: "AWS::SQS::Queue",
          ComplianceResourceId: "https://sqs.us-east-1.amazonaws.com/111111111111/tasks",
          ComplianceType: "NOT_APPLICABLE",
          Annotation: expect.stringMatching(status === "ResourceNotRecorded" ? /not recorded/ : /deleted/),
        },
      ]);
      expect(collect.requests).toEqual([]);
    },
  );

  it("an event that left the rule's scope", async () => {
    await evaluate(changeEvent(taskDefinitionItem(false), { eventLeftScope: true }), { collect: collectorOf([]) });
    expect(postedEvaluations(config)).toEqual([
      {
        ComplianceResourceType: "AWS::ECS::TaskDefinition",
        ComplianceResourceId: "api",
        ComplianceType: "NOT_APPLICABLE",
        Annotation: "resource left the rule's scope",
        OrderingTimestamp: CAPTURE_TIME,
      },
    ]);
  });
});

describe("oversized notifications", () => {
  it("fetch the latest item with GetResourceConfigHistory and evaluate it", async () => {
    const item = taskDefinitionItem(false);
    answerGetResourceConfigHistory(config, { configurationItems: [historyItemOf(item)] as never });
    await evaluate(oversizedEvent(item), { collect: collectorOf([]) });
    expect(config.commandCalls(GetResourceConfigHistoryCommand).map((c) => c.args[0].input)).toEqual([
      { resourceType: "AWS::ECS::TaskDefinition", resourceId: "api", limit: 1, chronologicalOrder: "Reverse" },
    ]);
    expect(postedEvaluations(config)).toMatchObject([
      {
        ComplianceResourceType: "AWS::ECS::TaskDefinition",
        ComplianceResourceId: "api",
        ComplianceType: "NON_COMPLIANT",
      },
    ]);
  });

  it("a deleted resource's summary needs no fetch", async () => {
    const item = itemOf("AWS::SQS::Queue", { status: "ResourceDeleted", replaceConfiguration: null });
    await evaluate(oversizedEvent(item, { itemId: "dlq-coverage" }), { collect: collectorOf([]) });
    expect(config.commandCalls(GetResourceConfigHistoryCommand)).toHaveLength(0);
    expect(postedEvaluations(config)).toMatchObject([{ ComplianceType: "NOT_APPLICABLE" }]);
  });

  it("an empty history fails the invocation with a ConfigHistoryError", async () => {
    answerGetResourceConfigHistory(config, { configurationItems: [] });
    await expect(evaluate(oversizedEvent(taskDefinitionItem(true)), { collect: collectorOf([]) })).rejects.toThrow(
      ConfigHistoryError,
    );
    expect(postedEvaluations(config)).toEqual([]);
  });
});

it("a notification whose item has no capture time is ordered by the notification time", async () => {
  const { configurationItemCaptureTime: _, ...item } = taskDefinitionItem(true);
  await evaluate(changeEvent(item), { collect: collectorOf([]) });
  expect(postedEvaluations(config)[0]!.OrderingTimestamp).toEqual(new Date(NOTIFICATION_TIME));
});
