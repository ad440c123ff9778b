import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService } from "@readiness/example-task-service/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readiness } from "./helpers";

/**
 * `readiness load` in task contract mode (the real bin, in a child process) against the real example
 * task service on the moto emulator: every request is the smoke test's submit with a fresh
 * idempotency key, over HTTP and over gRPC. The rate is modest (every submit writes DynamoDB and
 * SQS on the emulator) and the SLO generous, so a busy machine cannot turn a healthy run into a FAIL.
 */
const emulator = useEmulator();
const SCRIPT_FIELDS = [
  "targetRps",
  "achievedRps",
  "requests",
  "errors",
  "latencyMs",
  "correctedForCoordinatedOmission",
  "verdict",
];
/**
 * Connections for 4 s answers at 20 req/s (Little's law): with the default 10, a loaded machine
 * (emulator answers above 500 ms) left requests waiting for a connection and the run INCONCLUSIVE.
 */
const CONNECTIONS = "80";
const PLAN = [
  ...["--rps", "20", "--duration", "3s", "--warmup", "1s", "--connections", CONNECTIONS],
  ...["--slo-p99-ms", "5000", "--format", "json"],
];

let service: RunningTaskService;
beforeAll(async () => {
  service = await startTaskService({
    endpoint: emulator.emulator.endpoint,
    revision: "load-1",
    env: { WORKER_WAIT_SECONDS: "1" },
  });
});
afterAll(async () => {
  await service?.stop();
});

/** The API's "task submitted" and "idempotent replay" log lines after the first `from` lines. */
const submitsSince = (from: number) => {
  const lines = service.processes.api.logs().slice(from);
  return {
    submitted: lines.filter((line) => line.msg === "task submitted"),
    replayed: lines.filter((line) => line.msg === "idempotent replay"),
  };
};

describe("readiness load against the example task service", () => {
  for (const protocol of ["http", "grpc"] as const) {
    it(`Compliance: over ${protocol}, each request creates a task (a fresh idempotency key), the run holds its rate and PASSes`, async () => {
      const from = service.processes.api.logs().length;
      const endpoint = protocol === "http" ? service.httpUrl : service.grpcTarget;
      const result = await readiness(["load", "--endpoint", endpoint, ...PLAN]);
      expect(result.code, result.stderr).toBe(0);
      const printed = JSON.parse(result.stdout);
      expect(Object.keys(printed)).toEqual(SCRIPT_FIELDS);
      expect(printed).toMatchObject({ targetRps: 20, requests: 60, errors: 0, verdict: "PASS" });
      expect(result.stderr).toMatch(/^PASS {2}p99 [\d.]+ ms ≤ 5000 ms/m);
      // The preflight, the warmup's 20 and the window's 60: every one a new task, none a replay,
      // all under the run's one trace id (so the run can be found in the service's logs).
      await expect.poll(() => submitsSince(from).submitted.length).toBe(81);
      const { submitted, replayed } = submitsSince(from);
      expect(replayed).toEqual([]);
      expect(new Set(submitted.map((line) => line.taskId)).size).toBe(81);
      expect(new Set(submitted.map((line) => line.trace_id)).size).toBe(1);
    });
  }

  it("Noncompliance: a revision whose submits fail FAILs on the error rate, naming the answer", async () => {
    await service.restart({ revision: "load-broken", fault: "api-5xx" });
    try {
      const result = await readiness(["load", "--endpoint", service.httpUrl, ...PLAN]);
      expect(result.stderr).toMatch(
        /FAIL {2}error rate 100\.0% above the SLO's 0\.10% \(60 of 60, mostly HTTP 500: injected fault: api-5xx/,
      );
      expect(result.code).toBe(1);
    } finally {
      await service.restart({ revision: "load-2", fault: "none" });
    }
  });
});
