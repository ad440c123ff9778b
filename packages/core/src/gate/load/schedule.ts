import type { Clock } from "./clock";
import { LatencyHistogram } from "./histogram";
import type { LoadPlan, RequestOutcome, SendRequest } from "./types";

/** A look at a run while it goes, once per `progressEveryMs`. */
export interface ProgressSnapshot {
  readonly phase: "warmup" | "measure";
  /** Time into the phase, and the phase's planned length. */
  readonly phaseElapsedMs: number;
  readonly phaseMs: number;
  /** Requests started per second since the previous snapshot. */
  readonly currentRps: number;
  /** Measured requests answered or failed so far, and the errors among them. */
  readonly completed: number;
  readonly errors: number;
  /** Corrected P99 of the measured requests so far (0 during the warmup). */
  readonly p99Ms: number;
  readonly inFlight: number;
}

export interface ScheduleOptions {
  readonly onProgress?: (snapshot: ProgressSnapshot) => void;
  readonly progressEveryMs?: number;
  /** After `stop()`, how long to wait for requests in flight before giving up on them. */
  readonly stopGraceMs?: number;
}

/** What the schedule observed; `run.ts` turns it into a `LoadResult`. */
export interface ScheduleOutcome {
  /** Clock time at which request 0 was due. */
  readonly startMs: number;
  /** The measured window as planned in whole request slots (`measuredPlanned / rps`), and as it ran. */
  readonly plannedWindowMs: number;
  readonly ranWindowMs: number;
  readonly measuredPlanned: number;
  readonly measuredSent: number;
  /** Clock time the first measured request was due (the window's start, rounded up to a request slot). */
  readonly measuredFirstDueMs: number;
  /** Clock time the last measured request left; undefined when none did. */
  readonly lastMeasuredSendMs?: number;
  readonly measuredAnswered: number;
  readonly errors: number;
  readonly errorKinds: ReadonlyMap<string, number>;
  /** The first failure without an answer (refused, timeout), to say why nothing was answered. */
  readonly firstUnanswered?: string;
  /** Corrected: from each request's due time. */
  readonly latency: LatencyHistogram;
  /** Uncorrected: from each request's send time. */
  readonly serviceTime: LatencyHistogram;
  /** Due → sent, for requests that found a free connection: the generator's own lateness. */
  readonly scheduleLag: LatencyHistogram;
  readonly waitedForConnection: number;
  readonly unsent: number;
  /** Every request sent, the warmup's included. */
  readonly totalSent: number;
  readonly interrupted: boolean;
  /** Requests still in flight when a stop's grace ran out (not recorded). */
  readonly abandoned: number;
}

export interface ScheduledRun {
  readonly done: Promise<ScheduleOutcome>;
  /** Stops sending now (Ctrl-C); `done` resolves once the requests in flight end or the grace passes. */
  stop(): void;
}

/** Tolerates float error in `ms × rps / 1000` so a slot exactly on a boundary is counted once. */
const EPSILON = 1e-9;

/**
 * The open model: request i is due at start + i/rps, whatever the target does. Latency is measured
 * from the due time, so a request that waited for a free connection, or behind a stalled target,
 * counts its wait: the correction for coordinated omission (a closed-loop client sends the next
 * request only after the last answer, and so never measures the requests it failed to send).
 *
 * Due times are computed from the index, never accumulated, so the schedule cannot drift. A timer
 * wakes the generator at the next due time; every completion also sends whatever has come due, so at
 * high rates sends ride on I/O callbacks rather than on the timer's millisecond granularity. A late
 * wake-up catches up: everything due is sent at once.
 */
export const runSchedule = (
  plan: LoadPlan,
  send: SendRequest,
  clock: Clock,
  options: ScheduleOptions = {},
): ScheduledRun => {
  const { rps, connections } = plan;
  const slotsBefore = (ms: number): number => Math.max(0, Math.ceil((ms * rps) / 1000 - EPSILON));
  const warmupCount = slotsBefore(plan.warmupMs);
  const total = slotsBefore(plan.warmupMs + plan.durationMs);
  const start = clock.now();
  const dueOf = (index: number): number => start + (index * 1000) / rps;
  const windowStart = start + plan.warmupMs;
  const windowEnd = windowStart + plan.durationMs;

  const latency = new LatencyHistogram();
  const serviceTime = new LatencyHistogram();
  const scheduleLag = new LatencyHistogram();
  const errorKinds = new Map<string, number>();
  let firstUnanswered: string | undefined;
  let next = 0;
  let inFlight = 0;
  let measuredSent = 0;
  let lastMeasuredSendMs: number | undefined;
  let measuredCompleted = 0;
  let measuredAnswered = 0;
  let errors = 0;
  let waitedForConnection = 0;
  /** Every index up to this one was found due while all connections were busy. */
  let blockedThrough = -1;
  let closed = false;
  let closedAt = windowEnd;
  let interrupted = false;
  let finished = false;
  let pumping = false;
  let pumpAgain = false;
  let tickAt = Number.POSITIVE_INFINITY;
  let cancelTick: (() => void) | undefined;
  const timers: (() => void)[] = [];

  let resolveDone: (outcome: ScheduleOutcome) => void = () => {};
  const done = new Promise<ScheduleOutcome>((resolve) => {
    resolveDone = resolve;
  });

  const finish = (abandoned: number): void => {
    if (finished) return;
    finished = true;
    cancelTick?.();
    for (const cancel of timers) cancel();
    const sentMeasured = Math.max(0, next - warmupCount);
    resolveDone({
      startMs: start,
      plannedWindowMs: ((total - warmupCount) * 1000) / rps,
      ranWindowMs: Math.max(0, Math.min(closedAt, windowEnd) - windowStart),
      measuredPlanned: total - warmupCount,
      measuredSent,
      measuredFirstDueMs: dueOf(warmupCount),
      lastMeasuredSendMs,
      measuredAnswered,
      errors,
      errorKinds,
      firstUnanswered,
      latency,
      serviceTime,
      scheduleLag,
      waitedForConnection,
      unsent: interrupted ? 0 : total - warmupCount - sentMeasured,
      totalSent: next,
      interrupted,
      abandoned,
    });
  };

  const complete = (dueMs: number, sentMs: number, measured: boolean, outcome: RequestOutcome): void => {
    inFlight -= 1;
    const now = clock.now();
    if (measured && !finished) {
      measuredCompleted += 1;
      latency.recordMs(now - dueMs);
      serviceTime.recordMs(now - sentMs);
      if (outcome.answered) measuredAnswered += 1;
      if (!outcome.ok) {
        errors += 1;
        const detail = outcome.detail ?? "error";
        errorKinds.set(detail, (errorKinds.get(detail) ?? 0) + 1);
        if (!outcome.answered) firstUnanswered ??= detail;
      }
    }
    if (closed) {
      if (inFlight === 0) finish(0);
    } else pump();
  };

  const sendOne = (index: number, now: number): void => {
    const dueMs = dueOf(index);
    const measured = index >= warmupCount;
    if (measured) {
      measuredSent += 1;
      lastMeasuredSendMs = now;
      if (index <= blockedThrough) waitedForConnection += 1;
      else scheduleLag.recordMs(now - dueMs);
    }
    inFlight += 1;
    send(index, (outcome) => complete(dueMs, now, measured, outcome));
  };

  /** Sends every request due by now that a free connection can take; re-entrant calls are folded in. */
  const pump = (): void => {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    do {
      pumpAgain = false;
      if (closed) break;
      const now = clock.now();
      const dueBy = Math.min(total, Math.floor(((now - start) * rps) / 1000 + EPSILON) + 1);
      while (next < dueBy && inFlight < connections) sendOne(next++, now);
      if (next < dueBy) blockedThrough = Math.max(blockedThrough, dueBy - 1);
      if (dueBy < total) wakeAt(dueOf(dueBy), now);
    } while (pumpAgain);
    pumping = false;
  };

  const wakeAt = (at: number, now: number): void => {
    if (cancelTick && tickAt <= at) return;
    cancelTick?.();
    tickAt = at;
    cancelTick = clock.after(at - now, () => {
      cancelTick = undefined;
      tickAt = Number.POSITIVE_INFINITY;
      pump();
    });
  };

  const close = (now: number): void => {
    closed = true;
    closedAt = now;
    cancelTick?.();
    cancelTick = undefined;
    for (const cancel of timers) cancel();
  };

  timers.push(
    clock.after(windowEnd - start, () => {
      pump();
      close(clock.now());
      if (inFlight === 0) finish(0);
    }),
  );

  const every = options.progressEveryMs ?? 1000;
  if (options.onProgress) {
    const report = options.onProgress;
    let lastAt = start;
    let lastSent = 0;
    let ticks = 0;
    // Snapshots are due at start + k·every (no drift), and a snapshot due at the window's start
    // closes the warmup: its phase is the one its due time ends, whatever the timer's lateness.
    const snapshot = (): void => {
      const now = clock.now();
      const dueAt = start + ticks * every;
      const measuring = dueAt > windowStart;
      report({
        phase: measuring ? "measure" : "warmup",
        phaseElapsedMs: measuring ? now - windowStart : Math.min(now - start, plan.warmupMs),
        phaseMs: measuring ? plan.durationMs : plan.warmupMs,
        currentRps: now > lastAt ? ((next - lastSent) * 1000) / (now - lastAt) : 0,
        completed: measuredCompleted,
        errors,
        p99Ms: latency.atPercentileMs(99),
        inFlight,
      });
      lastAt = now;
      lastSent = next;
      scheduleSnapshot();
    };
    const scheduleSnapshot = (): void => {
      if (closed) return;
      ticks += 1;
      timers.push(clock.after(start + ticks * every - clock.now(), snapshot));
    };
    scheduleSnapshot();
  }

  pump();
  if (total === 0) {
    close(start);
    finish(0);
  }

  return {
    done,
    stop() {
      if (finished) return;
      interrupted = true;
      if (!closed) close(clock.now());
      if (inFlight === 0) return finish(0);
      timers.push(clock.after(options.stopGraceMs ?? 1000, () => finish(inFlight)));
    },
  };
};
