import { type DrillOptions, runDrill } from "./run-drill";
import type { DrillResult } from "./types";
import type { WorkerStopper } from "./worker-stopper";

/**
 * `readiness drill drain`: with tasks in flight, the worker gets SIGTERM (ECS StopTask) and must exit
 * within its stop timeout, and every task must still complete exactly once. Decides the evidence
 * part of graceful-shutdown.
 */
export const runDrainDrill = (
  options: DrillOptions & { readonly stopper: WorkerStopper; readonly stopTimeoutMs: number },
): Promise<DrillResult> =>
  runDrill("drain", options, async () => {
    const exit = await options.stopper.terminate(options.stopTimeoutMs);
    const exitSeconds = Math.round(exit.exitMs / 100) / 10;
    const stopTimeoutSeconds = Math.round(options.stopTimeoutMs / 100) / 10;
    return {
      how: exit.how,
      figures: { exitSeconds, stopTimeoutSeconds, exitedInTime: exit.exitedInTime },
      failures: exit.exitedInTime
        ? []
        : [`the worker did not exit within its stop timeout of ${stopTimeoutSeconds} s and was killed`],
    };
  });
