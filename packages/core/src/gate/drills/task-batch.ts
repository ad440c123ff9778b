import { randomUUID } from "node:crypto";
import { reverse } from "../smoke/spec";
import type { CallResult, TaskSnapshot, TaskTransport } from "../smoke/transport";
import { TERMINAL_STATUSES } from "../smoke/types";

const CALL_TIMEOUT_MS = 5_000;
const TRACE_FLAGS = "01";

/** One task a drill submitted: its key and input, and the task id the API gave it. */
export interface SubmittedTask {
  readonly idempotencyKey: string;
  readonly input: string;
  readonly taskId: string;
}

/** What became of every submitted task. */
export interface BatchOutcome {
  readonly submitted: number;
  readonly completed: number;
  /** Not COMPLETED when the bound passed (still PENDING/RUNNING, FAILED, or gone). */
  readonly lost: readonly string[];
  /** COMPLETED with an output other than the reversed input. */
  readonly wrong: readonly string[];
  /** A replay of the submit (same Idempotency-Key) answered with another task: it ran twice. */
  readonly duplicates: readonly string[];
  /** ms from `since` to the last task completing (undefined when none completed). */
  readonly lastCompletionMs?: number;
}

const traceparent = (): string =>
  `00-${randomUUID().replaceAll("-", "")}-${randomUUID().replaceAll("-", "").slice(0, 16)}-${TRACE_FLAGS}`;

const describe = (result: CallResult): string =>
  result.outcome === "answered"
    ? result.answer
    : result.outcome === "rejected"
      ? `${result.status}: ${result.detail}`
      : result.detail;

/** The service did not accept a submit: the drill cannot run (inconclusive, never evidence). */
export class SubmitRefusedError extends Error {
  override name = "SubmitRefusedError";
}

/** Submits `count` tasks with fresh idempotency keys and distinct inputs. */
export const submitTasks = async (transport: TaskTransport, count: number, runId: string): Promise<SubmittedTask[]> => {
  const submitted: SubmittedTask[] = [];
  for (let index = 0; index < count; index++) {
    const idempotencyKey = `readiness-drill-${runId}-${index}`;
    const input = `drill-${runId}-${index}`;
    const result = await transport.submit({
      idempotencyKey,
      input,
      traceparent: traceparent(),
      timeoutMs: CALL_TIMEOUT_MS,
    });
    if (result.outcome !== "answered")
      throw new SubmitRefusedError(`submit ${index + 1} of ${count} was not accepted (${describe(result)})`);
    submitted.push({ idempotencyKey, input, taskId: result.task.taskId });
  }
  return submitted;
};

/** The current state of each task (undefined when the GET did not answer with a task). */
export const readTasks = async (
  transport: TaskTransport,
  tasks: readonly SubmittedTask[],
): Promise<(TaskSnapshot | undefined)[]> =>
  Promise.all(
    tasks.map(async (task) => {
      const result = await transport.get({
        taskId: task.taskId,
        traceparent: traceparent(),
        timeoutMs: CALL_TIMEOUT_MS,
      });
      return result.outcome === "answered" ? result.task : undefined;
    }),
  );

export interface WaitOptions {
  readonly boundMs: number;
  readonly pollMs?: number;
  readonly clock?: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Polls every unfinished task until all have finished (COMPLETED or FAILED) or the bound passes,
 * then replays every submit with its key: the contract answers a replay with the same task, so
 * another task id means the work was accepted twice. Decides each task as the contract defines done.
 */
export const awaitBatch = async (
  transport: TaskTransport,
  tasks: readonly SubmittedTask[],
  options: WaitOptions,
): Promise<BatchOutcome> => {
  const clock = options.clock ?? (() => performance.now());
  const since = clock();
  const finished = new Map<string, { snapshot: TaskSnapshot; atMs: number }>();
  for (;;) {
    const open = tasks.filter((task) => !finished.has(task.taskId));
    const states = await readTasks(transport, open);
    const at = clock() - since;
    open.forEach((task, index) => {
      const state = states[index];
      if (state && TERMINAL_STATUSES.has(state.status)) finished.set(task.taskId, { snapshot: state, atMs: at });
    });
    options.onProgress?.(finished.size, tasks.length);
    if (finished.size === tasks.length || clock() - since >= options.boundMs) break;
    await options.sleep(options.pollMs ?? 250);
  }
  const duplicates: string[] = [];
  for (const task of tasks) {
    const replay = await transport.submit({
      idempotencyKey: task.idempotencyKey,
      input: task.input,
      traceparent: traceparent(),
      timeoutMs: CALL_TIMEOUT_MS,
    });
    if (replay.outcome === "answered" && replay.task.taskId !== task.taskId) duplicates.push(task.taskId);
  }
  const completed = tasks.filter((t) => finished.get(t.taskId)?.snapshot.status === "COMPLETED");
  const wrong = completed.filter((t) => finished.get(t.taskId)?.snapshot.output !== reverse(t.input));
  const completionTimes = completed.map((t) => finished.get(t.taskId)?.atMs ?? 0);
  return {
    submitted: tasks.length,
    completed: completed.length - wrong.length,
    lost: tasks.filter((t) => finished.get(t.taskId)?.snapshot.status !== "COMPLETED").map((t) => t.taskId),
    wrong: wrong.map((t) => t.taskId),
    duplicates,
    ...(completionTimes.length ? { lastCompletionMs: Math.round(Math.max(...completionTimes)) } : {}),
  };
};

/** Waits until at least one task is RUNNING (taken by a worker), or the bound passes; answers how many are. */
export const awaitInFlight = async (
  transport: TaskTransport,
  tasks: readonly SubmittedTask[],
  options: Pick<WaitOptions, "boundMs" | "sleep" | "clock">,
): Promise<{ running: number; unfinished: number }> => {
  const clock = options.clock ?? (() => performance.now());
  const since = clock();
  for (;;) {
    const states = await readTasks(transport, tasks);
    const running = states.filter((s) => s?.status === "RUNNING").length;
    const unfinished = states.filter((s) => s?.status === "RUNNING" || s?.status === "PENDING").length;
    if (running > 0 || unfinished === 0 || clock() - since >= options.boundMs) return { running, unfinished };
    await options.sleep(100);
  }
};
