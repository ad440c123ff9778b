import { dirname } from "node:path";
import { UsageError } from "@readiness/core/kernel/errors";
import type { Command } from "commander";
import { awsEndpointOf, templatePathOf } from "../command-io";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";

interface PublishFlags {
  template?: string;
  resultsTable?: string;
  config?: string;
  region?: string;
  endpointUrl?: string;
  validityDays?: string;
  dryRun?: boolean;
}

const DEFAULT_VALIDITY_DAYS = 30;

const EXAMPLES = `
Examples:
  $ readiness publish --template cdk.out --results-table readiness-results --region eu-west-1
  $ readiness publish --template template.yaml --config deploy/readiness.yml --results-table readiness-results --validity-days 14
  $ readiness publish --template template.yaml --dry-run

In GitHub Actions each verdict records GITHUB_REPOSITORY, GITHUB_SHA and the run's URL. Live runs
(readiness check --live --results-table …) and the Config rules then decide the document items per
service from the newest verdict; one older than --validity-days is stale, and stale fails.

Exit codes: 0 published (no verdict fails), 1 published, and a verdict fails, 2 usage or input error.`;

export const registerPublish = (program: Command, io: CliIo, setExit: (code: ExitCode) => void): void => {
  program
    .command("publish")
    .description("decide the document items from readiness.yml's documents and store the verdicts (for CI)")
    .option("--template <path>", "the template the services are deployed from (its digest, queues and alarms count)")
    .option("--results-table <name>", "the results table of the readiness stack, where the verdicts are stored")
    .option("--config <file>", "readiness.yml naming the services and documents (default: ./readiness.yml)")
    .option("--region <region>", "region of the results table (default: AWS_REGION)")
    .option("--endpoint-url <url>", "any AWS-compatible endpoint (default: AWS_ENDPOINT_URL)")
    .option("--validity-days <days>", `days each verdict stays valid (default ${DEFAULT_VALIDITY_DAYS})`)
    .option("--dry-run", "decide and print, store nothing")
    .addHelpText("after", EXAMPLES)
    .action(async (flags: PublishFlags) => setExit(await runPublish(flags, io)));
};

const runPublish = async (flags: PublishFlags, io: CliIo): Promise<ExitCode> => {
  if (flags.template === undefined)
    throw new UsageError("--template is required", undefined, "pass the template the services are deployed from");
  if (flags.resultsTable === undefined && !flags.dryRun)
    throw new UsageError("--results-table is required", undefined, "pass the results table's name, or --dry-run");
  const validityDays = flags.validityDays === undefined ? DEFAULT_VALIDITY_DAYS : Number(flags.validityDays);
  if (!Number.isInteger(validityDays) || validityDays <= 0)
    throw new UsageError(
      `--validity-days ${flags.validityDays} is not a whole number of days`,
      undefined,
      "e.g. --validity-days 30",
    );
  const [{ loadConfigFile, findConfigFile }, { documentVerdictsToPublish }] = await Promise.all([
    import("@readiness/core/checklist/config/load"),
    import("@readiness/core/checklist/documents/publish/publish"),
  ]);
  if (findConfigFile(flags.config, io.cwd) === undefined)
    throw new UsageError(
      `no readiness.yml in ${io.cwd}`,
      undefined,
      "pass the file that names the documents with --config FILE",
    );
  const { config, file } = await loadConfigFile(flags.config, { cwd: io.cwd });
  const template = templatePathOf(flags.template, io);
  const outcome = await documentVerdictsToPublish({
    template,
    config,
    configDir: dirname(file!),
    validityDays,
    now: new Date(),
    env: io.env as NodeJS.ProcessEnv,
  });
  for (const warning of outcome.warnings) io.stderr(`warning: ${warning}\n`);
  const mark = { pass: "✓", fail: "✗", unknown: "?" } as const;
  for (const record of outcome.records)
    io.stdout(
      `${record.notApplicable ? "–" : mark[record.status]} ${record.itemId} ${record.service}: ${record.reason}\n`,
    );
  if (!flags.dryRun) {
    const region = flags.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
    if (!region) throw new UsageError("no region for the results table", undefined, "pass --region or set AWS_REGION");
    const endpoint = awsEndpointOf(flags, io);
    const [{ createLiveClients, destroyLiveClients }, { ResultsTable }, { DocumentVerdictStore }] = await Promise.all([
      import("@readiness/core/checklist/adapters/live/clients"),
      import("@readiness/core/kernel/results/table"),
      import("@readiness/core/kernel/results/documents"),
    ]);
    // The live clients: timeouts, retries, and the emulator's test credentials on a loopback endpoint.
    const clients = createLiveClients({ region, ...(endpoint ? { endpoint } : {}) });
    try {
      await new DocumentVerdictStore(ResultsTable.on(clients.dynamodb, flags.resultsTable!)).publish(outcome.records);
    } finally {
      destroyLiveClients(clients);
    }
    io.stderr(`published ${outcome.records.length} document verdicts to ${flags.resultsTable}\n`);
  } else io.stderr(`dry run: ${outcome.records.length} document verdicts decided, none stored\n`);
  return outcome.records.some((record) => record.status === "fail") ? EXIT.failed : EXIT.ok;
};
