/**
 * How a drill stops a worker, injected so the same drill runs against ECS and against a local
 * process. `crash` stops it abruptly; `terminate` sends the stop signal and reports when it exited.
 */
export interface WorkerStopper {
  /** What is being stopped, for progress and results: "local worker pid 4242", "ECS service tasks/worker". */
  readonly target: string;
  /** Stops one worker abruptly; answers how. */
  crash(): Promise<string>;
  /**
   * Sends SIGTERM (ECS: StopTask) and waits for the worker to exit; past `stopTimeoutMs` it is killed,
   * as ECS does. Answers how long the exit took and whether it came in time.
   */
  terminate(stopTimeoutMs: number): Promise<TerminateOutcome>;
}

export interface TerminateOutcome {
  readonly how: string;
  readonly exitMs: number;
  readonly exitedInTime: boolean;
}
