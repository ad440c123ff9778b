/**
 * The load test's vocabulary: the plan (how much, how long), what one request came back with, the
 * service level objective it is judged against, and the result a record of the run needs.
 * docs/cli.md (`readiness load`) describes the model.
 */

/** A constant arrival rate: request i is due at start + i / rps, whatever the target does (open model). */
export interface LoadPlan {
  /** Requests per second to start. */
  readonly rps: number;
  /** Sent first and not recorded: lets connections open and the target's caches and JIT warm up. */
  readonly warmupMs: number;
  /** The measured window, after the warmup. */
  readonly durationMs: number;
  /** Requests in flight at most; a request due while all are busy waits (and its wait counts). */
  readonly connections: number;
}

/** What one request came back with. A client never throws: every failure is an outcome. */
export interface RequestOutcome {
  /** 2xx (HTTP) or OK (gRPC). */
  readonly ok: boolean;
  /** The target answered (an error status included); false for refused, reset, timed out, TLS. */
  readonly answered: boolean;
  /** Why it is an error, e.g. "HTTP 503", "gRPC INTERNAL", "no answer within 5000 ms". */
  readonly detail?: string;
}

/** Sends request number `index` and calls `done` once with its outcome. */
export type SendRequest = (index: number, done: (outcome: RequestOutcome) => void) => void;

/** The objective a run is judged against, and where it came from (shown in every output). */
export interface SloTarget {
  readonly maxP99Ms: number;
  /** A fraction: 0.001 for 99.9% availability. */
  readonly maxErrorRate: number;
  /** "readiness.yml rules.slo-defined", "slo-defined defaults", "flags", later the SLO document. */
  readonly source: string;
}

/**
 * PASS and FAIL are evidence. INCONCLUSIVE (rate not held within 1%, target unreachable) and
 * PARTIAL (stopped by Ctrl-C: the figures cover what ran) never are.
 */
export type LoadVerdict = "PASS" | "FAIL" | "INCONCLUSIVE" | "PARTIAL";

/** Latency percentiles in milliseconds. */
export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** What the generator itself cost and how well it kept its schedule. */
export interface GeneratorFigures {
  /** How late requests left when a connection was free: the generator's own lag (timers, event loop). */
  readonly scheduleLagMs: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Measured requests that waited for a free connection (their wait is in the latency). */
  readonly waitedForConnection: number;
  /** Measured requests due in the window that were never sent (a backlog when the window closed). */
  readonly unsent: number;
  /** CPU time of the whole process while the run lasted (user + system), per request sent (warmup included). */
  readonly cpuMsPerRequest?: number;
}

/** What the target was and how it was spoken to. */
export interface LoadTargetDescription {
  /** `task`: the task contract's submit (POST /tasks or gRPC Submit); `plain`: one HTTP method and path. */
  readonly mode: "task" | "plain";
  readonly protocol: "http" | "grpc";
  readonly endpoint: string;
  /** "POST /tasks", "tasks.v1.TaskService/Submit", "GET /health". */
  readonly request: string;
}

export interface LoadResult {
  readonly targetRps: number;
  readonly achievedRps: number;
  /** Measured requests sent (warmup excluded). */
  readonly requests: number;
  readonly errors: number;
  /** From each request's scheduled time to its answer: waits for a connection or behind a stall count. */
  readonly latencyMs: Percentiles;
  readonly correctedForCoordinatedOmission: true;
  readonly verdict: LoadVerdict;
  /** Why the verdict: the SLO comparison, or why the run decides nothing. */
  readonly reason: string;
  /** Within 1% of the target rate; a run that was not does not count as evidence. */
  readonly rateHeld: boolean;
  readonly errorRate: number;
  /** From the moment each request was sent: what a closed-model tool would report (not corrected). */
  readonly serviceTimeMs: Percentiles;
  /** Error details with their counts, most frequent first. */
  readonly errorKinds: readonly { readonly detail: string; readonly count: number }[];
  readonly slo: SloTarget;
  readonly target: LoadTargetDescription;
  readonly plan: LoadPlan;
  /** ISO 8601, when the first request was due. */
  readonly startedAt: string;
  /** The measured window as it ran (shorter than planned when interrupted). */
  readonly durationMs: number;
  readonly generator: GeneratorFigures;
  /** Stopped before the end (Ctrl-C): figures cover what ran, and the run is not recorded. */
  readonly partial: boolean;
  /** Whether this run may be recorded as evidence, and why not. */
  readonly evidence: { readonly counts: boolean; readonly note: string };
}
