import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The real example service and the emulator harness: integration only, core's code never imports them.
import { type RunningTaskService, startTaskService } from "@readiness/example-task-service/runner";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { EXAMPLE_SERVICE_SMOKE_SPEC as SPEC } from "@readiness/devkit/smoke/example-service-spec";
import { runSmokeTest } from "./runner";
import type { SmokeTarget } from "./types";

/**
 * The smoke test against the REAL example task service (three processes) on the moto emulator:
 * healthy → PASS over HTTP and gRPC, each FAULT_MODE → FAIL with its reason, stopped → INCONCLUSIVE.
 * The SLO is raised (and the slow fault slowed) far enough apart that a busy machine cannot blur them.
 */
const emulator = useEmulator();
const SLOW_MS = 2_500;

let service: RunningTaskService;
beforeAll(async () => {
  service = await startTaskService({
    endpoint: emulator.emulator.endpoint,
    revision: "smoke-1",
    env: { FAULT_SLOW_MS: String(SLOW_MS), WORKER_WAIT_SECONDS: "1" },
  });
});
afterAll(async () => {
  await service?.stop();
});

const http = (): SmokeTarget => ({ protocol: "http", endpoint: service.httpUrl });
const grpc = (): SmokeTarget => ({ protocol: "grpc", endpoint: service.grpcTarget });

describe("smoke test against the example task service", () => {
  it("Compliance: a healthy revision passes over HTTP", async () => {
    const run = await runSmokeTest(http(), SPEC);
    expect(run.reason).toBe("all checks passed");
    expect(run.verdict).toBe("PASS");
    expect(run.idempotentReplay).toBe("same-task");
    expect(run.steps.map((s) => [s.name, s.ok])).toEqual([
      ["submit", true],
      ["complete", true],
      ["verify", true],
      ["replay", true],
    ]);
    expect(run.steps[0].detail).toMatch(/^HTTP 202 task [0-9a-f-]{36} \(PENDING\)/);
    expect(run.steps[3].detail).toMatch(/^HTTP 200 same task/);
  });

  it("Compliance: a healthy revision passes over gRPC", async () => {
    const run = await runSmokeTest(grpc(), SPEC);
    expect(run.reason).toBe("all checks passed");
    expect(run.verdict).toBe("PASS");
    expect(run.steps[0].detail).toMatch(/^gRPC OK task [0-9a-f-]{36}/);
  });

  it("Compliance: the run's trace id reaches the API's logs", async () => {
    const run = await runSmokeTest(http(), SPEC);
    // Lines come through the API process's stdout pipe: wait a little for the last ones.
    const tracedLines = () => service.processes.api.logs().filter((line) => line.trace_id === run.traceId);
    for (let waited = 0; tracedLines().length < 3 && waited < 5_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tracedLines().length).toBeGreaterThanOrEqual(3);
  });

  it.each([
    [
      "never-complete",
      { timeouts: { requestMs: 10_000, completionMs: 3_000 } },
      /^task [0-9a-f-]{36} did not complete within 3 s$/,
    ],
    ["wrong-result", {}, /^result\.output mismatch: expected "(.+)", got "(.+)"$/],
    ["api-5xx", {}, /^submit returned HTTP 500: injected fault: api-5xx$/],
    ["slow", {}, /^submit latency (2[5-9]\d\d|[3-9]\d\d\d) ms above SLO 1000 ms$/],
    ["ignore-idempotency", {}, /^replay returned a different task id \([0-9a-f-]{36}, first [0-9a-f-]{36}\)$/],
  ] as const)("Noncompliance (%s over HTTP): FAIL with the contract's reason", async (fault, override, reason) => {
    await service.restart({ revision: `smoke-${fault}`, fault });
    const run = await runSmokeTest(http(), { ...SPEC, ...override });
    expect(run.verdict).toBe("FAIL");
    expect(run.reason).toMatch(reason);
  });

  it.each([
    ["api-5xx", /^submit returned gRPC INTERNAL: injected fault: api-5xx$/],
    ["ignore-idempotency", /^replay returned a different task id/],
  ] as const)("Noncompliance (%s over gRPC): FAIL with the contract's reason", async (fault, reason) => {
    await service.restart({ revision: `smoke-grpc-${fault}`, fault });
    const run = await runSmokeTest(grpc(), SPEC);
    expect(run.verdict).toBe("FAIL");
    expect(run.reason).toMatch(reason);
  });

  it("Inconclusive: a stopped service is unreachable, over HTTP and gRPC", async () => {
    await service.stop();
    const quick = { ...SPEC, timeouts: { requestMs: 2_000, completionMs: 5_000 } };
    const overHttp = await runSmokeTest(http(), quick);
    expect(overHttp.verdict).toBe("INCONCLUSIVE");
    expect(overHttp.reason).toMatch(/^target unreachable: connection refused .* after 2 attempts$/);
    const overGrpc = await runSmokeTest(grpc(), quick);
    expect(overGrpc.verdict).toBe("INCONCLUSIVE");
    expect(overGrpc.reason).toMatch(/^target unreachable: .*ECONNREFUSED.* after 2 attempts$/);
  });
});
