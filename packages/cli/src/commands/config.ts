import type { Command } from "commander";
import { UsageError } from "@readiness/core/kernel/errors";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";

export const registerConfig = (program: Command, io: CliIo, setExit: (code: ExitCode) => void): void => {
  const config = program
    .command("config")
    .description("readiness.yml tools: print its JSON Schema, validate a file")
    .addHelpText(
      "after",
      `
Examples:
  $ readiness config schema > readiness.schema.json
  $ readiness config validate
  $ readiness config validate --config deploy/readiness.yml`,
    );

  config
    .command("schema")
    .description("print the JSON Schema of readiness.yml (for editors and CI validation)")
    .addHelpText("after", "\nExample:\n  $ readiness config schema > readiness.schema.json")
    .action(async () => {
      const { readinessConfigJsonSchema } = await import("@readiness/core/checklist/config/json-schema");
      io.stdout(`${JSON.stringify(readinessConfigJsonSchema(), null, 2)}\n`);
      setExit(EXIT.ok);
    });

  config
    .command("validate")
    .description("validate readiness.yml: every problem with its line, column and fix; exit 2 when invalid")
    .option("--config <file>", "file to validate (default: ./readiness.yml)")
    .addHelpText(
      "after",
      "\nExamples:\n  $ readiness config validate\n  $ readiness config validate --config deploy/readiness.yml",
    )
    .action(async (flags: { config?: string }) => {
      const { findConfigFile, loadConfigFile } = await import("@readiness/core/checklist/config/load");
      if (findConfigFile(flags.config, io.cwd) === undefined)
        throw new UsageError(
          `no readiness.yml in ${io.cwd}`,
          undefined,
          "pass the file to validate with --config FILE",
        );
      const loaded = await loadConfigFile(flags.config, { cwd: io.cwd });
      const tuned = Object.keys(loaded.config.rules).filter(
        (id) => loaded.config.rules[id as keyof typeof loaded.config.rules] !== undefined,
      );
      io.stdout(
        `${flags.config ?? "readiness.yml"}: valid (${count(loaded.config.services.length, "service")}, parameters for ${count(tuned.length, "item")})\n`,
      );
      setExit(EXIT.ok);
    });
};

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
