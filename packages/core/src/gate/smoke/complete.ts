import { formatDuration, nextDelay } from "../../kernel/backoff";
import { type RunContext, type StepOutcome, step } from "./context";
import type { TaskSnapshot } from "./transport";
import { TERMINAL_STATUSES } from "./types";

export interface CompleteOutcome extends StepOutcome {
  /** The last state seen; terminal when the step succeeded. */
  readonly task?: TaskSnapshot;
}

/**
 * Polls the task's status with exponential backoff until it is COMPLETED or FAILED, or the
 * completion timeout passes. The API answered the submit, so a task that never finishes is a FAIL;
 * only losing contact with the target (more than `retries` unanswered polls in a row) is
 * INCONCLUSIVE.
 */
export const waitForCompletion = async (ctx: RunContext, taskId: string): Promise<CompleteOutcome> => {
  const { completionMs } = ctx.spec.timeouts;
  const started = ctx.now();
  const deadline = started + completionMs;
  const elapsed = () => ctx.now() - started;
  let delay = ctx.spec.poll.initialMs;
  let polls = 0;
  let last: TaskSnapshot | undefined;
  let unanswered: string | undefined;
  let unansweredInARow = 0;

  for (;;) {
    await ctx.sleep(Math.min(delay, Math.max(0, deadline - ctx.now())));
    polls++;
    const result = await ctx.transport.get({ taskId, traceparent: ctx.traceparent, timeoutMs: ctx.spec.timeouts.requestMs });
    if (result.outcome === "answered") {
      unansweredInARow = 0;
      unanswered = undefined;
      last = result.task;
      if (TERMINAL_STATUSES.has(last.status))
        return { step: step("complete", true, elapsed(), `${last.status} after ${plural(polls, "poll")}`), task: last };
    } else if (result.outcome === "rejected") {
      const failure = result.notFound
        ? `task ${taskId} not found: status returned ${result.status}`
        : `status of task ${taskId} returned ${result.status}${result.detail ? `: ${result.detail}` : ""}`;
      return { step: step("complete", false, elapsed(), failure), failure, task: last };
    } else {
      unansweredInARow++;
      unanswered = result.detail;
      if (unansweredInARow > ctx.spec.retries) return lostContact(taskId, unanswered, elapsed(), last);
    }
    if (ctx.now() >= deadline) {
      if (unanswered !== undefined) return lostContact(taskId, unanswered, elapsed(), last);
      const failure = `task ${taskId} did not complete within ${formatDuration(completionMs)}`;
      const seen = last ? `still ${last.status}` : "never seen";
      return { step: step("complete", false, elapsed(), `${failure}: ${seen} after ${plural(polls, "poll")}`), failure, task: last };
    }
    delay = nextDelay(delay, ctx.spec.poll);
  }
};

const lostContact = (
  taskId: string,
  detail: string,
  ms: number,
  last: TaskSnapshot | undefined,
): CompleteOutcome => {
  const inconclusive = `lost contact with the target while waiting for task ${taskId}: ${detail}`;
  return { step: step("complete", false, ms, inconclusive), inconclusive, task: last };
};

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
