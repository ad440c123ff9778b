import { checkLive as defaultCheckLive } from "@readiness/core/checklist/check/check-live";
import { summaryLine } from "@readiness/core/checklist/report/summary";
import { formatTable } from "@readiness/core/checklist/report/table";
import { Cleanup } from "./cleanup";
import { explainEmulatorGaps } from "./emulator-gaps";
import { DemoError, DemoInterruptedError } from "./errors";
import { GateDriver } from "./gate-driver";
import { type DemoWorld, setUpWorld } from "./setup";
import { nameRevisions, playDeployments } from "./story";
import { DEMO_TABLES } from "./tables";
import { Timeline } from "./timeline";
import type { DemoDeps, DemoOptions, DemoResult } from "./types";

export { DemoError, DemoInterruptedError } from "./errors";
export type { DemoDeps, DemoOptions, DemoPlatform, DemoResult, DemoTaskService, GateHandler } from "./types";

const DEFAULT_REGION = "us-east-1";

/**
 * `readiness demo`: the post-deploy gate's whole story on a local emulator, printed as a timeline.
 * Everything it starts is stopped when it ends, fails or is interrupted (unless `keep`, then
 * when `signal` fires).
 */
export const runDemo = async (deps: DemoDeps, options: DemoOptions): Promise<DemoResult> => {
  const timeline = new Timeline({ write: options.write, color: options.color });
  const cleanup = new Cleanup();
  const region = options.region ?? DEFAULT_REGION;
  let world: DemoWorld | undefined;
  const story = async (): Promise<void> => {
    timeline.heading("Setting up: the emulator (moto) stands in for AWS and ECS");
    world = await setUpWorld(deps, options.config, region, timeline, cleanup);
    const gate = await GateDriver.load(deps, world, timeline, nameRevisions, {
      verbose: options.verbose ?? false,
      cleanup,
    });
    timeline.line(
      "ok",
      "deployment gate loaded: the Lambda handler deployment-gate.ts, idempotent on deploymentId + eventName",
    );
    await playDeployments({ world, gate, timeline });
    await printChecklist(deps, world, options, timeline);
  };

  let result: DemoResult;
  try {
    await untilAborted(story(), options.signal);
    timeline.heading("The story played as expected.");
    result = { ok: true, interrupted: false };
    if (options.keep && world) await keepRunning(world, timeline, options.signal);
  } catch (error) {
    const interrupted = error instanceof DemoInterruptedError;
    const problem = interrupted ? "interrupted" : describeError(error);
    timeline.line(
      "fail",
      interrupted ? "interrupted: stopping what the demo started" : `the story did not play as expected: ${problem}`,
    );
    result = { ok: false, problem, interrupted };
  }
  await stopEverything(cleanup, timeline);
  return result;
};

/** The revision the service now runs, checked live against the emulator with the same code as `check --live`. */
const printChecklist = async (
  deps: DemoDeps,
  world: DemoWorld,
  options: DemoOptions,
  timeline: Timeline,
): Promise<void> => {
  timeline.heading("The checklist, evaluated live against the emulator");
  const check = deps.checkLive ?? defaultCheckLive;
  const outcome = await timeline.slow("collecting the platform's resources from the emulator", () =>
    // The gate's results table: the smoke runs it recorded decide post-deploy-smoke and idempotent-writes.
    // The gate's view of readiness.yml: it adds the API's smoke settings, which evidence needs.
    check({
      config: world.gateConfig,
      endpoint: world.emulator.endpoint,
      region: world.region,
      resultsTable: DEMO_TABLES.results,
    }),
  );
  timeline.block(formatTable(explainEmulatorGaps(outcome.report, world.platform.gaps), { color: options.color }));
  timeline.line("ok", `checklist evaluated: ${summaryLine(outcome.report)}`);
};

const keepRunning = async (world: DemoWorld, timeline: Timeline, signal: AbortSignal | undefined): Promise<void> => {
  timeline.heading("Kept running (--keep)");
  timeline.block(
    [
      `emulator      ${world.emulator.endpoint}   (export AWS_ENDPOINT_URL=${world.emulator.endpoint} to look around, e.g. readiness check --live)`,
      `task API      ${world.service.httpUrl}   (POST /tasks, GET /tasks/{id}; readiness smoke --endpoint ${world.service.httpUrl})`,
      `task gRPC     ${world.service.grpcTarget}`,
      `processes     ${world.service.pids().join(", ")} (API, worker, DLQ processor)`,
      "to stop them: press Ctrl-C here (or send SIGTERM to this process); everything is stopped then",
    ].join("\n"),
  );
  if (!signal) return;
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
};

const stopEverything = async (cleanup: Cleanup, timeline: Timeline): Promise<void> => {
  if (cleanup.size === 0) return;
  const failures = await timeline.slow("stopping the task service and the emulator", () => cleanup.run());
  if (failures.length === 0) timeline.line("ok", "stopped everything the demo started");
  else for (const failure of failures) timeline.line("fail", `could not stop ${failure}`);
};

/** The story, or a DemoInterruptedError as soon as `signal` fires (the story's own promise is then left to fail quietly). */
const untilAborted = async <T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> => {
  if (!signal) return work;
  work.catch(() => undefined);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new DemoInterruptedError("the demo was interrupted"));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
};

const describeError = (error: unknown): string => {
  if (error instanceof DemoError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
};
