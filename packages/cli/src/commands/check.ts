import { dirname, relative } from "node:path";
import type { CheckOutcome } from "@readiness/core/checklist/check/check-inventory";
import type { CheckReport } from "@readiness/core/checklist/engine/engine";
import { isIncomplete } from "@readiness/core/checklist/model/input";
import { REPORT_FORMATS, type ReportFormat } from "@readiness/core/checklist/report/formats";
import { UsageError } from "@readiness/core/kernel/errors";
import { type Command, Option } from "commander";
import { progressLines, templatePathOf, writeOutputFile } from "../command-io";
import type { CliDeps } from "../deps";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";
import { type SourceFlags, startLiveCollection, validateSourceFlags } from "../source-flags";
import { collect } from "./options";

interface CheckFlags extends SourceFlags {
  resultsTable?: string;
  config?: string;
  format: ReportFormat;
  only?: string[];
  skip?: string[];
  service?: string[];
  output?: string;
  progress?: boolean;
  allowMissingNested?: boolean;
}

const EXAMPLES = `
Examples:
  $ readiness check --template template.yaml
  $ readiness check --template cdk.out --format sarif --output readiness.sarif
  $ readiness check --template stack.json --parameter Env=prod --only container-hardening,no-env-secrets
  $ readiness check --live --region eu-west-1 --cluster prod --service api --service worker
  $ readiness check --live --region eu-west-1 --cluster prod --account-wide --deadline 10m
  $ AWS_ENDPOINT_URL=http://127.0.0.1:5000 readiness check --live --format json

Exit codes: 0 every decided item passes, 1 an item failed, 2 usage or input error,
3 the template was not read whole (a nested stack's template not found), 70 internal error.`;

export const registerCheck = (program: Command, io: CliIo, deps: CliDeps, setExit: (code: ExitCode) => void): void => {
  program
    .command("check")
    .description("check the production readiness checklist against a CloudFormation template or a live account")
    .option("--template <path>", "CloudFormation template (JSON or YAML), or a directory such as cdk.out")
    .option("--live", "check a live account or endpoint through the AWS SDK")
    .option("--region <region>", "AWS region (live; also the AWS::Region of a template)")
    .option("--profile <name>", "AWS profile (live)")
    .option(
      "--cluster <name>",
      "ECS cluster to review (live, repeatable): its services and what they use are in scope",
      collect,
    )
    .option("--account-wide", "judge every resource the account has, not only what the clusters' services use (live)")
    .option(
      "--deadline <duration>",
      "give up after this long, naming the endpoint that did not answer (live; default 5m)",
    )
    .option("--endpoint-url <url>", "AWS-compatible endpoint, e.g. the emulator (live; default: AWS_ENDPOINT_URL)")
    .option(
      "--results-table <name>",
      "the readiness results table: smoke runs decide post-deploy-smoke and idempotent-writes; published document verdicts decide the document items when readiness.yml names no documents (live)",
    )
    .option("--config <file>", "readiness.yml to use (default: ./readiness.yml if present, else defaults)")
    .addOption(new Option("--format <format>", "report format").choices(REPORT_FORMATS).default("table"))
    .option(
      "--only <ids>",
      "check only these item ids (comma-separated or repeated); live, read only what they need",
      collect,
    )
    .option("--skip <ids>", "leave out these item ids (comma-separated or repeated)", collect)
    .option("--service <name>", "restrict to this ECS service: name, ARN or logical id (repeatable)", collect)
    .option("--parameter <key=value>", "template parameter value (repeatable)", collect)
    .option(
      "--allow-missing-nested",
      "accept nested stacks whose template is not found: still reported, but the run does not exit 3 for them (template)",
    )
    .option("--output <file>", "write the report to this file; the summary line still goes to stderr")
    .option("--progress", "show progress on stderr even when it is not a terminal")
    .addHelpText("after", EXAMPLES)
    .action(async (flags: CheckFlags) => setExit(await runCheck(flags, program.opts(), io, deps)));
};

const runCheck = async (
  flags: CheckFlags,
  global: { color?: boolean },
  io: CliIo,
  deps: CliDeps,
): Promise<ExitCode> => {
  validateSource(flags);
  // Loaded here, not at the top: `--help` and `--version` should not pay for zod, yaml and the formatters.
  const [{ parseSelection }, { loadConfigFile }, { formatReport, summaryLine }] = await Promise.all([
    import("@readiness/core/checklist/check/item-ids"),
    import("@readiness/core/checklist/config/load"),
    import("@readiness/core/checklist/report/index"),
  ]);
  const parameters = parseParameters(flags.parameter ?? []);
  const { config, file: configFile } = await loadConfigFile(flags.config, { cwd: io.cwd });
  const selection = {
    ...parseSelection(flags.only ?? [], flags.skip ?? []),
    services: flags.service,
    config,
    // Document paths in readiness.yml are relative to its folder, wherever the command runs.
    ...(configFile ? { configDir: dirname(configFile) } : {}),
  };
  const progress = progressLines(io, Boolean(flags.progress) || io.stderrIsTTY);
  progress(
    configFile ? `configuration from ${relative(io.cwd, configFile)}` : "no readiness.yml: default configuration",
  );

  let outcome: CheckOutcome;
  let artifact: string | undefined;
  if (flags.template !== undefined) {
    const path = templatePathOf(flags.template, io);
    progress(`reading ${path}`);
    const checked = await deps.checkTemplate({
      ...selection,
      path,
      parameters,
      region: flags.region,
      onProgress: progress,
      allowMissingNested: flags.allowMissingNested,
    });
    outcome = checked;
    artifact = checked.files[0];
  } else {
    const { endpoint, deadlineMs } = await startLiveCollection(flags, io, progress);
    outcome = await deps.checkLive({
      ...selection,
      region: flags.region,
      profile: flags.profile,
      endpoint,
      clusters: flags.cluster,
      accountWide: flags.accountWide,
      deadlineMs,
      onProgress: progress,
      ...(flags.resultsTable ? { resultsTable: flags.resultsTable } : {}),
    });
  }

  for (const warning of outcome.warnings) io.stderr(`warning: ${warning}\n`);
  const color = global.color !== false && !io.env.NO_COLOR && io.stdoutIsTTY && flags.output === undefined;
  const text = formatReport(outcome.report, flags.format, { color, baseDir: io.cwd, artifact });
  if (flags.output !== undefined) {
    await writeOutputFile(io, flags.output, text, "the report");
    io.stderr(`${summaryLine(outcome.report)} (report written to ${flags.output})\n`);
  } else io.stdout(text);
  return exitCodeOf(outcome.report);
};

/** A failed item fails the run; else a template not read whole (and not accepted) is inconclusive, never a pass. */
const exitCodeOf = (report: CheckReport): ExitCode => {
  if (report.items.some((item) => item.status === "fail")) return EXIT.failed;
  return isIncomplete(report.input) ? EXIT.inconclusive : EXIT.ok;
};

const validateSource = (flags: CheckFlags): void =>
  validateSourceFlags(flags, {
    nothing: "nothing to check",
    liveOnly: [["--results-table", flags.resultsTable]],
    templateOnly: [["--allow-missing-nested", flags.allowMissingNested ? "set" : undefined]],
  });

/** --parameter Key=Value, repeated; the value may itself contain "=". */
export const parseParameters = (values: readonly string[]): Record<string, string> => {
  const parameters: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf("=");
    if (at <= 0)
      throw new UsageError(
        `invalid --parameter "${value}"`,
        undefined,
        "write it as Key=Value, e.g. --parameter Env=prod",
      );
    parameters[value.slice(0, at)] = value.slice(at + 1);
  }
  return parameters;
};
