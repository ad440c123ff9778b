/**
 * The smoke test's vocabulary: what it talks to (target), what it expects (spec) and what it
 * found (run). docs/smoke.md and docs/task-service-contract.md describe the protocol.
 */

export type SmokeProtocol = "http" | "grpc";
export const SMOKE_PROTOCOLS: readonly SmokeProtocol[] = ["http", "grpc"];

/** Client TLS material: files, or a Secrets Manager secret JSON {cert, key, ca?} fetched through a loader. */
export interface SmokeTls {
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly secretId?: string;
}

export interface SmokeTarget {
  readonly protocol: SmokeProtocol;
  /** HTTP: base URL (`https://api.example.com/prefix`). gRPC: `host:port`, `grpc://host:port` or `grpcs://host:port`. */
  readonly endpoint: string;
  readonly tls?: SmokeTls;
}

export type Verdict = "PASS" | "FAIL" | "INCONCLUSIVE";

/** A task status as the API reports it (docs/task-service-contract.md). */
export type TaskStatus = "PENDING" | "RUNNING" | "COMPLETED" | "FAILED";
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(["COMPLETED", "FAILED"]);

export interface BackoffPolicy {
  /** Delay before the first status poll (and the first retry). */
  readonly initialMs: number;
  /** Upper bound of any single delay. */
  readonly maxMs: number;
  /** Each delay is the previous one times this (≥ 1). */
  readonly factor: number;
}

/** What the smoke test submits and what it expects back. Every field has a default except where noted. */
export interface SmokeSpec {
  /** The task input; default `readiness-smoke-<8 hex>` (never a palindrome, so reversal is visible). */
  readonly input?: string;
  readonly expect?: {
    /** `reverse-of-input` (default) or a literal expected `result.output`. */
    readonly output?: "reverse-of-input" | string;
    readonly status?: "COMPLETED";
  };
  readonly timeouts?: {
    /** One request, connect included (default 5000). */
    readonly requestMs?: number;
    /** From the submit's answer until the task is COMPLETED or FAILED (default 30000). */
    readonly completionMs?: number;
  };
  readonly poll?: Partial<BackoffPolicy>;
  /** Submit latency objective (default 100 ms): above it the run FAILs. */
  readonly sloSubmitMs?: number;
  /** Extra attempts for a request that got no answer (unreachable, timeout) before INCONCLUSIVE (default 2). */
  readonly retries?: number;
  /** Default: a fresh UUID per run. */
  readonly idempotencyKey?: string;
}

/** `SmokeSpec` with every default applied. */
export interface ResolvedSmokeSpec {
  readonly input: string;
  readonly expect: { readonly output: "reverse-of-input" | string; readonly status: "COMPLETED" };
  readonly timeouts: { readonly requestMs: number; readonly completionMs: number };
  readonly poll: BackoffPolicy;
  readonly sloSubmitMs: number;
  readonly retries: number;
  readonly idempotencyKey: string;
}

export type SmokeStepName = "submit" | "complete" | "verify" | "replay";

export interface SmokeStep {
  readonly name: SmokeStepName;
  readonly ok: boolean;
  /** Duration of the step, retries and waits included. */
  readonly ms: number;
  readonly detail: string;
}

export type IdempotentReplay = "same-task" | "different-task" | "not-run";

/** The target as recorded in a run: file paths and the secret id, never key material. */
export interface RecordedTarget {
  readonly protocol: SmokeProtocol;
  readonly endpoint: string;
  readonly tls?: SmokeTls;
}

export interface SmokeRun {
  readonly verdict: Verdict;
  /** The first failure (or why the run could not decide); "all checks passed" on PASS. */
  readonly reason: string;
  /** Every problem found, in step order (the first is `reason`): failures on FAIL, why undecided on INCONCLUSIVE; empty on PASS. */
  readonly failures: readonly string[];
  readonly steps: readonly SmokeStep[];
  readonly taskId?: string;
  readonly submitLatencyMs?: number;
  readonly sloSubmitMs: number;
  readonly idempotentReplay: IdempotentReplay;
  /** W3C trace id sent with every request, to find the run in the service's logs and traces. */
  readonly traceId: string;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly target: RecordedTarget;
}
