/*
 * The nightly function on the emulator, constructed as Lambda constructs it (createNightlyHandler)
 * with the emulator's clients and an injected clock. Night one writes each service's snapshot and
 * announces nothing (it is the baseline). Then the platform and the evidence change: the API's log
 * group gets a retention, and the gate records a passing smoke run (with an idempotent replay) of
 * the revision the service runs. Night two, a simulated day later, writes a second snapshot and
 * puts exactly one `readiness` event per item whose status changed, read back through an
 * EventBridge rule → SQS queue as a subscriber would. `readiness history` then prints both nights.
 */
import { CloudWatchLogsClient, PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { CreateServiceCommand, ECSClient } from "@aws-sdk/client-ecs";
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { defaultDeps } from "@readiness/cli/deps";
import { createLiveClients } from "@readiness/core/checklist/adapters/live/clients";
import { GateRunsStore } from "@readiness/core/gate/gate/runs-store";
import type { SmokeRun } from "@readiness/core/gate/smoke/types";
import { SnapshotStore } from "@readiness/core/kernel/results/snapshots";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readinessInProcess } from "../cli/helpers";
import { type ProvisionedPlatform, provisionPlatform } from "../evaluator/platform";
import { createResultsTable } from "../gate/tables";

const emulator = useEmulator();
const TABLE = "readiness-results";
const NIGHT_ONE = new Date("2026-12-01T03:00:00.000Z");
const NIGHT_TWO = new Date("2026-12-02T03:00:00.000Z");

let platform: ProvisionedPlatform;
let queueUrl: string;
const sqs = () => new SQSClient(emulator.clientConfig());

/** The function's module, imported once its environment is set (Lambda's `handler` reads it at import). */
const nightlyModule = () => import("@readiness/functions/nightly");
const ENV = ["RESULTS_TABLE_NAME", "AWS_REGION", "POWERTOOLS_LOG_LEVEL"] as const;
const savedEnv = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));
afterAll(() => {
  for (const name of ENV)
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
});

const emulatorClients = () => ({
  live: createLiveClients({ endpoint: emulator.emulator.endpoint, region: emulator.clientConfig().region }),
  dynamodb: new DynamoDBClient(emulator.clientConfig()),
  events: new EventBridgeClient(emulator.clientConfig()),
});

const nightlyAt = async (now: Date) =>
  (await nightlyModule()).createNightlyHandler(
    { clients: emulatorClients(), now: () => now },
    { RESULTS_TABLE_NAME: TABLE, AWS_REGION: emulator.clientConfig().region, POWERTOOLS_LOG_LEVEL: "SILENT" },
  );

/** The change events routed to the queue since the last call (their detail). */
const changeEvents = async (): Promise<Record<string, unknown>[]> => {
  const details: Record<string, unknown>[] = [];
  for (;;) {
    const page = await sqs().send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    const messages = page.Messages ?? [];
    if (messages.length === 0) return details;
    for (const message of messages) {
      const event = JSON.parse(message.Body ?? "{}");
      expect(event).toMatchObject({ source: "readiness", "detail-type": "Readiness Item Status Change" });
      details.push(event.detail);
    }
    await sqs().send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
  }
};

const recordPassingSmokeRun = async (at: string) => {
  const run: SmokeRun = {
    verdict: "PASS",
    reason: "all checks passed",
    failures: [],
    steps: [],
    sloSubmitMs: 100,
    idempotentReplay: "same-task",
    traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
    startedAt: at,
    finishedAt: at,
    target: { protocol: "http", endpoint: "https://api.example.com" },
  };
  await new GateRunsStore(ResultsTable.on(new DynamoDBClient(emulator.clientConfig()), TABLE)).recordRun({
    runId: `run-${at}`,
    service: platform.serviceArn,
    revision: platform.taskDefinitionArn,
    verdict: "PASS",
    reason: run.reason,
    startedAt: at,
    run,
    provenance: { recordedBy: "readiness-deployment-gate", trigger: "deployment-event" },
  });
};

beforeAll(async () => {
  Object.assign(process.env, { RESULTS_TABLE_NAME: TABLE, AWS_REGION: "us-east-1", POWERTOOLS_LOG_LEVEL: "SILENT" });
  const config = emulator.clientConfig();
  platform = await provisionPlatform(config, "broken");
  await createResultsTable(new DynamoDBClient(config), TABLE);
  queueUrl = (await sqs().send(new CreateQueueCommand({ QueueName: "status-changes" }))).QueueUrl ?? "";
  const queueArn = (
    await sqs().send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }))
  ).Attributes?.QueueArn;
  const events = new EventBridgeClient(config);
  await events.send(
    new PutRuleCommand({
      Name: "status-changes",
      EventPattern: JSON.stringify({ source: ["readiness"], "detail-type": ["Readiness Item Status Change"] }),
    }),
  );
  await events.send(new PutTargetsCommand({ Rule: "status-changes", Targets: [{ Id: "queue", Arn: queueArn }] }));
}, 120_000);

const store = () => new SnapshotStore(ResultsTable.on(new DynamoDBClient(emulator.clientConfig()), TABLE));

describe("the nightly function on the emulator", () => {
  it("Night one: a snapshot of every item for the service, no event (the baseline)", async () => {
    const result = await (await nightlyAt(NIGHT_ONE))({});
    expect(result).toEqual({ date: "2026-12-01", services: 1, changes: 0 });
    const snapshot = await store().latest(platform.serviceArn);
    expect(snapshot).toMatchObject({
      service: platform.serviceArn,
      serviceName: "api",
      cluster: "tasks",
      date: "2026-12-01",
    });
    const { CHECKLIST } = await import("@readiness/core/checklist/catalogue/items");
    expect(snapshot?.verdicts.map((v) => v.item)).toEqual(CHECKLIST.map((item) => item.id));
    const status = Object.fromEntries(snapshot?.verdicts.map((v) => [v.item, v.status]) ?? []);
    expect(status).toMatchObject({
      "log-retention": "fail",
      "post-deploy-smoke": "unknown",
      "idempotent-writes": "unknown",
      "container-hardening": "fail",
    });
    expect(await changeEvents()).toEqual([]);
  }, 120_000);

  it("Night two, a day later, after the platform and the evidence changed: a second snapshot and exactly the change events", async () => {
    await new CloudWatchLogsClient(emulator.clientConfig()).send(
      new PutRetentionPolicyCommand({ logGroupName: platform.logGroupName, retentionInDays: 30 }),
    );
    await recordPassingSmokeRun("2026-12-01T15:00:00.000Z");

    const result = await (await nightlyAt(NIGHT_TWO))({});
    expect(result.date).toBe("2026-12-02");
    const [first, second] = await store().history(platform.serviceArn);
    expect([first?.date, second?.date]).toEqual(["2026-12-01", "2026-12-02"]);
    const before = new Map(first?.verdicts.map((v) => [v.item, v.status]));
    const changed = second?.verdicts.filter((v) => before.get(v.item) !== v.status) ?? [];
    expect(changed.map((v) => [v.item, before.get(v.item), v.status])).toEqual([
      ["idempotent-writes", "unknown", "pass"],
      ["log-retention", "fail", "pass"],
      ["post-deploy-smoke", "unknown", "pass"],
    ]);
    expect(result.changes).toBe(changed.length);

    const events = await changeEvents();
    expect(events).toHaveLength(changed.length);
    expect(events).toEqual(
      expect.arrayContaining(
        changed.map((v) =>
          expect.objectContaining({
            service: platform.serviceArn,
            item: v.item,
            from: before.get(v.item),
            to: v.status,
            reason: v.reason,
            snapshotDate: "2026-12-02",
            previousDate: "2026-12-01",
          }),
        ),
      ),
    );
  }, 120_000);

  it("readiness history prints both nights: one row per item, its sparkline and its newest status", async () => {
    const endpoint = emulator.emulator.endpoint;
    const args = [
      "history",
      "--service",
      "api",
      "--cluster",
      "tasks",
      "--results-table",
      TABLE,
      "--endpoint-url",
      endpoint,
      "--region",
      emulator.clientConfig().region,
      "--days",
      "3",
    ];
    const table = await readinessInProcess(args, defaultDeps);
    expect(table.stderr).toBe("");
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("tasks/api: 2 snapshots from 2026-11-30 to 2026-12-02");
    expect(table.stdout).toMatch(/\nlog-retention\s+·✗✓\s+✓ /);
    expect(table.stdout).toMatch(/\npost-deploy-smoke\s+·\?✓\s+✓ /);
    expect(table.stdout).toMatch(/\ncontainer-hardening\s+·✗✗\s+✗ /);

    const json = await readinessInProcess([...args, "--format", "json"], defaultDeps);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.days).toEqual(["2026-11-30", "2026-12-01", "2026-12-02"]);
    expect(parsed.items.find((i: { item: string }) => i.item === "log-retention")).toMatchObject({
      statuses: [null, "fail", "pass"],
      latest: { status: "pass", date: "2026-12-02" },
      changes: 1,
    });

    const none = await readinessInProcess(
      [
        "history",
        "--service",
        "worker",
        "--cluster",
        "tasks",
        "--results-table",
        TABLE,
        "--endpoint-url",
        endpoint,
        "--region",
        "us-east-1",
      ],
      defaultDeps,
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no nightly snapshot of service tasks/worker in table readiness-results");
    expect(none.stderr).toContain("aws lambda invoke --function-name <NightlyFunctionName>");

    const noTable = await readinessInProcess(
      [
        "history",
        "--service",
        "api",
        "--cluster",
        "tasks",
        "--results-table",
        "missing",
        "--endpoint-url",
        endpoint,
        "--region",
        "us-east-1",
      ],
      defaultDeps,
    );
    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toContain("results table missing does not exist");
  }, 60_000);

  it("readiness.yml's services are the scope: a night with READINESS_CONFIG_JSON naming worker snapshots worker only", async () => {
    await new ECSClient(emulator.clientConfig()).send(
      new CreateServiceCommand({ cluster: "tasks", serviceName: "worker", taskDefinition: platform.taskDefinitionArn }),
    );
    const config = { version: 1, services: [{ service: "worker", cluster: "tasks", role: "worker" }] };
    const run = (await nightlyModule()).createNightlyHandler(
      { clients: emulatorClients(), now: () => new Date("2026-12-03T03:00:00.000Z") },
      {
        RESULTS_TABLE_NAME: TABLE,
        AWS_REGION: "us-east-1",
        READINESS_CONFIG_JSON: JSON.stringify(config),
      },
    );
    expect(await run({})).toEqual({ date: "2026-12-03", services: 1, changes: 0 });
    expect((await store().latest({ cluster: "tasks", service: "worker" }))?.date).toBe("2026-12-03");
    expect((await store().latest(platform.serviceArn))?.date).toBe("2026-12-02");
    expect(await changeEvents()).toEqual([]);
  }, 120_000);

  it("Noncompliance: a night that can read nothing fails and writes no snapshot", async () => {
    const live = createLiveClients({ endpoint: "http://127.0.0.1:9", region: "us-east-1", maxAttempts: 1 });
    const run = (await nightlyModule()).createNightlyHandler(
      { clients: { ...emulatorClients(), live }, now: () => new Date("2026-12-04T03:00:00.000Z") },
      { RESULTS_TABLE_NAME: TABLE, AWS_REGION: "us-east-1" },
    );
    await expect(run({})).rejects.toThrow(/^cannot reach http:\/\/127\.0\.0\.1:9: ECONNREFUSED/);
    expect((await store().latest(platform.serviceArn))?.date).toBe("2026-12-02");
    expect(await changeEvents()).toEqual([]);
  }, 120_000);

  it("a dead-lettered night is stored by the DLQ processor with Lambda's error", async () => {
    const { createNightlyDlqHandler } = await import("@readiness/functions/nightly-dlq-processor");
    const handle = createNightlyDlqHandler(
      { clients: emulatorClients() },
      { RESULTS_TABLE_NAME: TABLE, AWS_REGION: "us-east-1" },
    );
    const record = {
      messageId: "m-1",
      receiptHandle: "r",
      body: JSON.stringify({ source: "aws.events", "detail-type": "Scheduled Event" }),
      attributes: { ApproximateReceiveCount: "1", SentTimestamp: String(Date.parse("2026-12-05T03:20:00.000Z")) },
      messageAttributes: {
        RequestID: { stringValue: "req-1", dataType: "String" },
        ErrorCode: { stringValue: "200", dataType: "Number" },
        ErrorMessage: { stringValue: "Task timed out after 600.00 seconds", dataType: "String" },
      },
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:NightlyDeadLetterQueue",
      awsRegion: "us-east-1",
    };
    expect(await handle({ Records: [record as never] })).toEqual({ batchItemFailures: [] });
    const stored = await new DynamoDBClient(emulator.clientConfig()).send(
      new GetItemCommand({ TableName: TABLE, Key: { pk: { S: "NIGHTLY-DEADLETTER" }, sk: { S: "m-1" } } }),
    );
    expect(stored.Item?.kind?.S).toBe("NIGHTLY-DEADLETTER");
    expect(stored.Item?.requestId?.S).toBe("req-1");
    expect(stored.Item?.reason?.S).toBe(
      "the nightly run failed after Lambda's retries (ErrorCode 200: Task timed out after 600.00 seconds)",
    );
    expect(Number(stored.Item?.expiresAt?.N)).toBeGreaterThan(Date.now() / 1000 + 89 * 86_400);
  }, 60_000);
});
