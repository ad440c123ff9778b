import { type Command, Option } from "commander";
import { UsageError } from "@readiness/core/kernel/errors";
import type { ServiceName } from "@readiness/core/kernel/results/layout";
import { type AwsAccessFlags, awsEndpointOf } from "../command-io";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";
import { daysEndingAt, formatHistoryJson, formatHistoryTable, historyOf, type ServiceHistory } from "./history-view";

interface HistoryFlags extends AwsAccessFlags {
  service: string;
  cluster?: string;
  resultsTable: string;
  days: string;
  format: "table" | "json";
}

const DEFAULT_DAYS = 14;

const EXAMPLES = `
Examples:
  $ readiness history --service api --cluster prod --results-table readiness-prod-Storage-Results
  $ readiness history --service arn:aws:ecs:eu-west-1:123456789012:service/prod/api --results-table T --days 30
  $ readiness history --service api --cluster tasks --results-table readiness-results --endpoint-url http://127.0.0.1:5000 --format json

Exit codes: 0 printed, 2 usage or input error (no such table, no snapshots), 70 internal error.`;

export const registerHistory = (program: Command, io: CliIo, setExit: (code: ExitCode) => void): void => {
  program
    .command("history")
    .description(
      "print a service's nightly snapshots: one row per checklist item, a sparkline per item, oldest → newest",
    )
    .requiredOption("--service <name>", "ECS service name, or its ARN (which names the cluster)")
    .option("--cluster <name>", 'ECS cluster of the service (default: "default", as in ECS)')
    .requiredOption("--results-table <name>", "the results table the nightly function writes to (the Storage stack's)")
    .option("--days <n>", "days shown, ending at the newest snapshot", String(DEFAULT_DAYS))
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--region <region>", "AWS region of the table")
    .option("--profile <name>", "AWS profile")
    .option("--endpoint-url <url>", "AWS-compatible endpoint, e.g. the emulator (default: AWS_ENDPOINT_URL)")
    .addHelpText("after", EXAMPLES)
    .action(async (flags: HistoryFlags) => setExit(await runHistory(flags, io)));
};

const runHistory = async (flags: HistoryFlags, io: CliIo): Promise<ExitCode> => {
  const days = parseDays(flags.days);
  const service = serviceOf(flags);
  const endpoint = awsEndpointOf(flags, io);
  const history = await readHistory(flags, service, days, endpoint);
  io.stdout(
    flags.format === "json"
      ? formatHistoryJson(history, flags.resultsTable)
      : formatHistoryTable(history, flags.resultsTable),
  );
  return EXIT.ok;
};

const readHistory = async (
  flags: HistoryFlags,
  service: ServiceName,
  days: number,
  endpoint: string | undefined,
): Promise<ServiceHistory> => {
  const [{ withLiveSession }, { noRegionError }, { ResultsTable }, { SnapshotStore }] = await Promise.all([
    import("@readiness/core/checklist/check/live-session"),
    import("@readiness/core/checklist/check/live-errors"),
    import("@readiness/core/kernel/results/table"),
    import("@readiness/core/kernel/results/snapshots"),
  ]);
  return withLiveSession({ region: flags.region, profile: flags.profile, endpoint }, async ({ live, clients }) => {
    if (!(await live.resolvedRegion(clients))) throw noRegionError();
    const store = new SnapshotStore(ResultsTable.on(clients.dynamodb, flags.resultsTable));
    const named = `${service.cluster}/${service.service}`;
    const newest = await explainTable(store.latest(service), flags.resultsTable, endpoint);
    if (!newest)
      throw new UsageError(
        `no nightly snapshot of service ${named} in table ${flags.resultsTable}`,
        undefined,
        `the nightly function (Schedule stack) writes them, one per service and day: invoke it once (aws lambda invoke --function-name <NightlyFunctionName> out.json), or check --service and --cluster${flags.cluster ? "" : ' (the cluster defaults to "default")'}`,
      );
    const shown = daysEndingAt(newest.date, days);
    const snapshots = await explainTable(store.history(service, shown[0]), flags.resultsTable, endpoint);
    return historyOf(snapshots, shown);
  });
};

/** A missing table is the user's input, not a bug: name it and say which table to pass. */
const explainTable = async <T>(read: Promise<T>, table: string, endpoint: string | undefined): Promise<T> => {
  try {
    return await read;
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    if (cause?.name === "ResourceNotFoundException")
      throw new UsageError(
        `results table ${table} does not exist in ${endpoint ?? "this account and region"}`,
        undefined,
        "pass the results table of the Storage stack (its ResultsTableName output) with --results-table, and the region it is in",
        { cause: error },
      );
    throw error;
  }
};

const parseDays = (text: string): number => {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > 400)
    throw new UsageError(
      `invalid --days "${text}"`,
      undefined,
      "give a whole number of days from 1 to 400 (snapshots are kept 400 days)",
    );
  return days;
};

/** --service as a name (with --cluster) or an ARN (which names its cluster). */
const serviceOf = (flags: HistoryFlags): ServiceName => {
  const arn = /^arn:[^:]+:ecs:[^:]*:[^:]*:service\/(?:([^/]+)\/)?([^/]+)$/.exec(flags.service);
  if (arn) {
    const cluster = arn[1] ?? "default";
    if (flags.cluster && flags.cluster !== cluster)
      throw new UsageError(
        `--cluster ${flags.cluster} contradicts the service ARN's cluster ${cluster}`,
        undefined,
        "drop --cluster, or pass the service's name",
      );
    return { cluster, service: arn[2] };
  }
  if (flags.service.includes("/") || flags.service.trim() === "")
    throw new UsageError(
      `invalid --service "${flags.service}"`,
      undefined,
      "pass an ECS service name or a service ARN",
    );
  const cluster = flags.cluster?.includes(":cluster/")
    ? flags.cluster.slice(flags.cluster.lastIndexOf("/") + 1)
    : flags.cluster;
  return { cluster: cluster ?? "default", service: flags.service };
};
