import { describe, expect, it } from "vitest";
import { evaluateRule } from "@readiness/devkit/fixtures/ecs";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { configOf, inventoryOf, resource } from "@readiness/devkit/testing/builders";
import type { ConfigRule } from "../rule";
import { alarm, mathAlarm } from "@readiness/devkit/fixtures/cloudwatch";
import { goldenSignalsQueues } from "./golden-signals-queues";
import { goldenSignalsServices } from "./golden-signals-services";

const TG_ARN = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/0a1b2c";
const LB_ARN = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/public/9f8e7d";

const queues = [
  resource("AWS::SQS::Queue", "Tasks", { QueueName: "tasks", RedrivePolicy: { deadLetterTargetArn: "TasksDlq" } }),
  resource("AWS::SQS::Queue", "TasksDlq", { QueueName: "tasks-dlq" }),
];
const api = [
  resource("AWS::ECS::Service", "Api", { ServiceName: "api", LoadBalancers: [{ TargetGroupArn: "ApiTargets" }] }),
  resource("AWS::ElasticLoadBalancingV2::TargetGroup", "ApiTargets", {}, [TG_ARN]),
  resource("AWS::ElasticLoadBalancingV2::LoadBalancer", "Alb", {}, [LB_ARN]),
  resource("AWS::ElasticLoadBalancingV2::Listener", "Https", {
    LoadBalancerArn: "Alb",
    DefaultActions: [{ Type: "forward", TargetGroupArn: "ApiTargets" }],
  }),
];
const worker = resource("AWS::ECS::Service", "Worker", { ServiceName: "worker" });
const cpu = (service: string) =>
  alarm(`${service}Cpu`, "AWS/ECS", "CPUUtilization", { ClusterName: "prod", ServiceName: service });

const evaluate = (rule: ConfigRule<"golden-signals">, subject: string, resources: Resource[], config = configOf()) =>
  evaluateRule(rule, subject, inventoryOf(...resources), { config });

describe("golden-signals: queues", () => {
  it("Compliance 1: depth alarm on the queue by reference", () => {
    const depth = alarm("Depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "Tasks" });
    expect(evaluate(goldenSignalsQueues, "Tasks", [...queues, depth])).toMatchObject({ verdict: "compliant" });
  });

  it("Compliance 2: metric-math alarm on the DLQ's age, by literal name", () => {
    const age = mathAlarm("DlqAge", "AWS/SQS", "ApproximateAgeOfOldestMessage", { QueueName: "tasks-dlq" });
    expect(evaluate(goldenSignalsQueues, "TasksDlq", [...queues, age]).reason).toBe(
      "DLQ tasks-dlq: depth alarm DlqAge on ApproximateAgeOfOldestMessage",
    );
  });

  it("Noncompliance 1: DLQ without a depth alarm (only the source has one)", () => {
    const depth = alarm("Depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "Tasks" });
    expect(evaluate(goldenSignalsQueues, "TasksDlq", [...queues, depth])).toMatchObject({
      verdict: "non_compliant",
      reason: "DLQ tasks-dlq has no queue depth alarm (ApproximateNumberOfMessagesVisible)",
    });
  });

  it("Noncompliance 2: an alarm on another SQS metric is not a depth alarm", () => {
    const sent = alarm("Sent", "AWS/SQS", "NumberOfMessagesSent", { QueueName: "tasks" });
    expect(evaluate(goldenSignalsQueues, "Tasks", [...queues, sent]).verdict).toBe("non_compliant");
  });

  it("Unknown: a depth alarm whose queue name is unknown", () => {
    const depth = alarm("Depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", {
      QueueName: unknownValue("import"),
    });
    expect(evaluate(goldenSignalsQueues, "Tasks", [...queues, depth]).verdict).toBe("unknown");
  });
});

describe("golden-signals: services", () => {
  const albAlarms = [
    alarm("Latency", "AWS/ApplicationELB", "TargetResponseTime", {
      TargetGroup: "targetgroup/api/0a1b2c",
      LoadBalancer: "app/public/9f8e7d",
    }),
    alarm("Errors", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", { TargetGroup: "targetgroup/api/0a1b2c" }),
    alarm("Traffic", "AWS/ApplicationELB", "RequestCount", { LoadBalancer: "app/public/9f8e7d" }),
  ];

  it("Compliance 1: API with saturation and ALB latency, traffic and errors alarms", () => {
    expect(evaluate(goldenSignalsServices, "Api", [...api, cpu("api"), ...albAlarms])).toMatchObject({
      verdict: "compliant",
      reason: "latency, traffic, errors and saturation alarmed",
    });
  });

  it("Compliance 2: worker with a Container Insights memory alarm", () => {
    const memory = alarm("Mem", "ECS/ContainerInsights", "MemoryUtilized", {
      ClusterName: "prod",
      ServiceName: "worker",
    });
    expect(evaluate(goldenSignalsServices, "Worker", [worker, memory])).toMatchObject({
      verdict: "compliant",
      reason: "saturation alarmed",
    });
  });

  it("Noncompliance 1: worker without a saturation alarm", () => {
    expect(evaluate(goldenSignalsServices, "Worker", [worker])).toMatchObject({
      verdict: "non_compliant",
      reason: "no saturation metric alarm (CPU/memory)",
    });
  });

  it("Noncompliance 2: API missing traffic and errors", () => {
    expect(evaluate(goldenSignalsServices, "Api", [...api, cpu("api"), albAlarms[0]!]).reason).toBe(
      "no alarm for traffic, errors (load balancer metrics)",
    );
  });

  it("NotApplicable: DLQ processor", () => {
    const processor = resource("AWS::ECS::Service", "Dlq", { ServiceName: "dlq-processor" });
    expect(evaluate(goldenSignalsServices, "Dlq", [processor]).verdict).toBe("not_applicable");
  });

  it("Unknown: API whose target group is not in the inventory", () => {
    const external = resource("AWS::ECS::Service", "Api", {
      ServiceName: "api",
      LoadBalancers: [{ TargetGroupArn: "arn:elsewhere" }],
    });
    expect(evaluate(goldenSignalsServices, "Api", [external, cpu("api")]).verdict).toBe("unknown");
  });
});
