import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { EvidenceFigure } from "../../kernel/results/evidence";
import type { TaskTransport } from "../smoke/transport";
import { awaitBatch, awaitInFlight, type BatchOutcome, SubmitRefusedError, submitTasks } from "./task-batch";
import type { DrillName, DrillProgress, DrillResult, DrillVerdict } from "./types";

export interface DrillOptions {
  readonly transport: TaskTransport;
  /** How many tasks to submit before the worker is stopped. */
  readonly tasks: number;
  /** How long, after the stop, every task may take to complete. */
  readonly withinMs: number;
  /** How long to wait for a task to be in flight (RUNNING) before stopping the worker. */
  readonly inFlightWaitMs?: number;
  readonly onProgress?: DrillProgress;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

/** What the drill does to the worker once tasks are in flight; answers how, and its own figures and failures. */
export type Disruption = () => Promise<{
  readonly how: string;
  readonly figures: Readonly<Record<string, EvidenceFigure>>;
  readonly failures: readonly string[];
}>;

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/**
 * The shape every worker drill shares: submit tasks, wait until one is in flight, disrupt the worker,
 * then wait (within the bound) for every task to complete exactly once with the right result.
 */
export const runDrill = async (drill: DrillName, options: DrillOptions, disrupt: Disruption): Promise<DrillResult> => {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const progress = options.onProgress ?? (() => undefined);
  const startedAt = now().toISOString();
  const finish = (
    verdict: DrillVerdict,
    reason: string,
    figures: Record<string, EvidenceFigure>,
    stopped?: string,
  ) => ({
    drill,
    verdict,
    reason,
    figures,
    ...(stopped ? { stopped } : {}),
    startedAt,
    finishedAt: now().toISOString(),
  });

  progress(`submitting ${options.tasks} tasks`);
  let tasks: Awaited<ReturnType<typeof submitTasks>>;
  try {
    tasks = await submitTasks(options.transport, options.tasks, randomUUID().slice(0, 8));
  } catch (error) {
    if (error instanceof SubmitRefusedError) return finish("inconclusive", error.message, { submitted: 0 });
    throw error;
  }
  const inFlight = await awaitInFlight(options.transport, tasks, { boundMs: options.inFlightWaitMs ?? 10_000, sleep });
  if (inFlight.unfinished === 0)
    return finish(
      "inconclusive",
      `all ${tasks.length} tasks finished before the worker could be stopped: submit more (--tasks) or slower tasks`,
      { submitted: tasks.length },
    );
  progress(`${inFlight.running} task(s) running, ${inFlight.unfinished} unfinished: disrupting the worker`);
  const disruption = await disrupt();
  progress(`${disruption.how}; waiting up to ${seconds(options.withinMs)} s for every task`);
  const outcome = await awaitBatch(options.transport, tasks, {
    boundMs: options.withinMs,
    sleep,
    onProgress: (done, total) => progress(`${done}/${total} tasks finished`),
  });
  const figures = {
    submitted: outcome.submitted,
    inFlightAtStop: inFlight.unfinished,
    runningAtStop: inFlight.running,
    completed: outcome.completed,
    lost: outcome.lost.length,
    duplicates: outcome.duplicates.length,
    wrongResults: outcome.wrong.length,
    ...(outcome.lastCompletionMs !== undefined ? { recoverySeconds: seconds(outcome.lastCompletionMs) } : {}),
    ...disruption.figures,
  };
  const failures = [...taskFailures(outcome, options.withinMs), ...disruption.failures];
  if (failures.length > 0) return finish("fail", failures.join("; "), figures, disruption.how);
  return finish(
    "pass",
    `${disruption.how} with ${inFlight.unfinished} of ${outcome.submitted} tasks in flight; all ${outcome.completed} completed exactly once within ${seconds(outcome.lastCompletionMs ?? 0)} s`,
    figures,
    disruption.how,
  );
};

const taskFailures = (outcome: BatchOutcome, withinMs: number): string[] => {
  const failures: string[] = [];
  const sample = (ids: readonly string[]) => ` (e.g. ${ids[0]})`;
  if (outcome.lost.length)
    failures.push(
      `${outcome.lost.length} of ${outcome.submitted} tasks did not complete within ${seconds(withinMs)} s${sample(outcome.lost)}`,
    );
  if (outcome.duplicates.length)
    failures.push(
      `${outcome.duplicates.length} tasks ran twice: a replay of their submit created another task${sample(outcome.duplicates)}`,
    );
  if (outcome.wrong.length)
    failures.push(`${outcome.wrong.length} tasks completed with a wrong result${sample(outcome.wrong)}`);
  return failures;
};
