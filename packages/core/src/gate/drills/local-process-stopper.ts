import { setTimeout as sleep } from "node:timers/promises";
import { DrillInputError } from "./errors";
import type { TerminateOutcome, WorkerStopper } from "./worker-stopper";

const POLL_MS = 50;

/** A process is alive while signal 0 reaches it (ESRCH: gone; EPERM: alive but not ours). */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Stops a worker process on this machine by pid (`--local-worker-pid`): SIGKILL for a crash,
 * SIGTERM then SIGKILL past the stop timeout for a drain. The process must be alive at the start.
 */
export const localProcessStopper = (pid: number): WorkerStopper => {
  const ensureAlive = () => {
    if (!isAlive(pid))
      throw new DrillInputError(
        `no process with pid ${pid} is running`,
        undefined,
        "pass the pid of the running worker process to --local-worker-pid",
      );
  };
  ensureAlive();
  return {
    target: `local worker pid ${pid}`,
    async crash() {
      ensureAlive();
      process.kill(pid, "SIGKILL");
      return `SIGKILL to pid ${pid}`;
    },
    async terminate(stopTimeoutMs): Promise<TerminateOutcome> {
      ensureAlive();
      const started = performance.now();
      process.kill(pid, "SIGTERM");
      while (isAlive(pid)) {
        if (performance.now() - started > stopTimeoutMs) {
          process.kill(pid, "SIGKILL");
          return {
            how: `SIGTERM to pid ${pid}, SIGKILL after ${stopTimeoutMs} ms`,
            exitMs: stopTimeoutMs,
            exitedInTime: false,
          };
        }
        await sleep(POLL_MS);
      }
      return { how: `SIGTERM to pid ${pid}`, exitMs: Math.round(performance.now() - started), exitedInTime: true };
    },
  };
};
