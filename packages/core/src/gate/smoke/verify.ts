import { type RunContext, type StepOutcome, step } from "./context";
import { expectedOutput } from "./spec";
import type { TaskSnapshot } from "./transport";

/** Checks the finished task against the expectations: its status, then `result.output`. */
export const verifyResult = (ctx: RunContext, task: TaskSnapshot): StepOutcome => {
  const started = ctx.now();
  const elapsed = () => ctx.now() - started;
  const { status } = ctx.spec.expect;
  if (task.status !== status) {
    const why = task.error ? ` (${task.error})` : "";
    const failure = `task ${task.taskId} ended ${task.status}${why}, expected ${status}`;
    return { step: step("verify", false, elapsed(), failure), failure };
  }
  const expected = expectedOutput(ctx.spec);
  if (task.output !== expected) {
    const failure = `result.output mismatch: expected ${quote(expected)}, got ${task.output === undefined ? "no output" : quote(task.output)}`;
    return { step: step("verify", false, elapsed(), failure), failure };
  }
  const what = ctx.spec.expect.output === "reverse-of-input" ? "the reversed input" : "the expected output";
  return { step: step("verify", true, elapsed(), `${status}, result.output is ${what}`) };
};

const quote = (text: string): string => JSON.stringify(text.length > 80 ? `${text.slice(0, 79)}…` : text);
