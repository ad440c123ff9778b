import { relative } from "node:path";
import { describeRunning } from "./ecs";
import { DemoError } from "./errors";
import { API_SERVICE, type DemoWorld, WORKER_SERVICE } from "./setup";
import { DEMO_TABLES } from "./tables";
import type { Timeline } from "./timeline";
import type { CommandRun, DemoDeps, DemoFiles } from "./types";

/**
 * The load test's plan: the checklist's 500 req/s, long enough for the run to count (the rate held
 * within 1%, P99 inside the SLO), short enough for a demo.
 */
const LOAD_PLAN = ["--rps", "500", "--duration", "4s", "--warmup", "2s"];
/** A drill's batch: enough tasks that some are in flight when the worker stops. */
const DRILL_PLAN = ["--tasks", "8", "--within", "90s"];

export interface EvidenceContext {
  readonly world: DemoWorld;
  readonly timeline: Timeline;
  readonly deps: DemoDeps;
  readonly files: DemoFiles;
}

/**
 * The acts that gather what the checklist asks to be *done*, each with the `readiness` command a
 * team would run: the documents published from the repository, a worker crash and a drain drill,
 * then a load test at 500 req/s. The gate's rollback and its mTLS probe were recorded during the
 * deployments; the service's log lines were shipped to CloudWatch Logs all along.
 */
export const gatherEvidence = async (ctx: EvidenceContext): Promise<void> => {
  const { world, timeline } = ctx;
  const aws = [
    "--results-table",
    DEMO_TABLES.results,
    "--endpoint-url",
    world.emulator.endpoint,
    "--region",
    world.region,
  ];
  const tls = world.clientTls
    ? ["--cert", world.clientTls.certFile, "--key", world.clientTls.keyFile, "--ca", world.clientTls.caFile]
    : [];

  timeline.heading("The team's documents, published as CI would (readiness publish)");
  await readiness(ctx, ["publish", "--template", ctx.files.template, "--config", ctx.files.serviceConfig, ...aws]);

  for (const drill of ["worker-crash", "drain"] as const) {
    timeline.heading(
      drill === "worker-crash"
        ? "A worker crash drill: one worker killed while tasks are in flight (readiness drill worker-crash)"
        : "A drain drill: SIGTERM to the worker during in-flight work (readiness drill drain)",
    );
    await readiness(ctx, [
      "drill",
      drill,
      "--endpoint",
      world.service.httpUrl,
      ...tls,
      "--local-worker-pid",
      String(world.service.workerPid()),
      "--service",
      WORKER_SERVICE.service,
      "--cluster",
      WORKER_SERVICE.cluster,
      ...DRILL_PLAN,
      ...aws,
    ]);
    await waitForReplacementWorker(ctx);
  }

  timeline.heading("A load test at 500 req/s (readiness load)");
  const stand = await startLoadStand(ctx);
  try {
    await readiness(ctx, [
      "load",
      "--endpoint",
      stand.httpUrl,
      ...tls,
      ...LOAD_PLAN,
      "--config",
      ctx.files.serviceConfig,
      "--service",
      "api",
      "--cluster",
      API_SERVICE.cluster,
      ...aws,
    ]);
  } finally {
    await stand.stop();
  }

  if (world.logs) {
    const shipped = await world.logs.flush();
    timeline.line("ok", `${shipped} log lines of the three services shipped to their CloudWatch log groups so far`);
  }
};

/** One command of the story: printed as typed, its output shown, anything but exit 0 stops the story. */
const readiness = async (ctx: EvidenceContext, argv: readonly string[]): Promise<CommandRun> => {
  const run = ctx.deps.runReadiness;
  if (!run) throw new DemoError("the full story needs the readiness CLI (runReadiness): run `readiness demo`");
  ctx.timeline.line("action", `$ readiness ${argv.map(shownArgument).join(" ")}`);
  const result = await ctx.timeline.slow(`readiness ${argv[0]}${argv[0] === "drill" ? ` ${argv[1]}` : ""}`, () =>
    run(argv),
  );
  if (result.stdout.trim() !== "") ctx.timeline.block(shownOutput(result.stdout));
  if (result.code !== 0)
    throw new DemoError(
      `readiness ${argv.slice(0, 2).join(" ")} exited ${result.code}: ${lastLines(result.stderr || result.stdout, 5)}`,
    );
  return result;
};

const startLoadStand = async (ctx: EvidenceContext) => {
  const start = ctx.deps.startLoadStand;
  if (!start)
    throw new DemoError("the full story needs the example's load stand (startLoadStand): run `readiness demo`");
  // The revision the API service runs now (after the story's deployments and rollback): what the evidence is for.
  const revision = (await describeRunning(ctx.world.clients.ecs, API_SERVICE)).taskDefinitionArn;
  // The same TLS material; not the drills' second of work per task: the stand measures submits.
  const { WORKER_PROCESSING_MS: _work, ...env } = ctx.world.serviceEnv;
  const stand = await ctx.timeline.slow("starting a copy of the API with its tasks in memory (the load stand)", () =>
    start({ revision: revision.slice(revision.lastIndexOf(":") + 1), env }),
  );
  ctx.timeline.line(
    "info",
    "the emulator answers a few hundred AWS calls a second and every submit makes several, so the load test's " +
      `target is the same API code with its tasks in memory, at ${stand.httpUrl}, with the same mTLS; on AWS, point ` +
      "readiness load at the service itself",
  );
  return stand;
};

/** A drill stops the worker; the local service starts another as ECS would. */
const waitForReplacementWorker = async (ctx: EvidenceContext): Promise<void> => {
  const stopped = ctx.world.service.workerPid();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (ctx.world.service.workerPid() !== stopped || isRunning(stopped)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new DemoError(`no worker replaced the stopped worker (pid ${stopped}) within 30 s`);
};

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Paths inside the working directory are shown relative to it, as a person would type them. */
const shownArgument = (argument: string): string => {
  if (!argument.startsWith("/")) return argument;
  const shown = relative(process.cwd(), argument);
  return shown.startsWith("..") ? argument : shown;
};

/** A command's output in the story: its first lines (a publish prints one per item and service). */
const SHOWN_LINES = 12;
const shownOutput = (stdout: string): string => {
  const lines = stdout.trimEnd().split("\n");
  if (lines.length <= SHOWN_LINES) return lines.join("\n");
  return [...lines.slice(0, SHOWN_LINES), `… ${lines.length - SHOWN_LINES} more lines`].join("\n");
};

const lastLines = (text: string, count: number): string => text.trim().split("\n").slice(-count).join(" / ");
