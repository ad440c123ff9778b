import type { FaultSetting } from "../shared/settings";

export const TASK_STATUSES = ["PENDING", "RUNNING", "COMPLETED", "FAILED"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskResult {
  readonly output: string;
  readonly length: number;
}

export interface Task {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly input: string;
  readonly result?: TaskResult;
  readonly error?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The trace the task was submitted in, so late work (DLQ) logs in the same trace. */
  readonly traceparent?: string;
  /** Set once the task's message is on the queue; a replay re-sends when it is missing. */
  readonly enqueuedAt?: string;
  readonly attempts?: number;
  readonly lastError?: string;
}

/** What the API returns for a task (storage bookkeeping left out). */
export interface TaskView {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly input: string;
  readonly result?: TaskResult;
  readonly error?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const viewOf = (task: Task): TaskView => ({
  taskId: task.taskId,
  status: task.status,
  input: task.input,
  result: task.result,
  error: task.error,
  createdAt: task.createdAt,
  updatedAt: task.updatedAt,
});

export const reverse = (input: string): string => Array.from(input).reverse().join("");

/** The work itself: the reversed input and its length. `wrong-result` simulates an off-by-one bug. */
export function computeResult(input: string, fault: FaultSetting): TaskResult {
  const output = reverse(input);
  const length = Array.from(input).length;
  if (fault === "wrong-result") return { output: Array.from(output).slice(1).join(""), length };
  return { output, length };
}
