import { nextDelay } from "../../kernel/backoff";
import type { CallResult, TaskTransport } from "./transport";
import type { ResolvedSmokeSpec, SmokeStep, SmokeStepName } from "./types";

/** What every step of a run shares: the spec, the transport, the (injectable) clock and sleep. */
export interface RunContext {
  readonly spec: ResolvedSmokeSpec;
  readonly transport: TaskTransport;
  readonly traceparent: string;
  /** Milliseconds; only differences are used. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** How a step ended: `failure` makes the run FAIL, `inconclusive` makes it INCONCLUSIVE unless something failed. */
export interface StepOutcome {
  readonly step: SmokeStep;
  readonly failure?: string;
  readonly inconclusive?: string;
}

export const step = (name: SmokeStepName, ok: boolean, ms: number, detail: string): SmokeStep => ({
  name,
  ok,
  ms: roundMs(ms),
  detail,
});

export const roundMs = (ms: number): number => Math.round(ms * 10) / 10;

export interface Attempted {
  readonly result: CallResult;
  readonly attempts: number;
  /** Duration of the last attempt alone (the one whose result is returned). */
  readonly lastMs: number;
}

/**
 * Calls until the service answers (either way) or `retries` extra attempts got no answer, backing
 * off between attempts with the poll policy. Only unanswered calls are retried: an error answer is
 * a result, not a reason to try again.
 */
export const withRetries = async (ctx: RunContext, call: () => Promise<CallResult>): Promise<Attempted> => {
  let delay = ctx.spec.poll.initialMs;
  for (let attempt = 1; ; attempt++) {
    const started = ctx.now();
    const result = await call();
    const lastMs = ctx.now() - started;
    if (result.outcome !== "unreachable" || attempt > ctx.spec.retries) return { result, attempts: attempt, lastMs };
    await ctx.sleep(delay);
    delay = nextDelay(delay, ctx.spec.poll);
  }
};

export const attemptsNote = (attempts: number): string => (attempts > 1 ? ` after ${attempts} attempts` : "");
