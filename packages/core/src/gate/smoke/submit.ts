import { formatDuration } from "../../kernel/backoff";
import { type Attempted, attemptsNote, type RunContext, type StepOutcome, roundMs, step, withRetries } from "./context";
import type { TaskSnapshot } from "./transport";

export interface SubmitOutcome extends StepOutcome {
  readonly task?: TaskSnapshot;
  readonly latencyMs?: number;
}

/**
 * Submits the task with the run's Idempotency-Key. The latency compared with the SLO is the
 * answering attempt's alone: connection setup (`connect`) and unanswered attempts are not the API's
 * submit latency.
 */
export const submitTask = async (ctx: RunContext): Promise<SubmitOutcome> => {
  const started = ctx.now();
  const elapsed = () => ctx.now() - started;
  if (ctx.transport.connect) {
    const connected = await withRetries(ctx, async () => {
      const unreachable = await ctx.transport.connect?.(ctx.spec.timeouts.requestMs);
      return unreachable ?? { outcome: "answered", task: { taskId: "", status: "" }, answer: "connected" };
    });
    if (connected.result.outcome === "unreachable") return unreachableOutcome(connected, elapsed());
  }
  const attempted = await withRetries(ctx, () =>
    ctx.transport.submit({
      idempotencyKey: ctx.spec.idempotencyKey,
      input: ctx.spec.input,
      traceparent: ctx.traceparent,
      timeoutMs: ctx.spec.timeouts.requestMs,
    }),
  );
  const { result } = attempted;
  if (result.outcome === "unreachable") return unreachableOutcome(attempted, elapsed());
  if (result.outcome === "rejected") {
    const failure = `submit returned ${result.status}${result.detail ? `: ${result.detail}` : ""}`;
    return { step: step("submit", false, elapsed(), failure), failure };
  }
  const latencyMs = roundMs(attempted.lastMs);
  const slo = ctx.spec.sloSubmitMs;
  const answered = `${result.answer} task ${result.task.taskId} (${result.task.status}) in ${formatDuration(latencyMs)}${attemptsNote(attempted.attempts)}`;
  if (latencyMs > slo) {
    const failure = `submit latency ${Math.round(latencyMs)} ms above SLO ${slo} ms`;
    return { step: step("submit", false, elapsed(), `${answered}: above the SLO of ${slo} ms`), failure, task: result.task, latencyMs };
  }
  return { step: step("submit", true, elapsed(), `${answered} (SLO ${slo} ms)`), task: result.task, latencyMs };
};

const unreachableOutcome = (attempted: Attempted, ms: number): SubmitOutcome => {
  const detail = attempted.result.outcome === "unreachable" ? attempted.result.detail : "";
  const inconclusive = `target unreachable: ${detail}${attemptsNote(attempted.attempts)}`;
  return { step: step("submit", false, ms, inconclusive), inconclusive };
};
