import type { Clock } from "@readiness/core/gate/load/clock";
import { stallingTarget } from "@readiness/devkit/load/stalling-target";
import { VirtualClock } from "@readiness/devkit/load/virtual-clock";
import { describe, expect, it } from "vitest";
import type { LoadClient } from "./clients/client";
import { runLoadTest } from "./run";
import type { LoadPlan, SendRequest } from "./types";

const slo = { maxP99Ms: 100, maxErrorRate: 0.001, source: "slo-defined defaults" };
const target = { mode: "plain", protocol: "http", endpoint: "http://target", request: "GET /health" } as const;
const clientOf = (send: SendRequest): LoadClient => ({
  send,
  preflight: async () => ({ ok: true, answered: true }),
  close: async () => {},
});

/** Runs `runLoadTest` on a virtual clock: the preflight resolves first, then the clock runs the schedule. */
const runVirtual = async (
  plan: LoadPlan,
  clock: VirtualClock,
  send: SendRequest,
  timers: Clock = clock,
  abort?: AbortController,
) => {
  const result = runLoadTest({
    target,
    client: clientOf(send),
    plan,
    slo,
    clock: timers,
    signal: abort?.signal,
    wallClock: () => new Date("2026-12-06T12:00:00Z"),
    cpuUsage: () => ({ user: 0, system: 0 }),
  });
  await new Promise((resolve) => setImmediate(resolve));
  return { result, clock };
};

/** A run on a virtual clock against a target answering in `serviceMs`, Ctrl-C'd `interruptAfterMs` in. */
const interruptedRun = async (plan: LoadPlan, serviceMs: number, interruptAfterMs: number) => {
  const clock = new VirtualClock();
  const abort = new AbortController();
  const { result } = await runVirtual(plan, clock, stallingTarget(clock, { serviceMs }).send, clock, abort);
  clock.run(interruptAfterMs);
  abort.abort();
  clock.run();
  return result;
};

describe("a load run's result", () => {
  it("Compliance: a run that kept its schedule achieves the target rate and PASSes", async () => {
    const clock = new VirtualClock();
    const { result } = await runVirtual(
      { rps: 500, warmupMs: 1_000, durationMs: 5_000, connections: 50 },
      clock,
      stallingTarget(clock, { serviceMs: 2 }).send,
    );
    clock.run();
    const run = await result;
    expect(run).toMatchObject({
      targetRps: 500,
      achievedRps: 500,
      requests: 2_500,
      errors: 0,
      verdict: "PASS",
      rateHeld: true,
      partial: false,
    });
    expect(run.latencyMs.p99).toBeCloseTo(2, 1);
    expect(run.evidence.counts).toBe(true);
  });

  it("Compliance: the achieved rate is exact when the warmup does not end on a request slot", async () => {
    // 3 req/s: slots at 0, 333.3, 666.7, 1,000… ms; a 500 ms warmup ends between two of them.
    const clock = new VirtualClock();
    const { result } = await runVirtual(
      { rps: 3, warmupMs: 500, durationMs: 10_000, connections: 10 },
      clock,
      stallingTarget(clock, { serviceMs: 1 }).send,
    );
    clock.run();
    const run = await result;
    expect(run.requests).toBe(30);
    expect(run.achievedRps).toBe(3);
    expect(run.verdict).toBe("PASS");
  });

  it("Noncompliance: a generator that fell behind and sent its backlog late in a burst did not hold its rate", async () => {
    // No timer fires between 500 ms and 1,200 ms (a blocked event loop): the 50 requests due in
    // 500–1,000 ms and the window's end all happen at 1,200 ms. Every request was sent, but over 1.2 s.
    const clock = new VirtualClock();
    const blocked: Clock = {
      now: clock.now,
      after: (delayMs, fire) => {
        const at = clock.now() + delayMs;
        return clock.after(at > 500 && at < 1_200 ? 1_200 - clock.now() : delayMs, fire);
      },
    };
    const { result } = await runVirtual(
      { rps: 100, warmupMs: 0, durationMs: 1_000, connections: 100 },
      clock,
      stallingTarget(clock, { serviceMs: 1 }).send,
      blocked,
    );
    clock.run();
    const run = await result;
    expect(run.requests).toBe(100);
    expect(run.achievedRps).toBeCloseTo(100 / 1.21, 1);
    expect(run.verdict).toBe("INCONCLUSIVE");
    expect(run.reason).toContain("the last requests left late");
    expect(run.evidence.counts).toBe(false);
  });

  it("Noncompliance: Ctrl-C gives a PARTIAL result over what ran, never evidence", async () => {
    const run = await interruptedRun({ rps: 100, warmupMs: 0, durationMs: 10_000, connections: 10 }, 1, 3_000);
    expect(run).toMatchObject({ verdict: "PARTIAL", partial: true, requests: 301, durationMs: 3_000 });
    expect(run.reason).toBe("interrupted after 3.0 s of the 10 s measured: partial result, not recorded");
    expect(run.evidence.counts).toBe(false);
  });

  it("Noncompliance: Ctrl-C with slow requests in flight: the ones still out after the grace are left out, and the reason says so", async () => {
    const run = await interruptedRun({ rps: 10, warmupMs: 0, durationMs: 10_000, connections: 100 }, 5_000, 1_000);
    expect(run.verdict).toBe("PARTIAL");
    expect(run.reason).toBe(
      "interrupted after 1.0 s of the 10 s measured (11 requests still in flight left out): partial result, not recorded",
    );
  });

  it("Noncompliance: an unreachable target is INCONCLUSIVE before any request is scheduled", async () => {
    const run = await runLoadTest({
      target,
      client: {
        ...clientOf(() => {}),
        preflight: async () => ({ ok: false, answered: false, detail: "connection refused" }),
      },
      plan: { rps: 100, warmupMs: 0, durationMs: 1_000, connections: 10 },
      slo,
    });
    expect(run).toMatchObject({
      verdict: "INCONCLUSIVE",
      requests: 0,
      reason: "target unreachable: connection refused",
    });
  });
});
