import { formatDuration } from "../../../kernel/backoff";
import { LiveDeadlineError, LiveRunEndedError } from "./errors";

/** One request in flight: where it went, what it asked, and since when. */
export interface PendingRequest {
  readonly endpoint: string;
  readonly action: string;
  readonly since: number;
}

/** Long enough for a large account at the adapter's request rate; an endpoint that never answers still ends the run. */
export const DEFAULT_LIVE_DEADLINE_MS = 5 * 60_000;

/** "5 min", "4.9 min", "45 s", "1.5 s", "500 ms": how deadlines and waits read in messages. */
export const formatDeadline = (ms: number): string => {
  if (ms < 60_000) return formatDuration(ms);
  const minutes = Math.round(ms / 6_000) / 10;
  return `${minutes} min`;
};

/** How often a long wait is reported at most (shorter deadlines report at half their length). */
const WAITING_REPORT_MS = 10_000;

/**
 * The time a whole live run may take (`check --live --deadline`). Requests register while in
 * flight, so when the deadline passes the run can name the endpoint that did not answer. Once the
 * deadline passes, or the run ends, every request still waiting is rejected at once and no new
 * one is sent: a retry or a queued request never keeps a finished process alive.
 */
export class LiveDeadline {
  private readonly pending = new Set<PendingRequest>();
  private readonly waiters = new Set<(reason: Error) => void>();
  private stopReason?: Error;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    readonly ms: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Starts the clock. `onWaiting` hears about the oldest unanswered request while it waits
   * (every 10 s, or every half deadline when that is shorter), so a hang is visible before it ends.
   */
  start(onWaiting?: (request: PendingRequest, waitedMs: number) => void): void {
    this.timers.push(setTimeout(() => this.expire(), this.ms));
    if (onWaiting) {
      const every = Math.min(WAITING_REPORT_MS, Math.max(1, Math.floor(this.ms / 2)));
      this.timers.push(
        setInterval(() => {
          const oldest = this.oldest();
          if (oldest) onWaiting(oldest, this.now() - oldest.since);
        }, every),
      );
    }
  }

  /** The run is over (either way): clears the clock and refuses whatever is still in flight or queued. */
  end(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    this.stop(new LiveRunEndedError("the live run has ended"));
  }

  /** The error the run stops with, once the deadline has passed or the run ended; undefined while it may go on. */
  get stopped(): Error | undefined {
    return this.stopReason;
  }

  /** Registers a request in flight; call the returned function when it is answered (or fails). */
  track(endpoint: string, action: string): () => void {
    const request: PendingRequest = { endpoint, action, since: this.now() };
    this.pending.add(request);
    return () => this.pending.delete(request);
  }

  /** Settles like `work`, or rejects as soon as the deadline passes or the run ends. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.stopReason) {
      work.catch(() => undefined);
      return Promise.reject(this.stopReason);
    }
    return new Promise<T>((resolve, reject) => {
      this.waiters.add(reject);
      work.then(resolve, reject).finally(() => this.waiters.delete(reject));
    });
  }

  private oldest(): PendingRequest | undefined {
    let oldest: PendingRequest | undefined;
    for (const request of this.pending) if (!oldest || request.since < oldest.since) oldest = request;
    return oldest;
  }

  private expire(): void {
    const waiting = this.oldest();
    const within = `within the ${formatDeadline(this.ms)} deadline`;
    this.stop(
      new LiveDeadlineError(
        this.ms,
        waiting?.endpoint,
        waiting?.action,
        waiting
          ? `no answer from ${waiting.endpoint} ${within} (waiting on ${waiting.action} for ${formatDeadline(this.now() - waiting.since)})`
          : `the live check did not finish ${within}`,
      ),
    );
  }

  private stop(reason: Error): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    for (const reject of this.waiters) reject(reason);
    this.waiters.clear();
  }
}
