import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkLive as defaultCheckLive } from "@readiness/core/checklist/check/check-live";
import type { CheckReport } from "@readiness/core/checklist/engine/engine";
import { summaryLine } from "@readiness/core/checklist/report/summary";
import { formatTable } from "@readiness/core/checklist/report/table";
import { Cleanup } from "./cleanup";
import { explainEmulatorGaps } from "./emulator-gaps";
import { DemoError, DemoInterruptedError } from "./errors";
import { gatherEvidence } from "./evidence";
import { GateDriver } from "./gate-driver";
import { type DemoWorld, setUpWorld } from "./setup";
import { nameRevisions, playDeployments } from "./story";
import { DEMO_TABLES } from "./tables";
import { Timeline } from "./timeline";
import type { DemoDeps, DemoOptions, DemoResult } from "./types";

export { DemoError, DemoInterruptedError } from "./errors";
export type {
  CommandRun,
  DemoDeps,
  DemoFiles,
  DemoOptions,
  DemoPlatform,
  DemoResult,
  DemoTaskService,
  GateHandler,
} from "./types";

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
  let report: CheckReport | undefined;
  const full = !options.quick;
  const story = async (): Promise<void> => {
    const files = options.files;
    if (full && !files) throw new DemoError("the full story needs the example's files (options.files), or quick");
    timeline.heading("Setting up: the emulator (moto) stands in for AWS and ECS");
    world = await setUpWorld(deps, options.config, region, timeline, cleanup, { mutualTls: full, shipLogs: full });
    const gate = await GateDriver.load(deps, world, timeline, nameRevisions, {
      verbose: options.verbose ?? false,
      cleanup,
    });
    timeline.line(
      "ok",
      "deployment gate loaded: the Lambda handler deployment-gate.ts, idempotent on deploymentId + eventName",
    );
    await playDeployments({ world, gate, timeline });
    if (full && files) await gatherEvidence({ world, timeline, deps, files });
    report = await printChecklist(deps, world, options, timeline);
    if (full) expectEveryItemPassed(report);
  };

  let result: DemoResult;
  try {
    await untilAborted(story(), options.signal);
    timeline.heading("The story played as expected.");
    result = { ok: true, interrupted: false, ...(report ? { report } : {}) };
    if (options.keep && world) await keepRunning(world, timeline, cleanup, options.signal);
  } catch (error) {
    const interrupted = error instanceof DemoInterruptedError;
    const problem = interrupted ? "interrupted" : describeError(error);
    timeline.line(
      "fail",
      interrupted ? "interrupted: stopping what the demo started" : `the story did not play as expected: ${problem}`,
    );
    result = { ok: false, problem, interrupted, ...(report ? { report } : {}) };
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
): Promise<CheckReport> => {
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
  return outcome.report;
};

/** The full story gathered every piece of evidence: anything short of every item passing is a failed story. */
const expectEveryItemPassed = (report: CheckReport): void => {
  const short = report.items.filter((item) => item.status !== "pass");
  if (short.length > 0)
    throw new DemoError(
      `the example should tick every item after gathering its evidence; not passed: ${short.map((i) => `${i.id} (${i.status})`).join(", ")}`,
    );
};

const keepRunning = async (
  world: DemoWorld,
  timeline: Timeline,
  cleanup: Cleanup,
  signal: AbortSignal | undefined,
): Promise<void> => {
  timeline.heading("Kept running (--keep)");
  // The gate's readiness.yml (the API's smoke settings, which the smoke items need): the checklist again, by hand.
  const dir = mkdtempSync(join(tmpdir(), "readiness-demo-"));
  cleanup.add("the kept readiness.yml", async () => rmSync(dir, { recursive: true, force: true }));
  const configFile = join(dir, "readiness.yml");
  writeFileSync(configFile, `${JSON.stringify(world.gateConfig, null, 2)}\n`);
  const checkAgain = `readiness check --live --endpoint-url ${world.emulator.endpoint} --region ${world.region} --config ${configFile} --results-table ${DEMO_TABLES.results}`;
  timeline.block(
    [
      `emulator      ${world.emulator.endpoint}   (export AWS_ENDPOINT_URL=${world.emulator.endpoint} to look around, e.g. readiness check --live)`,
      `task API      ${world.service.httpUrl}   (POST /tasks, GET /tasks/{id}; readiness smoke --endpoint ${world.service.httpUrl})`,
      `task gRPC     ${world.service.grpcTarget}`,
      ...(world.clientTls
        ? [
            `client cert   --cert ${world.clientTls.certFile} --key ${world.clientTls.keyFile} --ca ${world.clientTls.caFile}   (the API asks for it: mutual TLS)`,
          ]
        : []),
      `results table ${DEMO_TABLES.results}   (readiness check --live --results-table ${DEMO_TABLES.results} reads the gate's runs, the evidence and the published documents)`,
      `processes     ${world.service.pids().join(", ")} (API, worker, DLQ processor)`,
      `checklist     ${checkAgain}`,
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
