import { writeFile } from "node:fs/promises";
import { extname, isAbsolute, relative, resolve } from "node:path";
import { UsageError } from "@readiness/core/kernel/errors";
import { type Command, Option } from "commander";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";
import { parseParameters } from "./check";
import { parseDuration } from "./duration";
import { collect } from "./options";

// Kept here (not imported from core) so `--help` does not load the estimator.
const FORMATS = ["table", "json", "markdown"] as const;
type Format = (typeof FORMATS)[number];

interface CostFlags {
  template?: string;
  live?: boolean;
  region?: string;
  profile?: string;
  cluster?: string[];
  accountWide?: boolean;
  deadline?: string;
  endpointUrl?: string;
  parameter?: string[];
  config?: string;
  format?: Format;
  output?: string;
  progress?: boolean;
  prices?: boolean;
}

const EXAMPLES = `
Examples:
  $ readiness cost --template template.yaml
  $ readiness cost --template cdk.out --region eu-west-1 --output ops/cost-estimate.json
  $ readiness cost --template template.yaml --format markdown --output ops/cost-estimate.md
  $ readiness cost --live --region eu-west-1 --cluster prod --output ops/cost-estimate.json
  $ AWS_ENDPOINT_URL=http://127.0.0.1:5000 readiness cost --live --format json
  $ readiness cost --prices

The assumptions (request rate, task size and count, messages, item sizes, log volume) have
defaults that readiness.yml's cost: section overrides; every estimate lists them. See docs/cost.md.

Exit codes: 0 estimate made, 2 usage or input error, 70 internal error.`;

export const registerCost = (program: Command, io: CliIo, setExit: (code: ExitCode) => void): void => {
  program
    .command("cost")
    .description(
      "estimate the monthly cost of ECS Fargate, DynamoDB, SQS, ALB and CloudWatch from a template or a live account",
    )
    .option("--template <path>", "CloudFormation template (JSON or YAML), or a directory such as cdk.out")
    .option("--live", "estimate what a live account or endpoint runs, read through the AWS SDK")
    .option("--region <region>", "region whose prices apply (template default us-east-1; live: where to read)")
    .option("--profile <name>", "AWS profile (live)")
    .option("--cluster <name>", "ECS cluster whose services are estimated (live, repeatable)", collect)
    .option("--account-wide", "estimate every resource read, not only what the clusters' services use (live)")
    .option(
      "--deadline <duration>",
      "give up after this long, naming the endpoint that did not answer (live; default 5m)",
    )
    .option("--endpoint-url <url>", "AWS-compatible endpoint, e.g. the emulator (live; default: AWS_ENDPOINT_URL)")
    .option("--parameter <key=value>", "template parameter value (repeatable)", collect)
    .option("--config <file>", "readiness.yml with the services and cost: assumptions (default: ./readiness.yml)")
    .addOption(
      new Option(
        "--format <format>",
        "output format (default: table, or from --output's extension: .json, .md)",
      ).choices(FORMATS),
    )
    .option("--output <file>", "write the estimate (JSON or Markdown) to this file; the table still goes to stdout")
    .option("--progress", "show progress on stderr even when it is not a terminal")
    .option("--prices", "print the bundled price table (dated, with each figure's source) and exit")
    .addHelpText("after", EXAMPLES)
    .action(async (flags: CostFlags) => setExit(await runCost(flags, io)));
};

const runCost = async (flags: CostFlags, io: CliIo): Promise<ExitCode> => {
  if (flags.prices) {
    const [{ PRICE_TABLE }, { renderPriceTable }] = await Promise.all([
      import("@readiness/core/checklist/cost/prices"),
      import("@readiness/core/checklist/cost/render"),
    ]);
    io.stdout(renderPriceTable(PRICE_TABLE));
    return EXIT.ok;
  }
  validateSource(flags);
  const format = flags.format ?? formatOfFile(flags.output);
  const [{ loadConfigFile }, run, { renderEstimate }] = await Promise.all([
    import("@readiness/core/checklist/config/load"),
    import("@readiness/core/checklist/cost/run-cost"),
    import("@readiness/core/checklist/cost/render"),
  ]);
  const parameters = parseParameters(flags.parameter ?? []);
  const { config, file: configFile } = await loadConfigFile(flags.config, { cwd: io.cwd });
  const showProgress = Boolean(flags.progress) || io.stderrIsTTY;
  const progress = (message: string) => {
    if (showProgress) io.stderr(`… ${message}\n`);
  };
  progress(configFile ? `configuration from ${relative(io.cwd, configFile)}` : "no readiness.yml: default assumptions");

  let outcome: Awaited<ReturnType<typeof run.costFromTemplate>>;
  if (flags.template !== undefined) {
    const path = isAbsolute(flags.template)
      ? flags.template
      : relative(process.cwd(), resolve(io.cwd, flags.template)) || ".";
    progress(`reading ${path}`);
    outcome = await run.costFromTemplate({ config, path, parameters, region: flags.region, onProgress: progress });
  } else {
    const endpoint = flags.endpointUrl ?? (io.env.AWS_ENDPOINT_URL || undefined);
    const { DEFAULT_LIVE_DEADLINE_MS, formatDeadline } = await import("@readiness/core/checklist/adapters/live/deadline");
    const deadlineMs =
      flags.deadline === undefined ? DEFAULT_LIVE_DEADLINE_MS : parseDuration(flags.deadline, "--deadline");
    progress(`collecting resources from ${endpoint ?? "AWS"} (deadline ${formatDeadline(deadlineMs)})`);
    outcome = await run.costFromLive({
      config,
      region: flags.region,
      profile: flags.profile,
      endpoint,
      clusters: flags.cluster,
      accountWide: flags.accountWide,
      deadlineMs,
      onProgress: progress,
    });
  }

  for (const warning of outcome.warnings) io.stderr(`warning: ${warning}\n`);
  if (flags.output !== undefined) {
    await writeEstimate(resolve(io.cwd, flags.output), renderEstimate(outcome.document, format), flags.output);
    progress(`estimate written to ${flags.output}`);
    io.stdout(renderEstimate(outcome.document, "table"));
  } else io.stdout(renderEstimate(outcome.document, format));
  return EXIT.ok;
};

/** Without --format, --output's extension picks it: a `.json` file gets JSON, `.md` Markdown. */
const formatOfFile = (output: string | undefined): Format => {
  const extension = output === undefined ? "" : extname(output).toLowerCase();
  return extension === ".json" ? "json" : extension === ".md" || extension === ".markdown" ? "markdown" : "table";
};

const validateSource = (flags: CostFlags): void => {
  if ((flags.template === undefined) === !flags.live)
    throw new UsageError(
      flags.live ? "--template and --live cannot be used together" : "nothing to estimate",
      undefined,
      "pass exactly one of --template PATH (a template before deploy) or --live (a running account)",
    );
  if (flags.template !== undefined) {
    const liveOnly = [
      ["--profile", flags.profile],
      ["--endpoint-url", flags.endpointUrl],
      ["--cluster", flags.cluster?.length ? "set" : undefined],
      ["--account-wide", flags.accountWide ? "set" : undefined],
      ["--deadline", flags.deadline],
    ].filter(([, value]) => value !== undefined);
    if (liveOnly.length > 0)
      throw new UsageError(
        `${liveOnly.map(([flag]) => flag).join(", ")} only applies with --live`,
        undefined,
        "drop it, or use --live",
      );
  }
  if (flags.live && flags.parameter?.length)
    throw new UsageError("--parameter only applies with --template", undefined, "drop it, or use --template");
};

const writeEstimate = async (path: string, text: string, shown: string): Promise<void> => {
  try {
    await writeFile(path, text, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot write the estimate to ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      undefined,
      "pass a writable file path to --output",
      { cause: error },
    );
  }
};
