import { type Clock, realClock } from "./clock";
import type { LoadClient } from "./clients/client";
import { judgeRate } from "./rate";
import { type ProgressSnapshot, runSchedule, type ScheduleOutcome } from "./schedule";
import type { LoadPlan, LoadResult, LoadTargetDescription, Percentiles, SloTarget } from "./types";
import { decideLoadVerdict } from "./verdict";

export interface LoadRunInput {
  readonly target: LoadTargetDescription;
  readonly client: LoadClient;
  readonly plan: LoadPlan;
  readonly slo: SloTarget;
  /** Aborting stops the run (Ctrl-C): the result is partial and not recorded. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (snapshot: ProgressSnapshot) => void;
  readonly progressEveryMs?: number;
  readonly stopGraceMs?: number;
  /** Swapped in tests; the real ones by default. */
  readonly clock?: Clock;
  readonly wallClock?: () => Date;
  readonly cpuUsage?: () => NodeJS.CpuUsage;
}

/** Error kinds listed in a result; the rest are summed under "other". */
const MAX_ERROR_KINDS = 10;

/**
 * Runs a load test and returns everything a record of it needs. Never throws for what the target
 * does: an unreachable target, errors, a rate not held and an interruption are all in the result.
 */
export const runLoadTest = async (input: LoadRunInput): Promise<LoadResult> => {
  const { plan, client } = input;
  const wallClock = input.wallClock ?? (() => new Date());
  const cpuUsage = input.cpuUsage ?? (() => process.cpuUsage());
  try {
    const preflight = await raceAbort(client.preflight(), input.signal);
    if (preflight === "aborted") return notRun(input, wallClock(), "interrupted before the first request", true);
    if (!preflight.answered)
      return notRun(input, wallClock(), `target unreachable: ${preflight.detail ?? "no answer"}`, false);

    const startedAt = wallClock();
    const cpuBefore = cpuUsage();
    const run = runSchedule(plan, client.send, input.clock ?? realClock, {
      onProgress: input.onProgress,
      progressEveryMs: input.progressEveryMs,
      stopGraceMs: input.stopGraceMs,
    });
    const stop = () => run.stop();
    if (input.signal?.aborted) stop();
    input.signal?.addEventListener("abort", stop, { once: true });
    const outcome = await run.done;
    input.signal?.removeEventListener("abort", stop);
    const cpu = cpuUsage();
    const cpuMs = (cpu.user - cpuBefore.user + cpu.system - cpuBefore.system) / 1000;
    return resultOf(input, outcome, startedAt, outcome.totalSent > 0 ? cpuMs / outcome.totalSent : undefined);
  } finally {
    await client.close();
  }
};

const resultOf = (
  input: LoadRunInput,
  outcome: ScheduleOutcome,
  startedAt: Date,
  cpuMsPerRequest?: number,
): LoadResult => {
  const { plan, slo } = input;
  const partial = outcome.interrupted;
  const windowMs = sendingWindowMs(plan, outcome);
  const achievedRps = windowMs > 0 ? outcome.measuredSent / (windowMs / 1000) : 0;
  const rate = judgeRate(plan.rps, achievedRps, { ...outcome, scheduleLagMaxMs: outcome.scheduleLag.maxMs });
  const errorKinds = topKinds(outcome.errorKinds);
  const latencyMs = rounded(outcome.latency.percentiles());
  const decision = decideLoadVerdict({
    partial,
    interruption: `interrupted after ${seconds(outcome.ranWindowMs)} of the ${seconds(plan.durationMs)} measured${outcome.abandoned > 0 ? ` (${outcome.abandoned} requests still in flight left out)` : ""}`,
    measuredSent: outcome.measuredSent,
    measuredAnswered: outcome.measuredAnswered,
    firstUnanswered: outcome.firstUnanswered,
    rate,
    errors: outcome.errors,
    p99Ms: latencyMs.p99,
    slo,
    topError: errorKinds[0]?.detail,
  });
  const lag = outcome.scheduleLag;
  // The issue's JSON contract first, in its order; the rest after it.
  return {
    targetRps: plan.rps,
    achievedRps: round(achievedRps, 2),
    requests: outcome.measuredSent,
    errors: outcome.errors,
    latencyMs,
    correctedForCoordinatedOmission: true,
    verdict: decision.verdict,
    reason: decision.reason,
    rateHeld: rate.held && !partial,
    errorRate: outcome.measuredSent > 0 ? round(outcome.errors / outcome.measuredSent, 6) : 0,
    serviceTimeMs: rounded(outcome.serviceTime.percentiles()),
    errorKinds,
    slo,
    target: input.target,
    plan,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(windowMs),
    generator: {
      scheduleLagMs: {
        p50: round(lag.atPercentileMs(50), 3),
        p99: round(lag.atPercentileMs(99), 3),
        max: round(lag.maxMs, 3),
      },
      waitedForConnection: outcome.waitedForConnection,
      unsent: outcome.unsent,
      ...(cpuMsPerRequest === undefined ? {} : { cpuMsPerRequest: round(cpuMsPerRequest, 4) }),
    },
    partial,
    evidence: decision.evidence,
  };
};

/**
 * The time the measured requests took to leave: the planned window, or longer when the last of
 * them left late. A generator that fell behind and caught up in a burst at the end sent them all,
 * but not at the rate it claims; counting the overrun shows it. (An interrupted run: what ran.)
 */
const sendingWindowMs = (plan: LoadPlan, outcome: ScheduleOutcome): number => {
  if (outcome.interrupted) return outcome.ranWindowMs;
  if (outcome.lastMeasuredSendMs === undefined) return outcome.plannedWindowMs;
  // The last request owns one period after it leaves, as every other one does.
  const spanned = outcome.lastMeasuredSendMs - outcome.measuredFirstDueMs + 1000 / plan.rps;
  return Math.max(outcome.plannedWindowMs, spanned);
};

/** The result of a run that never started: the preflight found no target, or Ctrl-C came first. */
const notRun = (input: LoadRunInput, at: Date, reason: string, partial: boolean): LoadResult => {
  const zero: Percentiles = { p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
  return {
    targetRps: input.plan.rps,
    achievedRps: 0,
    requests: 0,
    errors: 0,
    latencyMs: zero,
    correctedForCoordinatedOmission: true,
    verdict: partial ? "PARTIAL" : "INCONCLUSIVE",
    reason: partial ? `${reason}: partial result, not recorded` : reason,
    rateHeld: false,
    errorRate: 0,
    serviceTimeMs: zero,
    errorKinds: [],
    slo: input.slo,
    target: input.target,
    plan: input.plan,
    startedAt: at.toISOString(),
    durationMs: 0,
    generator: { scheduleLagMs: { p50: 0, p99: 0, max: 0 }, waitedForConnection: 0, unsent: 0 },
    partial,
    evidence: {
      counts: false,
      note: partial
        ? "not recorded: the run was interrupted (partial result)"
        : "not evidence: the target never answered",
    },
  };
};

const raceAbort = <T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | "aborted"> => {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve("aborted");
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve("aborted");
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
};

const topKinds = (kinds: ReadonlyMap<string, number>): { detail: string; count: number }[] => {
  const sorted = [...kinds].map(([detail, count]) => ({ detail, count })).sort((a, b) => b.count - a.count);
  if (sorted.length <= MAX_ERROR_KINDS) return sorted;
  const other = sorted.slice(MAX_ERROR_KINDS - 1).reduce((sum, kind) => sum + kind.count, 0);
  return [...sorted.slice(0, MAX_ERROR_KINDS - 1), { detail: "other", count: other }];
};

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Microsecond precision, as recorded. */
const rounded = (p: Percentiles): Percentiles => ({
  p50: round(p.p50, 3),
  p90: round(p.p90, 3),
  p99: round(p.p99, 3),
  p999: round(p.p999, 3),
  max: round(p.max, 3),
});

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
