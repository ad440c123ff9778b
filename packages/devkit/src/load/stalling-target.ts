import type { Clock } from "@readiness/core/gate/load/clock";
import type { RequestOutcome, SendRequest } from "@readiness/core/gate/load/types";

export interface StallingTargetOptions {
  /** Time to answer a request outside a stall. */
  readonly serviceMs: number;
  /** A stall of `stallMs` starts every `stallEveryMs` (at 0, stallEveryMs, 2·stallEveryMs, … of the clock). */
  readonly stallEveryMs?: number;
  readonly stallMs?: number;
  /** Answer these request indexes with an error status. */
  readonly failing?: (index: number) => boolean;
}

export interface FakeTarget {
  readonly send: SendRequest;
  /** When each request arrived, by index. */
  readonly arrivals: Map<number, number>;
  /** The most requests in flight at once. */
  readonly maxInFlight: () => number;
}

/**
 * A server on a virtual clock that answers after `serviceMs`, except that it stalls (a GC pause, a
 * blocked event loop) for `stallMs` every `stallEveryMs`: nothing is answered during a stall, so a
 * request that arrives in one, or would finish in one, is answered when it ends.
 */
export const stallingTarget = (clock: Clock, options: StallingTargetOptions): FakeTarget => {
  const arrivals = new Map<number, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const afterStall = (t: number): number => {
    const { stallEveryMs, stallMs } = options;
    if (!stallEveryMs || !stallMs) return t;
    const into = t % stallEveryMs;
    return into < stallMs ? t - into + stallMs : t;
  };
  const send: SendRequest = (index, done) => {
    const now = clock.now();
    arrivals.set(index, now);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const answeredAt = afterStall(afterStall(now) + options.serviceMs);
    const outcome: RequestOutcome = options.failing?.(index)
      ? { ok: false, answered: true, detail: "HTTP 503" }
      : { ok: true, answered: true };
    clock.after(answeredAt - now, () => {
      inFlight -= 1;
      done(outcome);
    });
  };
  return { send, arrivals, maxInFlight: () => maxInFlight };
};
