import { describe, expect, it } from "vitest";
import { defaultParams } from "../../catalogue/params";
import type { Inventory } from "../../inventory/inventory";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { configOf, inventoryOf, resource, scopeOf } from "@readiness/devkit/testing/builders";
import type { RuleOutcome } from "../rule";
import { dlqCoverage } from "./dlq-coverage";

const queue = (id: string, properties: Record<string, unknown> = {}): Resource =>
  resource("AWS::SQS::Queue", id, { QueueName: id, ...properties }, [
    `arn:aws:sqs:eu-west-1:111122223333:${id}`,
    `https://sqs.eu-west-1.amazonaws.com/111122223333/${id}`,
  ]);
const redriveTo = (dlq: string) => ({
  deadLetterTargetArn: `arn:aws:sqs:eu-west-1:111122223333:${dlq}`,
  maxReceiveCount: 5,
});
const mapping = (id: string, queueId: string, extra: Record<string, unknown> = {}) =>
  resource("AWS::Lambda::EventSourceMapping", id, {
    EventSourceArn: `arn:aws:sqs:eu-west-1:111122223333:${queueId}`,
    ...extra,
  });
const processor = (queueUrl: string, desiredCount = 1): Resource[] => [
  resource("AWS::ECS::Service", "DlqProcessorService", {
    ServiceName: "dlq-processor",
    TaskDefinition: "DlqTask",
    DesiredCount: desiredCount,
  }),
  resource("AWS::ECS::TaskDefinition", "DlqTask", {
    ContainerDefinitions: [{ Name: "app", Environment: [{ Name: "DLQ_URL", Value: queueUrl }] }],
  }),
];

const evaluate = (subjectId: string, inventory: Inventory, config = configOf()): RuleOutcome => {
  const outcome = dlqCoverage.evaluate(inventory.get(subjectId)!, {
    inventory,
    scope: scopeOf(inventory, config),
    params: defaultParams("dlq-coverage"),
  });
  return Array.isArray(outcome) ? outcome[0] : (outcome as RuleOutcome);
};

/** The rule on tasks-dlq, the DLQ of queue tasks, with these consumers in the inventory. */
const evaluateTasksDlq = (...consumers: Resource[]) =>
  evaluate(
    "tasks-dlq",
    inventoryOf(queue("tasks", { RedrivePolicy: redriveTo("tasks-dlq") }), queue("tasks-dlq"), ...consumers),
  );

describe("dlq-coverage", () => {
  it("Compliance: source queue redrives to a DLQ with longer retention", () => {
    const inventory = inventoryOf(
      queue("tasks", { RedrivePolicy: redriveTo("tasks-dlq"), MessageRetentionPeriod: 345600 }),
      queue("tasks-dlq", { MessageRetentionPeriod: 1209600 }),
    );
    expect(evaluate("tasks", inventory)).toMatchObject({
      verdict: "compliant",
      reason: "queue tasks redrives to DLQ tasks-dlq",
    });
  });

  it("Compliance: redrive policy as a JSON string (SQS API shape)", () => {
    const inventory = inventoryOf(
      queue("tasks", { RedrivePolicy: JSON.stringify(redriveTo("tasks-dlq")) }),
      queue("tasks-dlq"),
    );
    expect(evaluate("tasks", inventory).verdict).toBe("compliant");
  });

  it("Compliance: DLQ consumed by a Lambda event source mapping", () => {
    expect(evaluateTasksDlq(mapping("Drain", "tasks-dlq"))).toMatchObject({
      verdict: "compliant",
      reason: expect.stringContaining("Drain"),
    });
  });

  it("Compliance: DLQ consumed by a dlq-processor service whose environment names it", () => {
    expect(evaluateTasksDlq(...processor("https://sqs.eu-west-1.amazonaws.com/111122223333/tasks-dlq"))).toMatchObject({
      verdict: "compliant",
      reason: expect.stringContaining("dlq-processor"),
    });
  });

  it("Compliance: DLQ declared as consumed in readiness.yml", () => {
    const inventory = inventoryOf(
      queue("tasks-dlq", { RedriveAllowPolicy: { redrivePermission: "allowAll" } }),
      ...processor("unrelated"),
    );
    const config = configOf({
      services: [{ service: "dlq-processor", role: "dlq-processor", consumes: ["tasks-dlq"] }],
    });
    expect(evaluate("tasks-dlq", inventory, config).verdict).toBe("compliant");
  });

  it("Compliance: a queue a DLQ processor consumes is a DLQ even when nothing redrives to it yet", () => {
    const inventory = inventoryOf(
      queue("orphan"),
      ...processor("https://sqs.eu-west-1.amazonaws.com/111122223333/orphan"),
    );
    expect(evaluate("orphan", inventory)).toMatchObject({
      verdict: "compliant",
      reason: expect.stringContaining("DLQ orphan"),
    });
  });

  it("Noncompliance 1: source queue without a redrive policy", () => {
    const inventory = inventoryOf(queue("tasks"));
    expect(evaluate("tasks", inventory)).toMatchObject({
      verdict: "non_compliant",
      reason: "queue tasks has no RedrivePolicy (no DLQ)",
    });
  });

  it("Noncompliance 2: DLQ has no consumer", () => {
    expect(evaluateTasksDlq()).toMatchObject({
      verdict: "non_compliant",
      reason: expect.stringContaining("has no consumer"),
    });
  });

  it("Noncompliance 3: DLQ keeps messages for less time than the source", () => {
    const inventory = inventoryOf(
      queue("tasks", { RedrivePolicy: redriveTo("tasks-dlq"), MessageRetentionPeriod: 1209600 }),
      queue("tasks-dlq"),
    );
    expect(evaluate("tasks", inventory)).toMatchObject({
      verdict: "non_compliant",
      reason: "DLQ tasks-dlq keeps messages 345600 s, less than the source's 1209600 s",
    });
  });

  it("Noncompliance 4: FIFO source with a standard DLQ", () => {
    const inventory = inventoryOf(
      queue("tasks.fifo", { FifoQueue: true, RedrivePolicy: redriveTo("tasks-dlq") }),
      queue("tasks-dlq"),
    );
    expect(evaluate("tasks.fifo", inventory)).toMatchObject({
      verdict: "non_compliant",
      reason: expect.stringContaining("FIFO"),
    });
  });

  it("Noncompliance 5: disabled event source mapping and a processor scaled to zero do not count", () => {
    expect(
      evaluateTasksDlq(mapping("Drain", "tasks-dlq", { Enabled: false }), ...processor("tasks-dlq", 0)),
    ).toMatchObject({
      verdict: "non_compliant",
      reason: "DLQ tasks-dlq: its consumer service dlq-processor is not running (desired count 0)",
    });
  });

  it("Noncompliance 6: live processor with no running task", () => {
    const [service, task] = processor("tasks-dlq");
    const crashing = { ...service!, observed: { runningCount: 0 } };
    expect(evaluateTasksDlq(crashing, task!).reason).toBe(
      "DLQ tasks-dlq: its consumer service dlq-processor is not running (0 running tasks)",
    );
  });

  it("Noncompliance 7: a DLQ-named queue with no consumer", () => {
    expect(evaluate("payments-dlq", inventoryOf(queue("payments-dlq")))).toMatchObject({
      verdict: "non_compliant",
      reason: "DLQ payments-dlq has no consumer (no event source mapping or DLQ processor)",
    });
  });

  it("Unknown 1: DLQ not in the inventory", () => {
    const inventory = inventoryOf(queue("tasks", { RedrivePolicy: redriveTo("elsewhere") }));
    expect(evaluate("tasks", inventory)).toMatchObject({
      verdict: "unknown",
      reason: expect.stringContaining("not in the inventory"),
    });
  });

  it("Unknown 2: redrive policy could not be determined", () => {
    const inventory = inventoryOf(queue("tasks", { RedrivePolicy: unknownValue("parameter DlqArn has no default") }));
    expect(evaluate("tasks", inventory)).toMatchObject({
      verdict: "unknown",
      reason: expect.stringContaining("DlqArn"),
    });
  });
});

describe("dlq-coverage: queues other services send their failures to are DLQs", () => {
  const FAILURES_ARN = "arn:aws:sqs:eu-west-1:111122223333:failures";
  const senders: Record<string, Resource> = {
    "a function's DeadLetterConfig": resource("AWS::Lambda::Function", "Evaluator", {
      DeadLetterConfig: { TargetArn: FAILURES_ARN },
    }),
    "an EventInvokeConfig's on-failure destination": resource("AWS::Lambda::EventInvokeConfig", "EvaluatorInvoke", {
      FunctionName: "Evaluator",
      Qualifier: "$LATEST",
      DestinationConfig: { OnFailure: { Destination: FAILURES_ARN } },
    }),
    "an event source mapping's on-failure destination": resource("AWS::Lambda::EventSourceMapping", "StreamMapping", {
      EventSourceArn: "arn:aws:kinesis:eu-west-1:111122223333:stream/s",
      DestinationConfig: { OnFailure: { Destination: FAILURES_ARN } },
    }),
    "an EventBridge target's DeadLetterConfig": resource("AWS::Events::Rule", "Deployments", {
      Targets: [
        { Id: "Gate", Arn: "arn:aws:sqs:eu-west-1:111122223333:events", DeadLetterConfig: { Arn: FAILURES_ARN } },
      ],
    }),
    "an SNS subscription's RedrivePolicy (API: a JSON string)": resource("AWS::SNS::Subscription", "Alerts", {
      Protocol: "https",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: FAILURES_ARN }),
    }),
    "an SNS subscription's RedrivePolicy (template: an object)": resource("AWS::SNS::Subscription", "Alerts", {
      Protocol: "https",
      RedrivePolicy: { deadLetterTargetArn: FAILURES_ARN },
    }),
  };

  for (const [via, sender] of Object.entries(senders)) {
    it(`Compliance: the target of ${via}, consumed, is a DLQ with a consumer`, () => {
      const inventory = inventoryOf(queue("failures"), sender, mapping("FailuresProcessor", "failures"));
      expect(evaluate("failures", inventory)).toMatchObject({
        verdict: "compliant",
        reason: "DLQ failures is consumed by event source mapping FailuresProcessor",
      });
    });

    it(`Noncompliance: the target of ${via}, unconsumed, is a DLQ without a consumer (not a source queue without a RedrivePolicy)`, () => {
      expect(evaluate("failures", inventoryOf(queue("failures"), sender))).toMatchObject({
        verdict: "non_compliant",
        reason: "DLQ failures has no consumer (no event source mapping or DLQ processor)",
      });
    });
  }

  it("Noncompliance: a queue that a function's DeadLetterConfig does not name stays a source queue", () => {
    const inventory = inventoryOf(
      queue("failures"),
      queue("jobs"),
      resource("AWS::Lambda::Function", "Evaluator", { DeadLetterConfig: { TargetArn: FAILURES_ARN } }),
    );
    expect(evaluate("jobs", inventory)).toMatchObject({
      verdict: "non_compliant",
      reason: "queue jobs has no RedrivePolicy (no DLQ)",
    });
  });
});
