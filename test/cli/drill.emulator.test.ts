/*
 * `readiness drill worker-crash` and `readiness drill drain` (the real bin, in a child process)
 * against the real example task service on the moto emulator, recording into a moto results table,
 * then `readiness check --live --results-table` deciding failure-injection and graceful-shutdown from
 * what the drills recorded. The local worker is stopped by pid; the runner replaces a stopped worker
 * as an ECS service would.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import { checkLive } from "@readiness/core/checklist/check/check-live";
import { loadConfigFile } from "@readiness/core/checklist/config/load";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService } from "@readiness/example-task-service/runner";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createResultsTable } from "../gate/tables";
import { readiness } from "./helpers";

const emulator = useEmulator();
const TABLE = "readiness-results";
let service: RunningTaskService;
let scratch: string;
let configFile: string;
let workerArn: string;
let workerRevision: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "readiness-drill-"));
  const ecs = new ECSClient(emulator.clientConfig());
  await ecs.send(new CreateClusterCommand({ clusterName: "tasks" }));
  const registered = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "task-worker",
      containerDefinitions: [{ name: "worker", image: "example/worker:1.0.0", memory: 512, stopTimeout: 20 }],
    }),
  );
  workerRevision = registered.taskDefinition?.taskDefinitionArn as string;
  const created = await ecs.send(
    new CreateServiceCommand({
      cluster: "tasks",
      serviceName: "worker",
      taskDefinition: workerRevision,
      desiredCount: 1,
    }),
  );
  workerArn = created.service?.serviceArn as string;
  ecs.destroy();
  await createResultsTable(new DynamoDBClient(emulator.clientConfig()), TABLE);
  configFile = join(scratch, "readiness.yml");
  writeFileSync(
    configFile,
    ["version: 1", "services:", "  - service: worker", "    cluster: tasks", "    role: worker", ""].join("\n"),
  );
  service = await startTaskService({
    endpoint: emulator.emulator.endpoint,
    revision: "drill-1",
    // Slow enough tasks to be in flight when the worker stops; a short visibility timeout so a
    // crashed worker's messages come back within the test, yet four times a task's processing, so
    // a busy machine (the whole suite in parallel) does not redeliver a task still being worked on.
    env: { WORKER_WAIT_SECONDS: "1", WORKER_PROCESSING_MS: "1500", WORKER_CONCURRENCY: "4" },
    queue: { visibilityTimeoutSeconds: 6, maxReceiveCount: 5 },
    replaceStoppedWorker: true,
  });
}, 120_000);
afterAll(async () => {
  await service?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const drill = (name: string, extra: readonly string[] = []) =>
  readiness([
    "drill",
    name,
    "--endpoint",
    service.httpUrl,
    "--local-worker-pid",
    String(service.processes.worker.pid),
    "--tasks",
    "8",
    "--within",
    "60s",
    "--cluster",
    "tasks",
    "--service",
    "worker",
    "--endpoint-url",
    emulator.emulator.endpoint,
    "--format",
    "json",
    ...extra,
  ]);

const check = () =>
  readiness([
    "check",
    "--live",
    "--config",
    configFile,
    "--endpoint-url",
    emulator.emulator.endpoint,
    "--results-table",
    TABLE,
    "--only",
    "failure-injection",
    "--only",
    "graceful-shutdown",
    "--format",
    "json",
  ]);
const itemsOf = (stdout: string): Record<string, { status: string; reason: string }> =>
  Object.fromEntries(
    (JSON.parse(stdout) as { items: { id: string; status: string }[] }).items.map((item) => [item.id, item as never]),
  );
const evidenceStatus = (item: { parts?: { kind: string; status: string }[] } | undefined) =>
  item?.parts?.find((part) => part.kind === "evidence")?.status;

describe("readiness drill against the example task service", () => {
  it("Unknown: before any drill, the items say which drill to run", async () => {
    const result = await check();
    const items = itemsOf(result.stdout);
    expect(items["failure-injection"].status).toBe("unknown");
    expect(JSON.stringify(items["failure-injection"])).toContain("readiness drill worker-crash");
  }, 60_000);

  it("Compliance (worker-crash): a SIGKILLed worker's tasks are redelivered and all complete exactly once; recorded", async () => {
    const result = await drill("worker-crash", ["--results-table", TABLE]);
    expect(result.stderr).not.toContain("error");
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ drill: "worker-crash", verdict: "pass" });
    expect(output.figures).toMatchObject({ submitted: 8, completed: 8, lost: 0, duplicates: 0, wrongResults: 0 });
    expect(output.figures.inFlightAtStop).toBeGreaterThan(0);
    expect(output.recorded).toBe(
      `recorded in ${TABLE} as failure-injection evidence of ${workerArn} (${workerRevision})`,
    );
    expect(result.code).toBe(0);
    const items = itemsOf((await check()).stdout);
    expect(items["failure-injection"].status).toBe("pass");
  }, 120_000);

  it("Without --results-table the result is printed and nothing is recorded", async () => {
    const result = await readiness([
      "drill",
      "worker-crash",
      "--endpoint",
      service.httpUrl,
      "--local-worker-pid",
      String(service.processes.worker.pid),
      "--tasks",
      "4",
      "--within",
      "60s",
    ]);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/^PASS {2}SIGKILL to pid \d+ with \d+ of 4 tasks in flight/m);
    expect(result.stdout).toContain("evidence: not recorded (no --results-table)");
  }, 120_000);

  it("Compliance (drain): SIGTERM drains the in-flight tasks and the worker exits within its stop timeout", async () => {
    const result = await drill("drain", ["--results-table", TABLE]);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ drill: "drain", verdict: "pass" });
    // The stop timeout comes from the service's task definition (stopTimeout 20).
    expect(output.figures).toMatchObject({ lost: 0, duplicates: 0, exitedInTime: true, stopTimeoutSeconds: 20 });
    expect(result.code).toBe(0);
    const items = itemsOf((await check()).stdout);
    expect(evidenceStatus(items["graceful-shutdown"] as never)).toBe("pass");
  }, 120_000);

  it("Noncompliance (drain): a worker slower than --stop-timeout is killed; the drill fails and is recorded", async () => {
    await service.restart({ revision: "drill-slow", env: { WORKER_PROCESSING_MS: "4000" } });
    const result = await drill("drain", ["--stop-timeout", "1s", "--results-table", TABLE]);
    const output = JSON.parse(result.stdout);
    expect(output.verdict).toBe("fail");
    expect(output.reason).toContain("did not exit within its stop timeout of 1 s");
    expect(output.figures).toMatchObject({ exitedInTime: false });
    expect(result.code).toBe(1);
    const items = itemsOf((await check()).stdout);
    expect(evidenceStatus(items["graceful-shutdown"] as never)).toBe("fail");
  }, 120_000);

  it("Noncompliance (worker-crash, FAULT_MODE=ack-early): the crashed worker's tasks are lost; the item fails", async () => {
    await service.restart({ revision: "drill-ack-early", fault: "ack-early", env: { WORKER_PROCESSING_MS: "1500" } });
    const result = await drill("worker-crash", ["--within", "15s", "--results-table", TABLE]);
    const output = JSON.parse(result.stdout);
    expect(output.verdict).toBe("fail");
    expect(output.figures.lost).toBeGreaterThan(0);
    expect(output.reason).toMatch(/^\d+ of 8 tasks did not complete within 15 s \(e\.g\. [0-9a-f-]{36}\)/);
    expect(result.code).toBe(1);
    const items = itemsOf((await check()).stdout);
    expect(items["failure-injection"].status).toBe("fail");
    expect(JSON.stringify(items["failure-injection"])).toContain("did not complete");
  }, 120_000);

  it("Noncompliance (stale): past its validity window the recorded drill no longer counts", async () => {
    const { config } = await loadConfigFile(configFile, { cwd: scratch });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 400 * 86_400_000));
    try {
      const outcome = await checkLive({
        config,
        endpoint: emulator.emulator.endpoint,
        only: ["failure-injection"],
        resultsTable: TABLE,
      });
      const item = outcome.report.items.find((i) => i.id === "failure-injection");
      expect(item?.status).toBe("fail");
      expect(JSON.stringify(item)).toMatch(/days old/);
    } finally {
      vi.useRealTimers();
    }
  }, 60_000);

  it("Input error: no worker to stop is exit 2 and says how to name one", async () => {
    const result = await readiness(["drill", "drain", "--endpoint", service.httpUrl]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: no worker to stop");
    expect(result.stderr).toContain("--local-worker-pid");
  });
});
