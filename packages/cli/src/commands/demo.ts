import type { CheckReport } from "@readiness/core/checklist/engine/engine";
import type { CommandRun, DemoDeps } from "@readiness/devkit/demo/index";
import type { Command } from "commander";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";

interface DemoFlags {
  keep?: boolean;
  verbose?: boolean;
  quick?: boolean;
  report?: string;
}

const HELP = `
The story, printed as a timeline (offsets from the start, one line per step):
  1. starts its own moto emulator (a free port), provisions the example platform (compliant) and
     starts the example task service on what it runs (revision 1), behind mutual TLS, its log
     lines shipped to the services' CloudWatch log groups;
  2. a good deployment (revision 2) passes the gate's smoke test (and its mTLS probe);
  3. a broken deployment (revision 3, FAULT_MODE=never-complete) fails and is rolled back to
     revision 2 (DescribeServices before and after), and the outcome event is read back;
  4. a duplicate delivery of the same event is ignored (idempotency);
  5. gathers the evidence, each step the readiness command a team would run: readiness publish
     (the team's documents in examples/task-service), readiness load (500 req/s), readiness drill
     worker-crash and readiness drill drain;
  6. the checklist is evaluated live against the emulator: every item passes, or the demo fails.
With --quick: steps 1 to 4 without mTLS or log shipping, then the checklist (items that need
documents or evidence stay unknown). Everything it started is stopped at the end, on error and on
Ctrl-C.

Needs Python 3 with moto[server] (pip install 'moto[server]') and openssl. No AWS account is used.

Examples:
  $ readiness demo
  $ readiness demo --quick                  # the deployments only, in about 30 s
  $ readiness demo --report checklist.json  # also write the final checklist as check --format json does
  $ readiness demo --keep                   # then look around; Ctrl-C stops everything

Exit codes: 0 the story played as expected, 1 it did not (the reason is printed), 2 the report file
could not be written, 130 interrupted, 70 internal error.`;

export const registerDemo = (program: Command, io: CliIo, setExit: (code: ExitCode) => void): void => {
  program
    .command("demo")
    .description("play the post-deploy gate's story on a local emulator: deploy, smoke-test, roll back, check")
    .option(
      "--keep",
      "keep the emulator and the task service up after the story (until Ctrl-C) and print their endpoints",
    )
    .option("--verbose", "also print the gate function's JSON logs")
    .option("--quick", "the shorter story: the deployments and the checklist, without gathering evidence")
    .option("--report <file>", "write the final checklist to FILE in the JSON report format (as check --format json)")
    .addHelpText("after", HELP)
    .action(async (flags: DemoFlags) => setExit(await runDemoCommand(flags, program.opts(), io)));
};

const runDemoCommand = async (flags: DemoFlags, global: { color?: boolean }, io: CliIo): Promise<ExitCode> => {
  const [{ runDemo }, { loadConfigFile }, { EXAMPLE_PLATFORM_FILES }, { EXAMPLE_SERVICE_FILES }] = await Promise.all([
    import("@readiness/devkit/demo/index"),
    import("@readiness/core/checklist/config/load"),
    import("@readiness/example-task-platform/files"),
    import("@readiness/example-task-service/files"),
  ]);
  const { config } = await loadConfigFile(EXAMPLE_PLATFORM_FILES.config);
  const stop = new AbortController();
  // Listening (not `once`) also keeps a second Ctrl-C from killing the process halfway through the clean-up.
  const onSignal = () => stop.abort();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const result = await runDemo(exampleDeps(io), {
      write: io.stdout,
      color: global.color !== false && !io.env.NO_COLOR && io.stdoutIsTTY,
      config,
      keep: flags.keep,
      verbose: flags.verbose,
      signal: stop.signal,
      quick: flags.quick,
      files: { serviceConfig: EXAMPLE_SERVICE_FILES.config, template: EXAMPLE_PLATFORM_FILES.compliantTemplate },
    });
    if (flags.report !== undefined && result.report) {
      const written = await writeReport(flags.report, result.report, io);
      if (written !== EXIT.ok) return written;
    } else if (flags.report !== undefined)
      io.stderr(`the story ended before the checklist: nothing was written to ${flags.report}\n`);
    if (result.interrupted) return EXIT.interrupted;
    if (!result.ok) io.stderr(`error: the demo did not play as expected: ${result.problem}\n`);
    return result.ok ? EXIT.ok : EXIT.failed;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
};

const writeReport = async (file: string, report: CheckReport, io: CliIo): Promise<ExitCode> => {
  const [{ writeFile }, { resolve }, { formatJson }] = await Promise.all([
    import("node:fs/promises"),
    import("node:path"),
    import("@readiness/core/checklist/report/json"),
  ]);
  try {
    await writeFile(resolve(io.cwd, file), formatJson(report));
    io.stderr(`the final checklist was written to ${file} (JSON report format)\n`);
    return EXIT.ok;
  } catch (error) {
    io.stderr(`error: cannot write the report to ${file}: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
};

/** One readiness command run in this process, its output captured: how the demo gathers evidence. */
const runReadinessInProcess =
  (io: CliIo) =>
  async (argv: readonly string[]): Promise<CommandRun> => {
    const { run } = await import("../program");
    let stdout = "";
    let stderr = "";
    const code = await run([...argv], {
      ...io,
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      stdoutIsTTY: false,
      stderrIsTTY: false,
    });
    return { code, stdout, stderr };
  };

/** The example service and platform, and the gate's Lambda handler: what core's demo plays with. */
const exampleDeps = (io: CliIo): DemoDeps => ({
  runReadiness: runReadinessInProcess(io),
  startLoadStand: async ({ revision, env }) => {
    const { startLoadStand } = await import("@readiness/example-task-service/runner");
    const stand = await startLoadStand({ revision, env });
    return { httpUrl: stand.httpUrl, stop: () => stand.stop() };
  },
  provisionPlatform: async (endpoint, region) => {
    const { provisionPlatform, platformClients, standInForEcsScheduler } = await import(
      "@readiness/example-task-platform/provision/index"
    );
    const { sdkConfigFor } = await import("@readiness/devkit/emulator/client-config");
    const platform = await provisionPlatform({ variant: "compliant", endpoint, region });
    // moto runs no tasks for a service: start them as ECS's scheduler would, so the live checklist sees them.
    const clients = platformClients({ endpoint, region, credentials: sdkConfigFor(endpoint, region).credentials });
    try {
      await standInForEcsScheduler(endpoint, clients, platform);
    } finally {
      for (const client of Object.values(clients)) client.destroy();
    }
    const physical = new Map(platform.resources.map((r) => [r.logicalId, r.physicalId]));
    return {
      ...platform,
      gaps: platform.gaps.map((gap) => ({ ...gap, physicalId: physical.get(gap.resource) })),
      notes: ["moto has no ECS scheduler: the demo started each service's desired count of tasks, as ECS would"],
    };
  },
  startTaskService: async ({ endpoint, region, revision, fault, env, onLine, replaceStoppedWorker }) => {
    const { startTaskService } = await import("@readiness/example-task-service/runner");
    const { FAULT_MODES } = await import("@readiness/example-task-service/shared/settings");
    const service = await startTaskService({
      endpoint,
      region,
      revision,
      fault: faultSetting(fault, FAULT_MODES),
      // Short long-polls, so a restart (a "deployment") does not wait for a 20 s receive to end.
      env: { ...env, WORKER_WAIT_SECONDS: "1" },
      ...(onLine ? { onLine } : {}),
      replaceStoppedWorker,
      // A task a stopped worker held comes back after 6 s, not SQS's default 30 (the crash drill waits for it).
      queue: { visibilityTimeoutSeconds: 6 },
    });
    return {
      httpUrl: service.httpUrl,
      grpcTarget: service.grpcTarget,
      pids: () => [service.processes.api.pid, service.processes.worker.pid, service.processes.dlqProcessor.pid],
      workerPid: () => service.processes.worker.pid,
      restart: (change) =>
        service.restart({ revision: change.revision, fault: faultSetting(change.fault, FAULT_MODES) }),
      stop: () => service.stop(),
    };
  },
  loadGateHandler: async (env, overrides) => {
    // The handler reads its settings from the environment at construction, as at a Lambda cold start.
    Object.assign(process.env, env);
    const { createDeploymentGateHandler } = await import("@readiness/functions/deployment-gate");
    return createDeploymentGateHandler(overrides, process.env);
  },
});

const faultSetting = <T extends string>(fault: string, modes: readonly T[]): T | "none" => {
  if (fault === "none" || (modes as readonly string[]).includes(fault)) return fault as T | "none";
  throw new Error(`task definition FAULT_MODE "${fault}" is not one of: none, ${modes.join(", ")}`);
};
