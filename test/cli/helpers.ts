import { type ChildProcess, execFile, spawn } from "node:child_process";
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

// The user's environment: without the AWS SDK's Node-version warning switch, which the CLI sets itself.
const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _switch, ...USER_ENV } = process.env;

/** Runs `readiness demo ARGS` (the real bin), calling `onOutput` with everything printed so far after each chunk. */
export const spawnDemo = (
  args: readonly string[],
  onOutput: (stdout: string, child: ChildProcess) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> => {
  const child = spawn(process.execPath, [BIN, "demo", ...args], {
    cwd: REPO,
    env: { ...USER_ENV, NO_COLOR: "", AWS_ENDPOINT_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    onOutput(stdout, child);
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
};
