import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CliDeps } from "@readiness/cli/deps";
import type { CliIo } from "@readiness/cli/io";
import { run } from "@readiness/cli/program";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN = join(REPO, "packages", "cli", "bin", "readiness.js");
export const FIXTURES = join(REPO, "test", "cli", "fixtures");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `readiness` bin in a child process, as a user or CI would. */
export const readiness = (
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> =>
  new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: "", AWS_ENDPOINT_URL: "", ...options.env };
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? REPO, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });

/** Runs the CLI in this process with swapped check sources (the seam for inventories built with builders). */
export const readinessInProcess = async (
  args: readonly string[],
  deps: CliDeps,
  io: Partial<Omit<CliIo, "stdout" | "stderr">> = {},
): Promise<CliResult> => {
  let stdout = "";
  let stderr = "";
  const code = await run(
    args,
    {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      env: {},
      cwd: REPO,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      ...io,
    },
    deps,
  );
  return { code, stdout, stderr };
};
