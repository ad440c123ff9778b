import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "@readiness/core/kernel/errors";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";

export const registerInit = (program: Command, io: CliIo, setExit: (code: ExitCode) => void): void => {
  program
    .command("init")
    .description("write a commented starter readiness.yml (documents found at their usual places are filled in)")
    .option("--output <file>", "where to write it (default: ./readiness.yml)")
    .option("--force", "overwrite the file when it exists")
    .addHelpText(
      "after",
      "\nExamples:\n  $ readiness init\n  $ readiness init --output deploy/readiness.yml\n  $ readiness init --force",
    )
    .action(async (flags: { output?: string; force?: boolean }) => {
      const shown = flags.output ?? "readiness.yml";
      const path = resolve(io.cwd, shown);
      if (existsSync(path) && !flags.force)
        throw new UsageError(
          `${shown} already exists`,
          undefined,
          "edit it (readiness config validate checks it), pass --force to overwrite it, or --output another file",
        );
      const [{ discoverDocuments }, { starterConfig }] = await Promise.all([
        import("@readiness/core/checklist/config/discover-documents"),
        import("@readiness/core/checklist/config/starter"),
      ]);
      const found = await discoverDocuments(dirname(path));
      try {
        await writeFile(path, starterConfig(found));
      } catch (error) {
        throw new UsageError(
          `cannot write ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
          undefined,
          "pass a writable path with --output",
          { cause: error },
        );
      }
      const keys = Object.keys(found);
      io.stdout(
        `wrote ${relative(io.cwd, path) || shown}${keys.length ? ` (documents found: ${keys.join(", ")})` : ""}; next: list your services, then \`readiness config validate\`\n`,
      );
      setExit(EXIT.ok);
    });
};
