import { type Command, Option } from "commander";
import { EXIT, type ExitCode } from "../exit-codes";
import type { CliIo } from "../io";

const EXAMPLES = `
Examples:
  $ readiness items
  $ readiness items --params
  $ readiness items --format json --params > items.json`;

export const registerItems = (program: Command, io: CliIo, setExit: (code: ExitCode) => void): void => {
  program
    .command("items")
    .description("list the checklist items: id, section, evaluation kinds and title")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--params", "also show each item's parameters and their defaults (set them under rules: in readiness.yml)")
    .addHelpText("after", EXAMPLES)
    .action(async (flags: { format: "table" | "json"; params?: boolean }) => {
      // The catalogue pulls in zod: loaded only when the command runs, not for --help.
      const { itemsJson, itemsTable } = await import("./items-render");
      const withParams = Boolean(flags.params);
      io.stdout(flags.format === "json" ? itemsJson(withParams) : itemsTable(withParams));
      setExit(EXIT.ok);
    });
};
