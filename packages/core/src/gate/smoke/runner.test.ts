import { describe, expect, it } from "vitest";
import { SmokeConfigError } from "./errors";
import { runSmokeTest, type SmokeDeps } from "./runner";
import { FakeClock, type FakeServiceOptions, FakeTaskService } from "@readiness/devkit/smoke/fake-task-service";
import type { CallResult } from "./transport";
import type { SmokeSpec, SmokeTarget } from "./types";

const TARGET: SmokeTarget = { protocol: "http", endpoint: "http://tasks.internal:8080" };
const SPEC: SmokeSpec = {
  input: "hello",
  timeouts: { requestMs: 1_000, completionMs: 3_000 },
  poll: { initialMs: 100, maxMs: 1_000, factor: 2 },
  sloSubmitMs: 100,
  retries: 2,
};

const counterUuid = () => {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
};

const smoke = async (options: FakeServiceOptions = {}, spec: SmokeSpec = SPEC, deps: SmokeDeps = {}) => {
  const clock = new FakeClock();
  const service = new FakeTaskService(clock, options);
  const run = await runSmokeTest(TARGET, spec, {
    now: clock.now,
    sleep: clock.sleep,
    uuid: counterUuid(),
    openTransport: () => service,
    ...deps,
  });
  return { run, service, clock };
};

const refused: CallResult = { outcome: "unreachable", detail: "connection refused (connect ECONNREFUSED)" };

describe("runSmokeTest", () => {
  it("Compliance: a healthy service passes every step and the replay gives the same task", async () => {
    const { run, service } = await smoke();
    expect(run.verdict).toBe("PASS");
    expect(run.reason).toBe("all checks passed");
    expect(run.failures).toEqual([]);
    expect(run.steps.map((s) => [s.name, s.ok])).toEqual([
      ["submit", true],
      ["complete", true],
      ["verify", true],
      ["replay", true],
    ]);
    expect(run.taskId).toBe("task-1");
    expect(run.submitLatencyMs).toBe(5);
    expect(run.idempotentReplay).toBe("same-task");
    expect(service.taskCount).toBe(1);
    expect(service.closed).toBe(true);
  });

  it("Compliance: both submits carry the same fresh Idempotency-Key, and every request the run's traceparent", async () => {
    const { run, service } = await smoke({}, { ...SPEC, idempotencyKey: undefined });
    const keys = service.submits.map((call) => call.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[0]).toMatch(/^00000000-0000-4000-8000-\d{12}$/);
    const traceparents = new Set([...service.submits, ...service.gets].map((call) => call.traceparent));
    expect([...traceparents]).toEqual([`00-${run.traceId}-${"0".repeat(8)}00004000-01`]);
  });

  it("Compliance: records when the run started and finished, and the target without key material", async () => {
    const { run } = await smoke();
    expect(run.startedAt).toBe("2026-01-01T10:00:00.000Z");
    expect(Date.parse(run.finishedAt)).toBeGreaterThan(Date.parse(run.startedAt));
    expect(run.target).toEqual(TARGET);
  });

  it("Compliance: a literal expected output is compared as given", async () => {
    const { run } = await smoke({}, { ...SPEC, input: "abc", expect: { output: "cba" } });
    expect(run.verdict).toBe("PASS");
    const wrong = await smoke({}, { ...SPEC, input: "abc", expect: { output: "xyz" } });
    expect(wrong.run.reason).toBe('result.output mismatch: expected "xyz", got "cba"');
  });

  it("Noncompliance 1 (never-complete): the API answered but the task never finished, so FAIL after the timeout", async () => {
    const { run } = await smoke({ fault: "never-complete" });
    expect(run.verdict).toBe("FAIL");
    expect(run.reason).toBe("task task-1 did not complete within 3 s");
    expect(run.steps.find((s) => s.name === "complete")).toMatchObject({ ok: false });
    expect(run.steps.find((s) => s.name === "complete")?.detail).toMatch(/still RUNNING after \d+ polls/);
    expect(run.steps.map((s) => s.name)).toEqual(["submit", "complete", "replay"]);
    expect(run.idempotentReplay).toBe("same-task");
  });

  it("Noncompliance 2 (wrong-result): result.output mismatch", async () => {
    const { run } = await smoke({ fault: "wrong-result" });
    expect(run.verdict).toBe("FAIL");
    expect(run.reason).toBe('result.output mismatch: expected "olleh", got "lleh"');
    expect(run.steps.find((s) => s.name === "verify")?.ok).toBe(false);
  });

  it("Noncompliance 3 (api-5xx): the submit answered HTTP 500", async () => {
    const { run, service } = await smoke({ fault: "api-5xx" });
    expect(run.verdict).toBe("FAIL");
    expect(run.reason).toBe("submit returned HTTP 500: injected fault: api-5xx");
    expect(run.steps.map((s) => s.name)).toEqual(["submit"]);
    expect(run.idempotentReplay).toBe("not-run");
    // An error answer is a result, not a reason to retry.
    expect(service.submits).toHaveLength(1);
  });

  it("Noncompliance 4 (slow): submit latency above the SLO", async () => {
    const { run } = await smoke({ fault: "slow", slowMs: 420 });
    expect(run.verdict).toBe("FAIL");
    expect(run.reason).toBe("submit latency 425 ms above SLO 100 ms");
    expect(run.submitLatencyMs).toBe(425);
    expect(run.steps.map((s) => [s.name, s.ok])).toEqual([
      ["submit", false],
      ["complete", true],
      ["verify", true],
      ["replay", true],
    ]);
  });

  it("Compliance: a submit exactly at the SLO passes", async () => {
    const { run } = await smoke({ latencyMs: 100 });
    expect(run.verdict).toBe("PASS");
  });

  it("Noncompliance 5 (ignore-idempotency): the replay returned a different task id", async () => {
    const { run, service } = await smoke({ fault: "ignore-idempotency" });
    expect(run.verdict).toBe("FAIL");
    expect(run.reason).toBe("replay returned a different task id (task-2, first task-1)");
    expect(run.idempotentReplay).toBe("different-task");
    expect(service.taskCount).toBe(2);
  });

  it("Noncompliance 6: a replay that re-creates the task under the same id is caught by the second read", async () => {
    const { run } = await smoke({ fault: "recreate-on-replay" });
    expect(run.verdict).toBe("FAIL");
    expect(run.reason).toMatch(/^replay re-created task task-1: createdAt changed from .* to /);
    expect(run.idempotentReplay).toBe("different-task");
  });

  it("Noncompliance 7: a task that ends FAILED fails the verify step with the task's error", async () => {
    const { run } = await smoke({ fault: "task-fails" });
    expect(run.verdict).toBe("FAIL");
    expect(run.reason).toBe("task task-1 ended FAILED (worker crashed), expected COMPLETED");
  });

  it("Noncompliance 8: a status read answering 404 fails with the task id", async () => {
    const { run } = await smoke({
      getScript: [{ outcome: "rejected", status: "HTTP 404", detail: "not found", notFound: true }],
    });
    expect(run.verdict).toBe("FAIL");
    expect(run.reason).toBe("task task-1 not found: status returned HTTP 404");
  });

  it("Noncompliance 9: a 5xx on the status read fails", async () => {
    const { run } = await smoke({ getScript: [{ outcome: "rejected", status: "HTTP 503", detail: "no healthy upstream" }] });
    expect(run.reason).toBe("status of task task-1 returned HTTP 503: no healthy upstream");
  });

  it("Noncompliance 10: every failure is listed in step order, the first is the reason", async () => {
    const { run } = await smoke({ fault: "slow", slowMs: 300, completesAfterMs: 10_000 });
    expect(run.failures).toEqual([
      "submit latency 305 ms above SLO 100 ms",
      "task task-1 did not complete within 3 s",
    ]);
    expect(run.reason).toBe(run.failures[0]);
  });

  it("Inconclusive 1: an unreachable target is retried `retries` times with backoff, then INCONCLUSIVE", async () => {
    const { run, service, clock } = await smoke({ fault: "unreachable" });
    expect(run.verdict).toBe("INCONCLUSIVE");
    expect(run.reason).toBe("target unreachable: connection refused (connect ECONNREFUSED 127.0.0.1:9) after 3 attempts");
    expect(service.submits).toHaveLength(3);
    expect(clock.sleeps).toEqual([100, 200]);
    expect(run.idempotentReplay).toBe("not-run");
    expect(run.taskId).toBeUndefined();
  });

  it("Inconclusive 2: retries 0 means one attempt", async () => {
    const { service } = await smoke({ fault: "unreachable" }, { ...SPEC, retries: 0 });
    expect(service.submits).toHaveLength(1);
  });

  it("Compliance: a target that answers on a retry passes, and the latency is the answering attempt's", async () => {
    const { run, service } = await smoke({ submitScript: [refused, refused] });
    expect(run.verdict).toBe("PASS");
    expect(service.submits).toHaveLength(4);
    expect(run.submitLatencyMs).toBe(5);
    expect(run.steps[0].detail).toContain("after 3 attempts");
  });

  it("Inconclusive 3: losing contact while polling is INCONCLUSIVE, not FAIL", async () => {
    const { run } = await smoke({ getScript: [refused, refused, refused] });
    expect(run.verdict).toBe("INCONCLUSIVE");
    expect(run.reason).toMatch(/^lost contact with the target while waiting for task task-1: connection refused/);
    expect(run.steps.map((s) => s.name)).toEqual(["submit", "complete"]);
  });

  it("Compliance: fewer unanswered polls in a row than the retries are tolerated", async () => {
    const { run } = await smoke({ getScript: [refused, refused] });
    expect(run.verdict).toBe("PASS");
  });

  it("Inconclusive 4: a replay that gets no answer is INCONCLUSIVE when nothing failed before", async () => {
    const run = await withUnreachableReplay({});
    expect(run.verdict).toBe("INCONCLUSIVE");
    expect(run.reason).toMatch(/^target unreachable during the replay: connection refused .* after 3 attempts$/);
    expect(run.idempotentReplay).toBe("not-run");
  });

  it("Noncompliance 11: a FAIL found earlier outweighs a later INCONCLUSIVE", async () => {
    const run = await withUnreachableReplay({ fault: "wrong-result" });
    expect(run.verdict).toBe("FAIL");
    expect(run.failures).toEqual(['result.output mismatch: expected "olleh", got "lleh"']);
    expect(run.steps.at(-1)).toMatchObject({ name: "replay", ok: false });
    expect(run.idempotentReplay).toBe("not-run");
  });
});

/** The service answers the first submit, then the network drops every later one. */
const withUnreachableReplay = async (options: FakeServiceOptions) => {
  const clock = new FakeClock();
  const service = new FakeTaskService(clock, options);
  let submits = 0;
  const transport = {
    get: service.get.bind(service),
    close: service.close.bind(service),
    submit: (call: Parameters<FakeTaskService["submit"]>[0]) =>
      ++submits === 1 ? service.submit(call) : Promise.resolve(refused),
  };
  return runSmokeTest(TARGET, SPEC, { now: clock.now, sleep: clock.sleep, openTransport: () => transport });
};

describe("status polling backoff", () => {
  it("Compliance: waits initialMs, then multiplies by the factor up to maxMs", async () => {
    const { clock } = await smoke({ completesAfterMs: 2_500, latencyMs: 0 }, { ...SPEC, timeouts: { completionMs: 10_000 } });
    // Polls at 100, 300, 700, 1500, 2500 ms after the submit.
    expect(clock.sleeps).toEqual([100, 200, 400, 800, 1_000]);
  });

  it("Compliance: the last wait is cut to the deadline, and a poll happens at the deadline", async () => {
    const { run, service, clock } = await smoke({ fault: "never-complete", latencyMs: 0 }, { ...SPEC, timeouts: { completionMs: 2_000 } });
    // 100 + 200 + 400 + 800 = 1500; the next wait (1000) is cut to 500.
    expect(clock.sleeps).toEqual([100, 200, 400, 800, 500]);
    expect(service.gets).toHaveLength(5 + 1); // five polls, then the read after the replay
    expect(run.reason).toBe("task task-1 did not complete within 2 s");
  });

  it("Compliance: a factor of 1 polls at a fixed interval", async () => {
    const { clock } = await smoke({ completesAfterMs: 500, latencyMs: 0 }, { ...SPEC, poll: { initialMs: 200, maxMs: 200, factor: 1 } });
    expect(clock.sleeps).toEqual([200, 200, 200]);
  });
});

describe("runSmokeTest input errors", () => {
  it.each([
    [{ timeouts: { requestMs: 0 } }, /timeouts.requestMs must be a positive number/],
    [{ poll: { factor: 0.5 } }, /poll.factor must be at least 1/],
    [{ poll: { initialMs: 500, maxMs: 100 } }, /poll.maxMs \(100\) is below poll.initialMs \(500\)/],
    [{ retries: -1 }, /retries must be a whole number/],
    [{ input: "" }, /input must not be empty/],
    [{ idempotencyKey: "k".repeat(129) }, /idempotencyKey must be 1 to 128 characters/],
  ] satisfies [SmokeSpec, RegExp][])("rejects %j", async (spec, message) => {
    const error = await smoke({}, { ...SPEC, ...spec }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmokeConfigError);
    expect((error as Error).message).toMatch(message);
  });
});
