/**
 * Time as the generator sees it: a monotonic clock and one-shot timers. The real one is
 * `performance.now()` and `setTimeout`; tests drive a virtual one (testing/virtual-clock.ts), so the
 * schedule and the coordinated-omission correction are checked without waiting.
 */
export interface Clock {
  /** Milliseconds on a monotonic clock (sub-millisecond precision). */
  now(): number;
  /** Calls `fire` after `delayMs`; returns a function that cancels it. */
  after(delayMs: number, fire: () => void): () => void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  after: (delayMs, fire) => {
    // Node truncates a fractional delay: the tick may come a little early, and then finds nothing due
    // and waits again. Rounding up instead would make every request up to 1 ms late.
    const timer = setTimeout(fire, Math.max(0, delayMs));
    return () => clearTimeout(timer);
  },
};
