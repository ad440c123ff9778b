import { readFileSync } from "node:fs";
import { Command } from "commander";
import { registerCheck } from "./commands/check";
import { registerConfig } from "./commands/config";
import { registerCost } from "./commands/cost";
import { registerDemo } from "./commands/demo";
import { registerDrill } from "./commands/drill";
import { registerHistory } from "./commands/history";
import { registerInit } from "./commands/init";
import { registerItems } from "./commands/items";
import { registerLoad } from "./commands/load";
import { registerPublish } from "./commands/publish";
import { registerSmoke } from "./commands/smoke";
import { type CliDeps, defaultDeps } from "./deps";
import { reportError } from "./errors";
import { EXIT, type ExitCode } from "./exit-codes";
import type { CliIo } from "./io";
import { withHint } from "./parse-errors";

const version = (): string =>
  (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** Builds the `readiness` command tree; output goes through `io` so tests can run it in-process. */
export const buildProgram = (io: CliIo, deps: CliDeps, setExit: (code: ExitCode) => void): Command => {
  const program = new Command("readiness")
    .description("production readiness as code for services on Amazon ECS")
    .version(version(), "-V, --version", "print the version")
    .option("--debug", "print stack traces of errors")
    .option("--no-color", "never colour the output (NO_COLOR is honoured too)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .addHelpText(
      "after",
      `
Examples:
  $ readiness check --template template.yaml
  $ readiness check --live --region eu-west-1 --format json
  $ readiness items --params
  $ readiness config validate
  $ readiness init
  $ readiness smoke --endpoint http://127.0.0.1:8080
  $ readiness demo
  $ readiness history --service api --cluster prod --results-table T

Exit codes: 0 ok, 1 an item failed, 2 usage or input error, 70 internal error
(smoke: 1 FAIL, 3 INCONCLUSIVE; demo: 1 the story did not play, 130 interrupted). See docs/cli.md.`,
    );
  registerCheck(program, io, deps, setExit);
  registerItems(program, io, setExit);
  registerConfig(program, io, setExit);
  registerInit(program, io, setExit);
  registerSmoke(program, io, setExit);
  registerLoad(program, io, setExit);
  registerDemo(program, io, setExit);
  registerCost(program, io, setExit);
  registerHistory(program, io, setExit);
  registerPublish(program, io, setExit);
  registerDrill(program, io, setExit);
  hintParseErrors(program, io, "readiness");
  return program;
};

/** Every command's parse errors come out as `error:` plus `hint:`, like every other input error. */
const hintParseErrors = (command: Command, io: CliIo, path: string): void => {
  command.configureOutput({
    writeOut: io.stdout,
    writeErr: io.stderr,
    outputError: (text) => io.stderr(withHint(text, path)),
  });
  for (const sub of command.commands) hintParseErrors(sub, io, `${path} ${sub.name()}`);
};

/** Runs the CLI on `argv` (without node and script) and returns the exit code; never throws. */
export const run = async (argv: readonly string[], io: CliIo, deps: CliDeps = defaultDeps): Promise<ExitCode> => {
  let exitCode: ExitCode = EXIT.usage;
  const program = buildProgram(io, deps, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, io, argv.includes("--debug"));
  }
};
