import { describe, expect, it } from "vitest";
import type { Clock } from "./clock";
import { type ProgressSnapshot, runSchedule } from "./schedule";
import { type StallingTargetOptions, stallingTarget } from "@readiness/devkit/load/stalling-target";
import { VirtualClock } from "@readiness/devkit/load/virtual-clock";
import type { LoadPlan } from "./types";

/**
 * Runs a whole schedule against a stalling target on the virtual clock (virtual seconds in real
 * milliseconds, same figures every time): the outcome, and the target with its arrivals.
 */
const runAgainstTarget = async (plan: LoadPlan, behaviour: StallingTargetOptions) => {
  const clock = new VirtualClock();
  const target = stallingTarget(clock, behaviour);
  const run = runSchedule(plan, target.send, clock);
  clock.run();
  return { outcome: await run.done, target };
};

describe("the open-model schedule", () => {
  it("sends request i at exactly start + i/rps, without drift over a long run", async () => {
    // 3 req/s: a period of 333.33… ms, which an accumulating scheduler rounds away over time.
    const { outcome, target } = await runAgainstTarget(
      { rps: 3, warmupMs: 0, durationMs: 100_000, connections: 10 },
      { serviceMs: 1 },
    );
    expect(outcome.measuredSent).toBe(300);
    expect(target.arrivals.size).toBe(300);
    for (const index of [0, 1, 2, 150, 299]) expect(target.arrivals.get(index)).toBeCloseTo((index * 1000) / 3, 6);
    expect(outcome.unsent).toBe(0);
    expect(outcome.scheduleLag.maxMs).toBe(0);
  });

  it("sends the warmup's requests but records only the measured window's", async () => {
    const { outcome, target } = await runAgainstTarget(
      { rps: 100, warmupMs: 500, durationMs: 1_000, connections: 10 },
      { serviceMs: 2 },
    );
    expect(outcome.totalSent).toBe(150);
    expect(outcome.measuredPlanned).toBe(100);
    expect(outcome.measuredSent).toBe(100);
    expect(outcome.latency.count).toBe(100);
    expect(outcome.plannedWindowMs).toBe(1_000);
    expect(target.arrivals.get(50)).toBe(500);
  });

  it("catches up after a late wake-up: everything due is sent at once, and the wait is in the latency", async () => {
    // The event loop is blocked from 100 ms to 300 ms: no timer fires in between.
    const clock = new VirtualClock();
    const blocked: Clock = {
      now: clock.now,
      after: (delayMs, fire) => {
        const at = clock.now() + delayMs;
        return clock.after(at > 100 && at < 300 ? 300 - clock.now() : delayMs, fire);
      },
    };
    const target = stallingTarget(clock, { serviceMs: 1 });
    const run = runSchedule({ rps: 100, warmupMs: 0, durationMs: 1_000, connections: 50 }, target.send, blocked);
    clock.run();
    const outcome = await run.done;
    expect(outcome.measuredSent).toBe(100);
    expect(outcome.unsent).toBe(0);
    // Requests due at 110…290 ms all left at 300 ms; request 31 is due at 310 ms and leaves on time.
    for (let index = 11; index <= 30; index++) expect(target.arrivals.get(index)).toBe(300);
    expect(target.arrivals.get(31)).toBe(310);
    expect(outcome.scheduleLag.maxMs).toBeCloseTo(190, 0);
    expect(outcome.latency.maxMs).toBeCloseTo(191, 0);
  });

  it("never has more requests in flight than connections; a request due while all are busy waits and is counted", async () => {
    // 2 connections × 1 answer per 50 ms = 40 req/s at most, for a target of 100 req/s.
    const { outcome, target } = await runAgainstTarget(
      { rps: 100, warmupMs: 0, durationMs: 2_000, connections: 2 },
      { serviceMs: 50 },
    );
    expect(target.maxInFlight()).toBe(2);
    expect(outcome.measuredSent).toBe(80);
    expect(outcome.unsent).toBe(120);
    expect(outcome.waitedForConnection).toBeGreaterThan(70);
    // The corrected latency grows with the backlog; the service time stays the target's 50 ms.
    expect(outcome.serviceTime.maxMs).toBeCloseTo(50, 0);
    expect(outcome.latency.maxMs).toBeGreaterThan(1_000);
  });

  it("counts errors and their kinds, and whether anything was answered", async () => {
    const { outcome } = await runAgainstTarget(
      { rps: 100, warmupMs: 0, durationMs: 1_000, connections: 10 },
      { serviceMs: 1, failing: (index) => index % 10 === 0 },
    );
    expect(outcome.errors).toBe(10);
    expect([...outcome.errorKinds]).toEqual([["HTTP 503", 10]]);
    expect(outcome.measuredAnswered).toBe(100);
    expect(outcome.firstUnanswered).toBeUndefined();
  });

  it("reports progress once a second: phase, rate, errors, P99", async () => {
    const clock = new VirtualClock();
    const target = stallingTarget(clock, { serviceMs: 2 });
    const snapshots: ProgressSnapshot[] = [];
    const run = runSchedule({ rps: 50, warmupMs: 1_000, durationMs: 2_000, connections: 10 }, target.send, clock, {
      onProgress: (snapshot) => snapshots.push(snapshot),
    });
    clock.run();
    await run.done;
    expect(snapshots.map((s) => [s.phase, s.phaseElapsedMs, s.currentRps])).toEqual([
      ["warmup", 1_000, 50],
      ["measure", 1_000, 50],
    ]);
    expect(snapshots[1].p99Ms).toBeCloseTo(2, 1);
  });

  it("stops on request: no more sends, the requests in flight end, the run is marked interrupted", async () => {
    const clock = new VirtualClock();
    const target = stallingTarget(clock, { serviceMs: 30 });
    const run = runSchedule({ rps: 100, warmupMs: 0, durationMs: 10_000, connections: 10 }, target.send, clock);
    clock.run(2_495);
    run.stop();
    clock.run();
    const outcome = await run.done;
    expect(outcome.interrupted).toBe(true);
    expect(outcome.ranWindowMs).toBe(2_495);
    expect(outcome.measuredSent).toBe(250);
    expect(target.arrivals.size).toBe(250);
    expect(outcome.latency.count).toBe(250);
    expect(outcome.abandoned).toBe(0);
  });

  it("gives up on requests still in flight when the stop's grace passes", async () => {
    const clock = new VirtualClock();
    const target = stallingTarget(clock, { serviceMs: 5_000 });
    const run = runSchedule({ rps: 10, warmupMs: 0, durationMs: 10_000, connections: 100 }, target.send, clock, {
      stopGraceMs: 1_000,
    });
    clock.run(1_000);
    run.stop();
    clock.run();
    const outcome = await run.done;
    expect(outcome.interrupted).toBe(true);
    expect(outcome.abandoned).toBe(11);
    expect(outcome.latency.count).toBe(0);
  });
});

describe("coordinated omission: a target that stalls 50 ms every second", () => {
  // 200 req/s for 10 s, 1 ms answers, a 50 ms stall at every whole second. Requests due during a stall
  // are 5% of all: their true latency runs up to 51 ms, so the true P99 is about 46 ms.
  const plan = (connections: number): LoadPlan => ({ rps: 200, warmupMs: 0, durationMs: 10_000, connections });
  const stalling: StallingTargetOptions = { serviceMs: 1, stallEveryMs: 1_000, stallMs: 50 };

  it("Noncompliance shows: with one connection, the corrected P99 shows the stall and the uncorrected one does not", async () => {
    const { outcome } = await runAgainstTarget(plan(1), stalling);
    expect(outcome.measuredSent).toBe(2_000);
    expect(outcome.unsent).toBe(0);
    // The requests queued behind the stall leave late; measured from their due time they count their wait.
    expect(outcome.latency.atPercentileMs(99)).toBeGreaterThanOrEqual(40);
    expect(outcome.latency.maxMs).toBeCloseTo(51, 0);
    // Measured from the send, as a closed-loop client measures, only the one request caught in each
    // stall is slow: 10 of 2,000, under the 1% a P99 looks at.
    expect(outcome.serviceTime.atPercentileMs(99)).toBeLessThanOrEqual(2);
    expect(outcome.waitedForConnection).toBeGreaterThan(0);
  });

  it("with connections to spare, nothing waits to be sent, so both measures see the stall", async () => {
    const { outcome } = await runAgainstTarget(plan(50), stalling);
    expect(outcome.waitedForConnection).toBe(0);
    expect(outcome.latency.atPercentileMs(99)).toBeGreaterThanOrEqual(40);
    expect(outcome.serviceTime.atPercentileMs(99)).toBeCloseTo(outcome.latency.atPercentileMs(99), 3);
  });
});
