import { type DrillOptions, runDrill } from "./run-drill";
import type { DrillResult } from "./types";
import type { WorkerStopper } from "./worker-stopper";

/**
 * `readiness drill worker-crash`: with tasks in flight, one worker is stopped abruptly (SIGKILL,
 * ECS StopTask); every task must still complete exactly once within the bound. Decides
 * failure-injection.
 */
export const runWorkerCrashDrill = (
  options: DrillOptions & { readonly stopper: WorkerStopper },
): Promise<DrillResult> =>
  runDrill("worker-crash", options, async () => ({ how: await options.stopper.crash(), figures: {}, failures: [] }));
