import type { LiveClients } from "@readiness/core/checklist/adapters/live/index";
import type { DrillResult, DrillTarget, WorkerStopper } from "@readiness/core/gate/drills/index";
import { serviceNamesOf } from "@readiness/core/kernel/ecs-arn";
import { UsageError } from "@readiness/core/kernel/errors";
import { type Command, Option } from "commander";
import {
  type AwsAccessFlags,
  awsEndpointOf,
  type ClientTlsFlags,
  progressLines,
  withClientTlsOptions,
} from "../command-io";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";
import { parseDuration } from "./duration";
import { secretLoader, settingsFromFlags } from "./smoke";

interface DrillFlags extends AwsAccessFlags, ClientTlsFlags {
  endpoint?: string;
  tasks: string;
  within: string;
  localWorkerPid?: string;
  cluster?: string;
  service?: string;
  revision?: string;
  stopTimeout?: string;
  resultsTable?: string;
  format: "table" | "json";
}

const EXAMPLES = `
Examples:
  $ readiness drill worker-crash --endpoint https://api.internal --cluster prod --service worker --results-table readiness-results
  $ readiness drill drain --endpoint http://127.0.0.1:8080 --local-worker-pid 4242 --stop-timeout 30s
  $ readiness drill rollback --cluster staging --service api --confirm-non-production api --within 10m --results-table readiness-results
  $ readiness drill worker-crash --endpoint http://127.0.0.1:8080 --local-worker-pid 4242 \\
      --service arn:aws:ecs:us-east-1:123456789012:service/tasks/worker --revision arn:…:task-definition/worker:7 \\
      --results-table readiness-results --endpoint-url http://127.0.0.1:5000

Exit codes: 0 pass, 1 fail, 2 usage or input error (nothing recorded), 3 inconclusive (the drill could
not run as intended: nothing recorded), 70 internal error. See docs/drills.md.`;

export const registerDrill = (program: Command, io: CliIo, setExit: (code: ExitCode) => void): void => {
  const drill = program
    .command("drill")
    .description("run a reliability drill against a task service and record what it observed as evidence");
  /** Every drill's last options: where its evidence is recorded, AWS access, the output format. */
  const withRecording = (command: Command): Command =>
    command
      .option("--results-table <name>", "record the result as evidence in this results table (default: not recorded)")
      .option("--region <region>", "AWS region (ECS and the results table)")
      .option("--profile <name>", "AWS profile")
      .option("--endpoint-url <url>", "AWS-compatible endpoint, e.g. the emulator (default: AWS_ENDPOINT_URL)")
      .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
      .addHelpText("after", EXAMPLES);
  const withCommon = (command: Command): Command =>
    withRecording(
      withClientTlsOptions(
        command.requiredOption(
          "--endpoint <url>",
          "the service's task API (docs/task-service-contract.md), HTTP or gRPC",
        ),
      )
        .option("--tasks <n>", "tasks to submit before the worker is stopped", "20")
        .option("--within <duration>", "how long every task may take to complete after the stop", "2m")
        .option("--local-worker-pid <pid>", "stop this local worker process instead of an ECS task")
        .option("--cluster <cluster>", "ECS cluster of --service (when --service is a name)")
        .option(
          "--service <name-or-arn>",
          "the worker's ECS service: stopped with StopTask, and the evidence's service",
        )
        .option(
          "--revision <task-definition-arn>",
          "the revision the evidence is for (default: the service's, from ECS)",
        ),
    );
  withCommon(
    drill
      .command("worker-crash")
      .description("stop one worker abruptly while tasks are in flight; every task must complete exactly once"),
  ).action(async (flags: DrillFlags) => setExit(await runDrillCommand("worker-crash", flags, io)));
  withCommon(
    drill
      .command("drain")
      .description("SIGTERM the worker during in-flight work; it must exit within its stop timeout, losing nothing"),
  )
    .option("--stop-timeout <duration>", "the worker's stop timeout (default: the task definition's, else 30s)")
    .action(async (flags: DrillFlags) => setExit(await runDrillCommand("drain", flags, io)));
  withRecording(
    drill
      .command("rollback")
      .description(
        "deploy a known-bad revision to a non-production service; the gate must restore the original in time",
      )
      .requiredOption("--service <name-or-arn>", "the ECS service (never production: see --confirm-non-production)")
      .option("--cluster <cluster>", "ECS cluster of --service (when --service is a name)")
      .requiredOption(
        "--confirm-non-production <service-name>",
        "repeat the service's name: you confirm it is not a production service (the drill breaks it on purpose)",
      )
      .option(
        "--fault <mode>",
        "FAULT_MODE of the known-bad revision (docs/task-service-contract.md)",
        "never-complete",
      )
      .option("--within <duration>", "how long the gate may take to restore the original revision", "10m"),
  ).action(async (flags: RollbackFlags) => setExit(await runRollbackCommand(flags, io)));
};

interface RollbackFlags extends AwsAccessFlags {
  service: string;
  cluster?: string;
  confirmNonProduction: string;
  fault: string;
  within: string;
  resultsTable?: string;
  format: "table" | "json";
}

const runRollbackCommand = async (flags: RollbackFlags, io: CliIo): Promise<ExitCode> => {
  const withinMs = parseDuration(flags.within, "--within");
  const names = flags.service.startsWith("arn:")
    ? serviceNamesOf(flags.service)
    : { cluster: flags.cluster, service: flags.service };
  if (!names.cluster)
    throw new UsageError(
      `--service ${flags.service} is a name, so its cluster is needed`,
      undefined,
      "pass --cluster CLUSTER, or --service with the service's ARN",
    );
  // The drill breaks the service on purpose: the person running it names it twice.
  if (flags.confirmNonProduction !== names.service)
    throw new UsageError(
      `--confirm-non-production ${flags.confirmNonProduction} does not name the service ${names.service}`,
      undefined,
      `run the rollback drill only against a non-production service, and confirm it with --confirm-non-production ${names.service}`,
    );
  const [drills, live] = await Promise.all([
    import("@readiness/core/gate/drills/index"),
    import("@readiness/core/checklist/adapters/live/index"),
  ]);
  const clients = live.createLiveClients({
    region: flags.region,
    profile: flags.profile,
    endpoint: awsEndpointOf(flags, io),
  });
  try {
    const result = await drills.runRollbackDrill({
      ecs: clients.ecs,
      cluster: names.cluster,
      service: names.service,
      fault: flags.fault,
      withinMs,
      onProgress: progressLines(io, flags.format === "table" || io.stderrIsTTY),
    });
    const target = { service: result.service, revision: result.revision };
    const recorded = await record(result, target, flags.resultsTable, clients, io);
    const { service: _service, revision: _revision, ...shown } = result;
    io.stdout(
      flags.format === "json" ? `${JSON.stringify({ ...shown, recorded }, null, 2)}\n` : render(shown, recorded),
    );
    return result.verdict === "pass" ? EXIT.ok : EXIT.failed;
  } finally {
    live.destroyLiveClients(clients);
  }
};

const runDrillCommand = async (name: "worker-crash" | "drain", flags: DrillFlags, io: CliIo): Promise<ExitCode> => {
  const tasks = positiveInteger(flags.tasks, "--tasks", "--tasks 20");
  const withinMs = parseDuration(flags.within, "--within");
  if (flags.localWorkerPid === undefined && flags.service === undefined)
    throw new UsageError(
      "no worker to stop",
      undefined,
      "pass --local-worker-pid PID for a local worker, or --cluster CLUSTER --service SERVICE for ECS StopTask",
    );
  if (flags.resultsTable !== undefined && flags.service === undefined)
    throw new UsageError(
      "--results-table needs the service the evidence is for",
      undefined,
      "pass --service (an ARN, or a name with --cluster); --revision defaults to the one it runs",
    );
  const [drills, smoke, live] = await Promise.all([
    import("@readiness/core/gate/drills/index"),
    import("@readiness/core/gate/smoke/index"),
    import("@readiness/core/checklist/adapters/live/index"),
  ]);
  const needsAws = flags.service !== undefined;
  const clients: LiveClients | undefined = needsAws
    ? live.createLiveClients({ region: flags.region, profile: flags.profile, endpoint: awsEndpointOf(flags, io) })
    : undefined;
  const progress = progressLines(io, flags.format === "table" || io.stderrIsTTY);
  try {
    const target: DrillTarget | undefined =
      flags.service === undefined
        ? undefined
        : await drills.resolveDrillTarget(clients?.ecs, {
            service: flags.service,
            cluster: flags.cluster,
            revision: flags.revision,
          });
    const stopper: WorkerStopper =
      flags.localWorkerPid !== undefined
        ? drills.localProcessStopper(positiveInteger(flags.localWorkerPid, "--local-worker-pid", "the worker's pid"))
        : ecsStopper(drills, clients as LiveClients, target as DrillTarget, flags);
    // The same endpoint and client-certificate handling as `readiness smoke` and `readiness load`.
    const { protocol, endpoint, tls } = settingsFromFlags(flags);
    const taskApi = { protocol: protocol ?? "http", endpoint: endpoint as string, ...(tls ? { tls } : {}) };
    const loadSecret = tls?.secretId ? await secretLoader(flags, io) : undefined;
    const transport = await smoke.defaultOpenTransport(
      smoke.parseEndpoint(taskApi),
      await smoke.loadClientTls(taskApi.tls, { loadSecret }),
    );
    progress(`${name} drill: ${flags.endpoint}, stopping ${stopper.target}`);
    let result: DrillResult;
    try {
      const common = { transport, tasks, withinMs, onProgress: progress, stopper };
      result =
        name === "worker-crash"
          ? await drills.runWorkerCrashDrill(common)
          : await drills.runDrainDrill({
              ...common,
              stopTimeoutMs: await stopTimeoutMs(drills, clients, target, flags),
            });
    } finally {
      transport.close();
    }
    const recorded = await record(result, target, flags.resultsTable, clients, io);
    io.stdout(
      flags.format === "json" ? `${JSON.stringify({ ...result, recorded }, null, 2)}\n` : render(result, recorded),
    );
    return result.verdict === "pass" ? EXIT.ok : result.verdict === "fail" ? EXIT.failed : EXIT.inconclusive;
  } finally {
    if (clients) live.destroyLiveClients(clients);
  }
};

type DrillsModule = typeof import("@readiness/core/gate/drills/index");

const ecsStopper = (drills: DrillsModule, clients: LiveClients, target: DrillTarget, flags: DrillFlags) => {
  const names = serviceNamesOf(target.service);
  return drills.ecsWorkerStopper(
    clients.ecs,
    target.cluster ?? flags.cluster ?? names.cluster,
    target.serviceName ?? names.service,
  );
};

const stopTimeoutMs = async (
  drills: DrillsModule,
  clients: LiveClients | undefined,
  target: DrillTarget | undefined,
  flags: DrillFlags,
): Promise<number> => {
  if (flags.stopTimeout !== undefined) return parseDuration(flags.stopTimeout, "--stop-timeout");
  if (clients && target) return (await drills.stopTimeoutSecondsOf(clients.ecs, target.revision)) * 1000;
  return drills.ECS_DEFAULT_STOP_TIMEOUT_SECONDS * 1000;
};

/** Records a decided drill when --results-table was given; answers where, or why not. */
const record = async (
  result: DrillResult,
  target: DrillTarget | undefined,
  resultsTable: string | undefined,
  clients: LiveClients | undefined,
  io: CliIo,
): Promise<string> => {
  if (resultsTable === undefined || !target || !clients) return "not recorded (no --results-table)";
  if (result.verdict === "inconclusive") return "not recorded (an inconclusive drill is not evidence)";
  const [drills, { ResultsTable }, { recordEvidence }] = await Promise.all([
    import("@readiness/core/gate/drills/index"),
    import("@readiness/core/kernel/results/table"),
    import("@readiness/core/kernel/results/evidence"),
  ]);
  const { evidenceProvenance } = await import("@readiness/core/checklist/evidence/provenance");
  const provenance = await evidenceProvenance(`readiness drill ${result.drill}`, io.env, io.cwd);
  const evidence = drills.drillEvidence(result, target, provenance);
  try {
    await recordEvidence(ResultsTable.on(clients.dynamodb, resultsTable), evidence);
  } catch (error) {
    throw new UsageError(
      `the drill ran (${result.verdict}) but its evidence was not recorded: ${error instanceof Error ? error.message : String(error)}`,
      undefined,
      "check --results-table, --region and --endpoint-url, then run the drill again",
    );
  }
  return `recorded in ${resultsTable} as ${evidence.itemId} evidence of ${target.service} (${target.revision})`;
};

const render = (result: DrillResult, recorded: string): string => {
  const figures = Object.entries(result.figures).map(([key, value]) => `  ${key.padEnd(18)} ${String(value)}`);
  return [
    `${result.drill} drill${result.stopped ? `: ${result.stopped}` : ""}`,
    ...figures,
    `${result.verdict.toUpperCase()}  ${result.reason}`,
    `evidence: ${recorded}`,
    "",
  ].join("\n");
};

const positiveInteger = (value: string, flag: string, example: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new UsageError(`${flag} must be a positive whole number, got "${value}"`, undefined, `give ${example}`);
  return number;
};
