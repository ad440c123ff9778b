import type { Clock } from "@readiness/core/gate/load/clock";

interface Pending {
  readonly at: number;
  readonly order: number;
  readonly fire: () => void;
  cancelled: boolean;
}

/**
 * A clock that only moves when run: timers fire in time order (ties in the order they were set) and
 * `now()` is the firing timer's time. Everything happens synchronously, so a whole load run over
 * virtual seconds takes milliseconds and gives the same figures every time.
 */
export class VirtualClock implements Clock {
  private time = 0;
  private order = 0;
  private pending: Pending[] = [];

  now = (): number => this.time;

  after = (delayMs: number, fire: () => void): (() => void) => {
    const timer: Pending = { at: this.time + Math.max(0, delayMs), order: this.order++, fire, cancelled: false };
    this.pending.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };

  /** Fires timers in order until none is left or the next is after `untilMs`; returns how many fired. */
  run(untilMs = Number.POSITIVE_INFINITY): number {
    let fired = 0;
    for (;;) {
      this.pending = this.pending.filter((t) => !t.cancelled);
      if (this.pending.length === 0) break;
      let next = this.pending[0];
      for (const t of this.pending) if (t.at < next.at || (t.at === next.at && t.order < next.order)) next = t;
      if (next.at > untilMs) break;
      this.pending.splice(this.pending.indexOf(next), 1);
      this.time = Math.max(this.time, next.at);
      next.fire();
      fired += 1;
    }
    if (Number.isFinite(untilMs)) this.time = Math.max(this.time, untilMs);
    return fired;
  }
}
