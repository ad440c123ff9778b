/*
 * `readiness drill rollback` (the real bin, in a child process) against an ECS service in moto
 * watched by the REAL deployment gate (packages/functions deployment-gate, in this process). moto
 * runs no tasks and emits no deployment events, so this test plays ECS: when the service's revision
 * changes it restarts the example task service as that revision (its FAULT_MODE included) and
 * delivers the deployment's completion event to the gate. The gate's smoke test fails the known-bad
 * revision and rolls it back; the drill sees the original revision restored and records it.
 */
import { DescribeTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { checkLive } from "@readiness/core/checklist/check/check-live";
import { latestEvidence } from "@readiness/core/kernel/results/evidence";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { configOf } from "@readiness/devkit/testing/builders";
import { type RunningTaskService, startTaskService } from "@readiness/example-task-service/runner";
import type { FaultSetting } from "@readiness/example-task-service/shared/settings";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deploymentEvent, lambdaContext, serviceArnOf, sqsEvent, sqsRecord } from "../gate/fixtures";
import { createGateWorld, type GateWorld, RESULTS_TABLE, setGateEnv } from "../gate/world";
import { readiness } from "./helpers";

const moto = useEmulator();
const SERVICE = "staging-api";
type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
let world: GateWorld;
let taskService: RunningTaskService;
let handler: Handler;
let restoreEnv: () => void;

const completeDeployment = async (): Promise<void> => {
  const event = deploymentEvent({ cluster: world.cluster, service: SERVICE });
  const response = await handler(sqsEvent(sqsRecord(JSON.stringify(event))), lambdaContext());
  expect(response.batchItemFailures).toEqual([]);
};

const faultOf = async (revision: string): Promise<FaultSetting> => {
  const described = await world.clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: revision }));
  const variable = described.taskDefinition?.containerDefinitions?.[0]?.environment?.find(
    (v) => v.name === "FAULT_MODE",
  );
  return (variable?.value ?? "none") as FaultSetting;
};

/** Plays ECS until stopped: each new revision of the service is "started" and its completion reaches the gate. */
const playEcs = () => {
  let stopped = false;
  let seen = world.revisions[1];
  const loop = (async () => {
    while (!stopped) {
      const running = await world.running(SERVICE);
      if (running !== seen) {
        seen = running;
        await taskService.restart({
          revision: running.slice(running.lastIndexOf(":") + 1),
          fault: await faultOf(running),
        });
        await completeDeployment();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
};

beforeAll(async () => {
  world = await createGateWorld(moto.clientConfig(), { cluster: "staging", revisions: 1 });
  await world.createService(SERVICE);
  taskService = await startTaskService({
    endpoint: moto.emulator.endpoint,
    revision: "1",
    env: { WORKER_WAIT_SECONDS: "1" },
  });
  restoreEnv = setGateEnv(
    moto.emulator.endpoint,
    {
      version: 1,
      smoke: {
        protocol: "http",
        endpoint: taskService.httpUrl,
        timeouts: { requestMs: 5_000, completionMs: 3_000 },
        sloSubmitMs: 2_000,
        retries: 1,
      },
      services: [{ cluster: world.cluster, service: SERVICE, role: "api" }],
    },
    // moto has no StartConfigRulesEvaluation: the gate's warning about it is expected here.
    "ERROR",
  );
  vi.resetModules();
  const { createDeploymentGateHandler } = await import("@readiness/functions/deployment-gate");
  handler = createDeploymentGateHandler({ clients: world.clients }) as Handler;
  // Revision 1 passes: the known good revision the gate rolls back to.
  await completeDeployment();
}, 120_000);
afterAll(async () => {
  restoreEnv?.();
  await taskService?.stop();
});

const rollbackDrill = (extra: readonly string[]) =>
  readiness([
    "drill",
    "rollback",
    "--cluster",
    world.cluster,
    "--service",
    SERVICE,
    "--confirm-non-production",
    SERVICE,
    "--endpoint-url",
    moto.emulator.endpoint,
    "--format",
    "json",
    ...extra,
  ]);

describe("readiness drill rollback with the deployment gate watching", () => {
  it("Compliance: the gate rolls the known-bad revision back; the drill records the time to restore", async () => {
    const stopEcs = playEcs();
    const result = await rollbackDrill(["--within", "90s", "--results-table", RESULTS_TABLE]).finally(stopEcs);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({
      drill: "rollback",
      verdict: "pass",
      figures: { fault: "never-complete", restoredRevision: world.revisions[1], restoredByDrill: false },
    });
    // The gate's smoke test alone waits 3 s for the never-completing task.
    expect(output.figures.restoreSeconds).toBeGreaterThanOrEqual(3);
    expect(result.code).toBe(0);
    expect(await world.running(SERVICE)).toBe(world.revisions[1]);
    const evidence = await latestEvidence(
      ResultsTable.on(world.clients.dynamodb, RESULTS_TABLE),
      serviceArnOf(world.cluster, SERVICE),
      "rollback-tested",
    );
    expect(evidence).toMatchObject({ verdict: "pass", revision: world.revisions[1] });
    // check --live --results-table decides rollback-tested's evidence part from it.
    const checked = await checkLive({
      config: configOf({ services: [{ service: SERVICE, cluster: world.cluster, role: "api" }] }),
      endpoint: moto.emulator.endpoint,
      only: ["rollback-tested"],
      resultsTable: RESULTS_TABLE,
    });
    const item = checked.report.items.find((i) => i.id === "rollback-tested");
    expect(item?.parts?.find((part) => part.kind === "evidence")?.status).toBe("pass");
  }, 180_000);

  it("Noncompliance: nobody rolls it back within --within; the drill restores the original itself and fails", async () => {
    const result = await rollbackDrill(["--within", "3s"]);
    const output = JSON.parse(result.stdout);
    expect(output.verdict).toBe("fail");
    expect(output.reason).toMatch(
      /^the known-bad revision was not rolled back within 3 s; the drill restored .+ itself$/,
    );
    expect(output.figures.restoredByDrill).toBe(true);
    expect(output.recorded).toBe("not recorded (no --results-table)");
    expect(result.code).toBe(1);
    expect(await world.running(SERVICE)).toBe(world.revisions[1]);
  }, 60_000);

  it("Input error: --confirm-non-production must repeat the service's name; nothing is deployed", async () => {
    const before = await world.running(SERVICE);
    const result = await readiness([
      "drill",
      "rollback",
      "--cluster",
      world.cluster,
      "--service",
      SERVICE,
      "--confirm-non-production",
      "production-api",
      "--endpoint-url",
      moto.emulator.endpoint,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`does not name the service ${SERVICE}`);
    expect(await world.running(SERVICE)).toBe(before);
  });
});
