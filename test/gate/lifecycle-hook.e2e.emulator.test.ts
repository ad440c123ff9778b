/*
 * The ECS lifecycle hook end to end: the real example task service as the green revision behind the
 * test endpoint, the results table in moto for the hook's state and runs. ECS is played by calling
 * the handler again after each IN_PROGRESS answer, as ECS does after `callBackDelay`.
 */

import { MalformedHookPayloadError } from "@readiness/core/gate/gate/errors";
import type { HookResponse } from "@readiness/core/gate/gate/hook-payload";
import { GateRunsStore } from "@readiness/core/gate/gate/runs-store";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService } from "@readiness/example-task-service/runner";
import type { Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hookPayload, lambdaContext, serviceArnOf } from "./fixtures";
import { createGateWorld, type GateWorld, RESULTS_TABLE, setGateEnv } from "./world";

const moto = useEmulator();
type Handler = (event: unknown, context?: Context) => Promise<HookResponse>;
const CLUSTER = "bluegreen";
let world: GateWorld;
let taskService: RunningTaskService;
let restoreEnv: () => void;

beforeAll(async () => {
  world = await createGateWorld(moto.clientConfig(), { revisions: 0 });
  taskService = await startTaskService({
    endpoint: moto.emulator.endpoint,
    revision: "green-1",
    env: { WORKER_WAIT_SECONDS: "1" },
  });
  restoreEnv = setGateEnv(moto.emulator.endpoint, {
    version: 1,
    smoke: {
      protocol: "http",
      // The production listener: the hook must use the test endpoint from hookDetails instead.
      endpoint: "http://127.0.0.1:9",
      timeouts: { requestMs: 5_000, completionMs: 3_000 },
      poll: { initialMs: 50, maxMs: 400, factor: 2 },
      sloSubmitMs: 1_000,
      retries: 1,
    },
    services: [{ cluster: CLUSTER, service: "api", role: "api" }],
  });
});

afterAll(async () => {
  restoreEnv?.();
  await taskService?.stop();
});

/** A fresh copy of the handler module: a new container (cold start). */
const coldStart = async (): Promise<Handler> => {
  vi.resetModules();
  const { createLifecycleHookHandler } = await import("@readiness/functions/lifecycle-hook");
  // A short wait per invocation, so the run outlasts the first one and IN_PROGRESS is answered.
  return createLifecycleHookHandler({
    clients: world.clients,
    hook: { waitMs: 100, callBackDelaySeconds: 1 },
  }) as Handler;
};

/** ECS's part: invoke, and while IN_PROGRESS invoke again (without the real callback delay). */
const invokeUntilDone = async (handler: Handler, payload: Record<string, unknown>): Promise<HookResponse[]> => {
  const answers: HookResponse[] = [];
  for (let attempt = 0; attempt < 200; attempt++) {
    const answer = await handler(payload, lambdaContext("readiness-lifecycle-hook"));
    answers.push(answer);
    if (answer.hookStatus !== "IN_PROGRESS") return answers;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the hook never finished");
};

const testEndpoint = () => ({ testEndpoint: taskService.httpUrl });

describe("ECS lifecycle hook (POST_TEST_TRAFFIC_SHIFT)", () => {
  it("Compliance: a good green revision answers IN_PROGRESS while the run goes on, then SUCCEEDED, and the run is recorded", async () => {
    const handler = await coldStart();
    const payload = hookPayload({ cluster: CLUSTER, service: "api", revisionId: "good", hookDetails: testEndpoint() });
    const answers = await invokeUntilDone(handler, payload);
    expect(answers[0]).toEqual({
      hookStatus: "IN_PROGRESS",
      callBackDelay: 1,
      hookDetails: { readinessExecution: payload.executionId },
    });
    expect(answers.at(-1)).toEqual({ hookStatus: "SUCCEEDED" });
    const runs = await new GateRunsStore(ResultsTable.on(world.clients.dynamodb, RESULTS_TABLE)).runsOf(
      serviceArnOf(CLUSTER, "api"),
    );
    const run = runs.find((r) => r.revision.endsWith("/good"));
    expect(run).toMatchObject({
      verdict: "PASS",
      provenance: { trigger: "lifecycle-hook", hookExecutionId: payload.executionId },
    });
    expect(run?.run.target.endpoint).toBe(taskService.httpUrl);
  });

  it("Noncompliance: a green revision whose tasks never complete answers FAILED", async () => {
    await taskService.restart({ revision: "green-2", fault: "never-complete" });
    const handler = await coldStart();
    const payload = hookPayload({
      cluster: CLUSTER,
      service: "api",
      revisionId: "broken",
      hookDetails: testEndpoint(),
    });
    const answers = await invokeUntilDone(handler, payload);
    expect(answers.length).toBeGreaterThan(1);
    expect(answers.at(-1)).toEqual({ hookStatus: "FAILED" });
    const runs = await new GateRunsStore(ResultsTable.on(world.clients.dynamodb, RESULTS_TABLE)).runsOf(
      serviceArnOf(CLUSTER, "api"),
    );
    expect(runs.find((r) => r.revision.endsWith("/broken"))?.reason).toMatch(/did not complete within 3 s$/);
  });

  it("a finished execution is answered from the stored state by another container, without a second run", async () => {
    const payload = hookPayload({
      cluster: CLUSTER,
      service: "api",
      revisionId: "broken-again",
      hookDetails: testEndpoint(),
    });
    expect((await invokeUntilDone(await coldStart(), payload)).at(-1)).toEqual({ hookStatus: "FAILED" });
    await taskService.restart({ revision: "green-3", fault: "none" });
    const other = await coldStart();
    expect(await other(payload, lambdaContext("readiness-lifecycle-hook"))).toEqual({ hookStatus: "FAILED" });
    const runs = await new GateRunsStore(ResultsTable.on(world.clients.dynamodb, RESULTS_TABLE)).runsOf(
      serviceArnOf(CLUSTER, "api"),
    );
    expect(runs.filter((r) => r.revision.endsWith("/broken-again"))).toHaveLength(1);
  });

  it("NotApplicable: another lifecycle stage is answered SUCCEEDED at once, without a run", async () => {
    const handler = await coldStart();
    const payload = hookPayload({ cluster: CLUSTER, service: "api", stage: "PRE_SCALE_UP", revisionId: "other-stage" });
    expect(await handler(payload)).toEqual({ hookStatus: "SUCCEEDED" });
    const runs = await new GateRunsStore(ResultsTable.on(world.clients.dynamodb, RESULTS_TABLE)).runsOf(
      serviceArnOf(CLUSTER, "api"),
    );
    expect(runs.filter((r) => r.revision.endsWith("/other-stage"))).toHaveLength(0);
  });

  it("a service the gate does not know fails closed; a malformed payload throws a typed error naming the field", async () => {
    const handler = await coldStart();
    expect(await handler(hookPayload({ cluster: CLUSTER, service: "unknown" }))).toEqual({ hookStatus: "FAILED" });
    const payload = hookPayload({ cluster: CLUSTER, service: "api" });
    const broken = { ...payload, executionDetails: { ...(payload.executionDetails as object), serviceArn: 42 } };
    // The handler's module copy (fresh after resetModules) has its own class: compare the name.
    await expect(handler(broken)).rejects.toMatchObject({
      name: MalformedHookPayloadError.name,
      field: "executionDetails.serviceArn",
    });
    await expect(handler(broken)).rejects.toThrow(/executionDetails\.serviceArn: expected an ECS service ARN, got 42/);
  });
});
