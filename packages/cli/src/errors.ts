import { CommanderError } from "commander";
import { InputError } from "@readiness/core/kernel/errors";
import { EXIT, type ExitCode } from "./exit-codes";
import type { CliIo } from "./io";

/**
 * Turns whatever a command threw into one message and an exit code: input problems say what,
 * where and how to fix (no stack unless --debug); anything else is a bug (exit 70).
 */
export const reportError = (error: unknown, io: CliIo, debug: boolean): ExitCode => {
  // Commander has already printed its own message (or the help / version).
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof InputError) {
    io.stderr(`error: ${error.describe()}\n`);
    if (debug) io.stderr(`${stackOf(error)}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`internal error: ${message}\n`);
  io.stderr(debug ? `${stackOf(error)}\n` : "  run with --debug for the stack trace, and report it\n");
  return EXIT.internal;
};

const stackOf = (error: unknown): string => {
  const lines: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    lines.push(
      lines.length === 0 ? (current.stack ?? current.message) : `caused by: ${current.stack ?? current.message}`,
    );
  }
  return lines.join("\n");
};
