import { ConfigFileError, type ReadinessConfig } from "@readiness/core";
import { mergeSmokeSettings, SMOKE_DEFAULTS, type SmokeSettings } from "@readiness/core/gate/smoke/index";

/** The deployment handler's timeout: one smoke run at its worst, plus the gate's own calls. */
export const GATE_HANDLER_TIMEOUT_SECONDS = 300;

/**
 * AWS's advice for an SQS event source: the queue's visibility timeout at least 6 × the function
 * timeout, so a message is not redelivered while the batch that holds it is still being retried.
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** What the handler does besides the smoke run (history reads, rollback, store, event, Config). */
export const GATE_OWN_WORK_MS = 60_000;

/**
 * The longest a smoke run with these settings can take, step by step as the runner does it: four
 * calls retried on no answer (connect, submit, replay, re-read), each up to `retries + 1`
 * requests with a backoff of at most `poll.maxMs` between them, and the completion wait, which
 * polls until `completionMs` and lets its last request finish.
 */
export const smokeRunWorstCaseMs = (settings: SmokeSettings): number => {
  const requestMs = settings.timeouts?.requestMs ?? SMOKE_DEFAULTS.timeouts.requestMs;
  const completionMs = settings.timeouts?.completionMs ?? SMOKE_DEFAULTS.timeouts.completionMs;
  const retries = settings.retries ?? SMOKE_DEFAULTS.retries;
  const maxBackoffMs = settings.poll?.maxMs ?? SMOKE_DEFAULTS.poll.maxMs;
  const retriedCall = (retries + 1) * requestMs + retries * maxBackoffMs;
  return 4 * retriedCall + completionMs + requestMs;
};

/**
 * Fails the synth when a service's smoke test could outlast the handler: Lambda would kill the
 * run mid-way, SQS would redeliver it, and after three receives the deployment event would land
 * in the DLQ without a verdict.
 */
export const assertSmokeFitsGate = (
  config: ReadinessConfig,
  handlerTimeoutSeconds: number = GATE_HANDLER_TIMEOUT_SECONDS,
): void => {
  const budgetMs = handlerTimeoutSeconds * 1000 - GATE_OWN_WORK_MS;
  // Only services the gate smoke-tests count: those with an endpoint and a protocol after the merge.
  const runs = config.services
    .map((service, index) => ({
      path: `services[${index}].smoke`,
      settings: mergeSmokeSettings(config.smoke, service.smoke),
    }))
    .filter(({ settings }) => settings.endpoint !== undefined && settings.protocol !== undefined);
  for (const { path, settings } of runs) {
    const worstMs = smokeRunWorstCaseMs(settings);
    if (worstMs > budgetMs)
      throw new ConfigFileError(
        `post-deploy gate: a smoke run can take up to ${Math.ceil(worstMs / 1000)} s, more than the ${budgetMs / 1000} s the deployment handler has for it`,
        { file: "readiness.yml", path },
        "lower timeouts.completionMs, timeouts.requestMs, retries or poll.maxMs (worst case: 4 × ((retries + 1) × requestMs + retries × poll.maxMs) + completionMs + requestMs)",
      );
  }
};
