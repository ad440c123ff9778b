import { extname, relative } from "node:path";
import { type Command, Option } from "commander";
import { progressLines, templatePathOf, writeOutputFile } from "../command-io";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";
import { type SourceFlags, startLiveCollection, validateSourceFlags } from "../source-flags";
import { parseParameters } from "./check";
import { collect } from "./options";

// Kept here (not imported from core) so `--help` does not load the estimator.
const FORMATS = ["table", "json", "markdown"] as const;
type Format = (typeof FORMATS)[number];

interface CostFlags extends SourceFlags {
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
  const progress = progressLines(io, Boolean(flags.progress) || io.stderrIsTTY);
  progress(configFile ? `configuration from ${relative(io.cwd, configFile)}` : "no readiness.yml: default assumptions");

  let outcome: Awaited<ReturnType<typeof run.costFromTemplate>>;
  if (flags.template !== undefined) {
    const path = templatePathOf(flags.template, io);
    progress(`reading ${path}`);
    outcome = await run.costFromTemplate({ config, path, parameters, region: flags.region, onProgress: progress });
  } else {
    const { endpoint, deadlineMs } = await startLiveCollection(flags, io, progress);
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
    await writeOutputFile(io, flags.output, renderEstimate(outcome.document, format), "the estimate");
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

const validateSource = (flags: CostFlags): void => validateSourceFlags(flags, { nothing: "nothing to estimate" });
