import { alarm } from "@readiness/devkit/fixtures/cloudwatch";
import { configOf, inventoryOf, resource, scopeOf } from "@readiness/devkit/testing/builders";
import { describe, expect, it } from "vitest";
import type { DocumentVerdictRecord, PublishedQueueDepth } from "../../../kernel/results/records/documents";
import { goldenSignalsItem } from "../../catalogue/golden-signals";
import { defaultParams } from "../../catalogue/params";
import { runChecks } from "../../engine/engine";
import { gatherPartDeciders } from "../../engine/sources";
import type { Resource } from "../../model/resource";

// golden-signals on a run that reads published verdicts (a live run without documents, the Config
// evaluator): each queue's depth, and each signal of the API and Worker, is covered by a CloudWatch
// alarm the run sees, or by the recording rules and dashboard queries of the documents `readiness
// publish` read (queues matched by name).
const ARN = "arn:aws:ecs:us-east-1:111111111111:service/task-platform";
const SQS = "arn:aws:sqs:us-east-1:111111111111";
const NOW = new Date("2026-12-08T09:00:00Z");
const services = [
  resource("AWS::ECS::Service", `${ARN}/task-api`, { ServiceName: "task-api" }),
  resource("AWS::ECS::Service", `${ARN}/task-worker`, { ServiceName: "task-worker" }),
];
const queues = [
  resource("AWS::SQS::Queue", `${SQS}:task-queue`, {
    QueueName: "task-queue",
    RedrivePolicy: { deadLetterTargetArn: `${SQS}:task-dlq`, maxReceiveCount: 5 },
  }),
  resource("AWS::SQS::Queue", `${SQS}:task-dlq`, { QueueName: "task-dlq" }),
];
const RULE = "recording rule queue_name:aws_sqs_messages_visible:max (monitoring/rules/golden-signals.yaml:36:9)";
const covered: PublishedQueueDepth[] = [
  { queue: "task-queue", dlq: false, coveredBy: RULE },
  { queue: "task-dlq", dlq: true, coveredBy: RULE },
];

const record = (queueDepth: readonly PublishedQueueDepth[] | undefined, publishedAt = "2026-12-07T09:00:00.000Z") =>
  ({
    service: "task-platform/x",
    itemId: "golden-signals",
    status: "pass",
    reason: 'latency of api (job "task-api"): recording rule job:http_request_duration_seconds:p99',
    publishedAt,
    validUntil: new Date(Date.parse(publishedAt) + 30 * 86_400_000).toISOString(),
    weighsConfig: true,
    ...(queueDepth ? { queueDepth } : {}),
    provenance: { publishedBy: "readiness publish", repository: "example/task-service", files: [] },
  }) satisfies DocumentVerdictRecord;

/** The golden-signals item of a live run without documents, whose results table holds `published`. */
const check = async (
  published: DocumentVerdictRecord | ((serviceArn: string) => DocumentVerdictRecord),
  extra: Resource[] = [],
) => {
  const inventory = inventoryOf(...services, ...queues, ...extra);
  const config = configOf();
  const deciders = await gatherPartDeciders([goldenSignalsItem], {
    inventory,
    config,
    params: () => defaultParams("golden-signals"),
    reach: {
      mode: "live",
      now: NOW,
      readPublishedDocument: async (arn) => (typeof published === "function" ? published(arn) : published),
    },
  });
  const report = runChecks({
    items: [goldenSignalsItem],
    inventory,
    rules: goldenSignalsItem.rules,
    scope: scopeOf(inventory, config),
    params: () => defaultParams("golden-signals"),
    partDeciders: deciders,
    source: "live test",
  });
  return report.items[0]!;
};
const queueFinding = (item: Awaited<ReturnType<typeof check>>, name: string) =>
  item.findings.find((f) => f.resource === `${SQS}:${name}`);

describe("golden-signals' queues from published verdicts", () => {
  it("Compliance: a platform monitored through Prometheus alone (no CloudWatch depth alarm) passes", async () => {
    const item = await check(record(covered));
    expect(item.status).toBe("pass");
    expect(item.parts.find((p) => p.kind === "config")?.reason).toMatch(/^decided with the document part/);
    expect(queueFinding(item, "task-dlq")).toMatchObject({
      status: "pass",
      kind: "document",
      reason: expect.stringMatching(
        /^DLQ depth of task-dlq: recording rule queue_name:aws_sqs_messages_visible:max .*published 2026-12-07T09:00:00.000Z \(1 day ago\)/,
      ),
    });
  });

  it("Noncompliance: a queue neither a CloudWatch alarm nor the published documents cover fails, named", async () => {
    const item = await check(record([covered[0]!, { queue: "task-dlq", dlq: true }]));
    expect(item.status).toBe("fail");
    expect(queueFinding(item, "task-dlq")).toMatchObject({
      status: "fail",
      reason: expect.stringContaining(
        "DLQ depth of task-dlq: no CloudWatch alarm, and no recording rule or dashboard query of the published documents covers it",
      ),
    });
    expect(queueFinding(item, "task-queue")?.status).toBe("pass");
  });

  it("Compliance: a CloudWatch depth alarm the run sees covers what the documents do not (either source counts)", async () => {
    const depth = alarm("DlqDepth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "task-dlq" });
    const item = await check(record([covered[0]!, { queue: "task-dlq", dlq: true }]), [depth]);
    expect(item.status).toBe("pass");
    expect(queueFinding(item, "task-dlq")?.reason).toBe(
      "DLQ depth of task-dlq: CloudWatch alarm DlqDepth (ApproximateNumberOfMessagesVisible)",
    );
  });

  it("Noncompliance: a stale verdict's coverage does not count, and says its age", async () => {
    const item = await check(record(covered, "2026-10-01T09:00:00.000Z"));
    expect(item.status).toBe("fail");
    expect(queueFinding(item, "task-queue")?.reason).toContain(
      "queue depth of task-queue: no CloudWatch alarm, and the documents' coverage is stale: published 2026-10-01T09:00:00.000Z (68 days ago)",
    );
  });

  it("Noncompliance: a queue the documents were not published for, without an alarm, says to publish against its template", async () => {
    const item = await check(record([covered[0]!]));
    expect(queueFinding(item, "task-dlq")).toMatchObject({
      status: "fail",
      kind: "document",
      reason:
        "DLQ depth of task-dlq: no CloudWatch alarm, and the documents were published for other queues only (task-queue): publish them against the template that declares task-dlq",
    });
  });

  it("Compliance: a service the documents judge nothing on (a DLQ processor) is left out, not undecided", async () => {
    const processor = resource("AWS::ECS::Service", `${ARN}/task-dlq-processor`, { ServiceName: "task-dlq-processor" });
    const notApplicable = {
      ...record(undefined),
      reason: "not applicable: the documents judge nothing of golden-signals on this service (role dlq-processor)",
      weighsConfig: undefined,
      notApplicable: true,
    };
    const item = await check(
      (arn) => (arn.endsWith("task-dlq-processor") ? notApplicable : record(covered)),
      [processor],
    );
    expect(item.status).toBe("pass");
    expect(item.findings.filter((f) => f.resource === processor.id && f.kind === "document")).toEqual([]);
  });

  it("a verdict published without queue coverage leaves the queues to the CloudWatch rules, as before", async () => {
    const item = await check(record(undefined));
    expect(queueFinding(item, "task-dlq")).toMatchObject({
      status: "fail",
      kind: "config",
      reason: "DLQ task-dlq has no queue depth alarm (ApproximateNumberOfMessagesVisible)",
    });
  });
});

describe("golden-signals' API and Worker from published verdicts", () => {
  const RATE = "recording rule job:task_worker_tasks_processed:rate5m (monitoring/rules/golden-signals.yaml:25:17)";
  /** The worker's verdict as published: its template had a CPU alarm, its documents cover all but saturation. */
  const worker = (): DocumentVerdictRecord => ({
    ...record(covered),
    signals: [
      { signal: "latency", what: 'latency of worker (job "task-worker")', coveredBy: RATE },
      { signal: "traffic", what: 'traffic of worker (job "task-worker")', coveredBy: RATE },
      { signal: "errors", what: 'errors of worker (job "task-worker")', coveredBy: RATE },
      { signal: "saturation", what: 'saturation of worker (job "task-worker")' },
    ],
  });
  const byService = (arn: string) => (arn.endsWith("task-worker") ? worker() : record(covered));
  const workerFinding = (item: Awaited<ReturnType<typeof check>>) =>
    item.findings.find((f) => f.resource === `${ARN}/task-worker` && f.kind === "document");

  it("Noncompliance: a signal the documents leave to CloudWatch fails when this account has no alarm on it", async () => {
    const item = await check(byService);
    expect(item.status).toBe("fail");
    expect(workerFinding(item)).toMatchObject({
      status: "fail",
      reason: expect.stringMatching(
        /^saturation of worker \(job "task-worker"\): no CloudWatch alarm, and no recording rule or dashboard query of the published documents covers it \(published 2026-12-07T09:00:00.000Z/,
      ),
    });
  });

  it("Compliance: an alarm on the service in this account covers it (either source counts)", async () => {
    const cpu = alarm("WorkerCpu", "AWS/ECS", "CPUUtilization", {
      ClusterName: "task-platform",
      ServiceName: "task-worker",
    });
    const item = await check(byService, [cpu]);
    expect(item.status).toBe("pass");
    expect(workerFinding(item)?.reason).toContain(
      'saturation of worker (job "task-worker"): CloudWatch alarm WorkerCpu (CPUUtilization)',
    );
    expect(workerFinding(item)?.reason).toContain(`errors of worker (job "task-worker"): ${RATE}`);
  });
});
