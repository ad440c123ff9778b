import { type RunContext, type StepOutcome, attemptsNote, step, withRetries } from "./context";
import type { TaskSnapshot } from "./transport";
import { type IdempotentReplay, TERMINAL_STATUSES } from "./types";

export interface ReplayOutcome extends StepOutcome {
  readonly replay: IdempotentReplay;
}

/**
 * Replays the submit with the same Idempotency-Key and input: the API must answer with the same
 * task id, and a second read of that task must show the original task (same creation time, not
 * back to an earlier status), i.e. the replay created nothing. `seen` is the task's latest state
 * before the replay.
 */
export const replaySubmit = async (ctx: RunContext, seen: TaskSnapshot): Promise<ReplayOutcome> => {
  const started = ctx.now();
  const elapsed = () => ctx.now() - started;
  const replayed = await withRetries(ctx, () =>
    ctx.transport.submit({
      idempotencyKey: ctx.spec.idempotencyKey,
      input: ctx.spec.input,
      traceparent: ctx.traceparent,
      timeoutMs: ctx.spec.timeouts.requestMs,
    }),
  );
  const { result } = replayed;
  if (result.outcome === "unreachable") {
    const inconclusive = `target unreachable during the replay: ${result.detail}${attemptsNote(replayed.attempts)}`;
    return { step: step("replay", false, elapsed(), inconclusive), inconclusive, replay: "not-run" };
  }
  if (result.outcome === "rejected") {
    const failure = `replay returned ${result.status}${result.detail ? `: ${result.detail}` : ""}`;
    return { step: step("replay", false, elapsed(), failure), failure, replay: "not-run" };
  }
  if (result.task.taskId !== seen.taskId) {
    const failure = `replay returned a different task id (${result.task.taskId}, first ${seen.taskId})`;
    return { step: step("replay", false, elapsed(), failure), failure, replay: "different-task" };
  }

  const reread = await withRetries(ctx, () =>
    ctx.transport.get({ taskId: seen.taskId, traceparent: ctx.traceparent, timeoutMs: ctx.spec.timeouts.requestMs }),
  );
  if (reread.result.outcome === "unreachable") {
    const inconclusive = `target unreachable reading task ${seen.taskId} after the replay: ${reread.result.detail}`;
    return { step: step("replay", false, elapsed(), inconclusive), inconclusive, replay: "not-run" };
  }
  if (reread.result.outcome === "rejected") {
    const failure = `reading task ${seen.taskId} after the replay returned ${reread.result.status}`;
    return { step: step("replay", false, elapsed(), failure), failure, replay: "not-run" };
  }
  const recreated = recreation(seen, reread.result.task);
  if (recreated) {
    const failure = `replay re-created task ${seen.taskId}: ${recreated}`;
    return { step: step("replay", false, elapsed(), failure), failure, replay: "different-task" };
  }
  const how = result.task.replayed === false ? " (though not marked as a replay)" : "";
  return {
    step: step("replay", true, elapsed(), `${result.answer} same task ${seen.taskId}${how}, no second task`),
    replay: "same-task",
  };
};

/** Why `after` is not the task seen before (a new task under the old id), or undefined. */
const recreation = (before: TaskSnapshot, after: TaskSnapshot): string | undefined => {
  if (before.createdAt && after.createdAt && before.createdAt !== after.createdAt)
    return `createdAt changed from ${before.createdAt} to ${after.createdAt}`;
  if (TERMINAL_STATUSES.has(before.status) && !TERMINAL_STATUSES.has(after.status))
    return `status went from ${before.status} back to ${after.status}`;
  return undefined;
};
