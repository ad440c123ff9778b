/*
 * `check --live --results-table`: the smoke runs the gate recorded decide post-deploy-smoke and
 * idempotent-writes for the revision each service runs now (ECS and DynamoDB in the emulator).
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import { checkLive } from "@readiness/core/checklist/check/check-live";
import { GateRunsStore, type RunRecord } from "@readiness/core/gate/gate/runs-store";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import type { SmokeRun } from "@readiness/core/gate/smoke/types";
import { configOf } from "@readiness/devkit/testing/builders";
import { beforeAll, describe, expect, it } from "vitest";
import { createResultsTable } from "../gate/tables";
import { useEmulator } from "@readiness/devkit/test-support/emulator";

const emulator = useEmulator();
const TABLE = "readiness-results";
const config = configOf({
  services: [
    { service: "api", cluster: "tasks", role: "api", smoke: { protocol: "http", endpoint: "http://127.0.0.1:9" } },
    { service: "worker", cluster: "tasks", role: "worker" },
  ],
});
let serviceArn: string;
let revision: string;

const smokeRun = (verdict: SmokeRun["verdict"], idempotentReplay: SmokeRun["idempotentReplay"]): SmokeRun => ({
  verdict,
  reason: verdict === "PASS" ? "all checks passed" : 'result output was "x", expected "y"',
  failures: verdict === "PASS" ? [] : ['result output was "x", expected "y"'],
  steps: [],
  sloSubmitMs: 100,
  idempotentReplay,
  traceId: "0af7651916cd43dd8448eb211c80319c",
  startedAt: "2026-11-30T10:00:00.000Z",
  finishedAt: "2026-11-30T10:00:01.000Z",
  target: { protocol: "http", endpoint: "http://127.0.0.1:9" },
});

const record = async (verdict: SmokeRun["verdict"], at: string, replay: SmokeRun["idempotentReplay"] = "same-task") => {
  const run: RunRecord = {
    runId: `run-${at}`,
    service: serviceArn,
    revision,
    verdict,
    reason: smokeRun(verdict, replay).reason,
    startedAt: at,
    run: smokeRun(verdict, replay),
    provenance: { recordedBy: "readiness-deployment-gate", trigger: "deployment-event", deploymentId: "ecs-svc/1" },
  };
  await new GateRunsStore(ResultsTable.on(new DynamoDBClient(emulator.clientConfig()), TABLE)).recordRun(run);
};

const check = (resultsTable = TABLE) =>
  checkLive({
    config,
    endpoint: emulator.emulator.endpoint,
    only: ["post-deploy-smoke", "idempotent-writes"],
    resultsTable,
  });
const statusOf = async (resultsTable?: string) =>
  Object.fromEntries((await check(resultsTable)).report.items.map((item) => [item.id, item]));

beforeAll(async () => {
  const ecs = new ECSClient(emulator.clientConfig());
  await ecs.send(new CreateClusterCommand({ clusterName: "tasks" }));
  for (const name of ["api", "worker"]) {
    const registered = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: `task-${name}`,
        containerDefinitions: [{ name, image: `example/${name}:1.0.0`, memory: 512 }],
      }),
    );
    const created = await ecs.send(
      new CreateServiceCommand({
        cluster: "tasks",
        serviceName: name,
        taskDefinition: registered.taskDefinition?.taskDefinitionArn,
        desiredCount: 1,
      }),
    );
    if (name === "api") {
      serviceArn = created.service?.serviceArn as string;
      revision = registered.taskDefinition?.taskDefinitionArn as string;
    }
  }
  await createResultsTable(new DynamoDBClient(emulator.clientConfig()), TABLE);
});

describe("check --live with the gate's results table", () => {
  it("Unknown: no smoke run recorded yet for the running revision", async () => {
    const items = await statusOf();
    expect(items["post-deploy-smoke"]).toMatchObject({ status: "unknown" });
    expect(JSON.stringify(items["post-deploy-smoke"])).toContain("no smoke run recorded for task-api:1");
  });

  it("Compliance: the running revision passed its newest smoke run, and its replay returned the same task", async () => {
    await record("PASS", "2026-11-30T10:00:00.000Z");
    const items = await statusOf();
    expect(items["post-deploy-smoke"].status).toBe("pass");
    expect(items["idempotent-writes"].status).toBe("pass");
    expect(JSON.stringify(items["post-deploy-smoke"])).toContain("not smoke-tested directly: worker");
  });

  it("Noncompliance: a newer run of the same revision failed, and its replay created a second task", async () => {
    await record("FAIL", "2026-11-30T11:00:00.000Z", "different-task");
    const items = await statusOf();
    expect(items["post-deploy-smoke"].status).toBe("fail");
    expect(items["idempotent-writes"].status).toBe("fail");
    expect(JSON.stringify(items["idempotent-writes"])).toContain("created a second task");
  });

  it("Unknown: a results table that does not exist leaves both items unknown with the reason", async () => {
    const items = await statusOf("no-such-table");
    expect(items["post-deploy-smoke"].status).toBe("unknown");
    // Per service, as the Config rule says it: which table, and what DynamoDB answered.
    expect(JSON.stringify(items["post-deploy-smoke"])).toMatch(
      /cannot read smoke runs: could not query smoke runs of [^"]+ in no-such-table: ResourceNotFoundException/,
    );
    expect(items["idempotent-writes"].status).toBe("unknown");
  });
});
