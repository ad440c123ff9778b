import type { DemoDeps } from "@readiness/devkit/demo/index";
import type { Command } from "commander";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";

interface DemoFlags {
  keep?: boolean;
  verbose?: boolean;
}

const HELP = `
The story, printed as a timeline (offsets from the start, one line per step):
  1. starts its own moto emulator (a free port) and the example task service, provisions the
     example platform (compliant) and registers what it runs as the deployed revision 1;
  2. a good deployment (revision 2) passes the smoke test;
  3. a broken deployment (revision 3, FAULT_MODE=never-complete) fails and is rolled back to
     revision 2 (DescribeServices before and after), and the outcome event is read back;
  4. a duplicate delivery of the same event is ignored (idempotency);
  5. the checklist is evaluated live against the emulator.
Everything it started is stopped at the end, on error and on Ctrl-C.

Needs Python 3 with moto[server] (pip install 'moto[server]'). No AWS account is used.

Examples:
  $ readiness demo
  $ readiness demo --keep        # then look around; Ctrl-C stops everything

Exit codes: 0 the story played as expected, 1 it did not (the reason is printed), 130 interrupted, 70 internal error.`;

export const registerDemo = (program: Command, io: CliIo, setExit: (code: ExitCode) => void): void => {
  program
    .command("demo")
    .description("play the post-deploy gate's story on a local emulator: deploy, smoke-test, roll back, check")
    .option(
      "--keep",
      "keep the emulator and the task service up after the story (until Ctrl-C) and print their endpoints",
    )
    .option("--verbose", "also print the gate function's JSON logs")
    .addHelpText("after", HELP)
    .action(async (flags: DemoFlags) => setExit(await runDemoCommand(flags, program.opts(), io)));
};

const runDemoCommand = async (flags: DemoFlags, global: { color?: boolean }, io: CliIo): Promise<ExitCode> => {
  const [{ runDemo }, { loadConfigFile }, { EXAMPLE_PLATFORM_FILES }] = await Promise.all([
    import("@readiness/devkit/demo/index"),
    import("@readiness/core/checklist/config/load"),
    import("@readiness/example-task-platform/files"),
  ]);
  const { config } = await loadConfigFile(EXAMPLE_PLATFORM_FILES.config);
  const stop = new AbortController();
  // Listening (not `once`) also keeps a second Ctrl-C from killing the process halfway through the clean-up.
  const onSignal = () => stop.abort();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const result = await runDemo(exampleDeps(), {
      write: io.stdout,
      color: global.color !== false && !io.env.NO_COLOR && io.stdoutIsTTY,
      config,
      keep: flags.keep,
      verbose: flags.verbose,
      signal: stop.signal,
    });
    if (result.interrupted) return EXIT.interrupted;
    if (!result.ok) io.stderr(`error: the demo did not play as expected: ${result.problem}\n`);
    return result.ok ? EXIT.ok : EXIT.failed;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
};

/** The example service and platform, and the gate's Lambda handler: what core's demo plays with. */
const exampleDeps = (): DemoDeps => ({
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
  startTaskService: async ({ endpoint, region, revision, fault }) => {
    const { startTaskService } = await import("@readiness/example-task-service/runner");
    const { FAULT_MODES } = await import("@readiness/example-task-service/shared/settings");
    const service = await startTaskService({
      endpoint,
      region,
      revision,
      fault: faultSetting(fault, FAULT_MODES),
      // Short long-polls, so a restart (a "deployment") does not wait for a 20 s receive to end.
      env: { WORKER_WAIT_SECONDS: "1" },
    });
    return {
      httpUrl: service.httpUrl,
      grpcTarget: service.grpcTarget,
      pids: () => [service.processes.api.pid, service.processes.worker.pid, service.processes.dlqProcessor.pid],
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
