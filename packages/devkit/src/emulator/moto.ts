import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { ReadinessError } from "@readiness/core/kernel/errors";

/** A running local AWS emulator (the moto server) that this process started and owns. */
export interface Emulator {
  /** Base URL for SDK clients, e.g. "http://127.0.0.1:41234". */
  readonly endpoint: string;
  readonly port: number;
  /** Forgets every resource the emulator holds (`POST /moto-api/reset`). */
  reset(): Promise<void>;
  /** Stops the server process this emulator started (and only it). Safe to call twice. */
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  /** Port to listen on; a free loopback port is picked when absent. */
  readonly port?: number;
  /** The server's stdout and stderr are appended here when given. */
  readonly logFile?: string;
  /** Python interpreter to run moto with (default "python3"). */
  readonly python?: string;
  /** How long to wait for the server to answer (default 30 s). */
  readonly startTimeoutMs?: number;
  /**
   * Opt-in additions to moto, loaded into the server process before it starts (default none:
   * plain moto, whose gaps tests rely on). See `MOTO_EXTENSIONS`.
   */
  readonly extensions?: readonly MotoExtension[];
}

/**
 * What each opt-in extension adds to moto, and its Python module (in `moto-extensions/`, which
 * defines `install()`). An extension fills a gap of moto's with moto's own machinery, never a
 * canned answer.
 */
export const MOTO_EXTENSIONS = {
  /**
   * IAM SimulatePrincipalPolicy (moto answers HTTP 500) for roles, users and groups, decided by
   * moto's own policy engine over the principal's stored policies and permissions boundary: the
   * iam-least-privilege probe then gets real answers on the emulator.
   */
  "iam-simulate-principal-policy": "iam_simulate_principal_policy.py",
} as const;

export type MotoExtension = keyof typeof MOTO_EXTENSIONS;

/**
 * The extension's Python file, found through the package's exports (not this file's own URL), so
 * it resolves the same from the sources (tsx, vitest) and from the CLI's bundle in packages/cli/dist.
 */
export const motoExtensionPath = (extension: MotoExtension): string => {
  const file = Object.hasOwn(MOTO_EXTENSIONS, extension) ? MOTO_EXTENSIONS[extension] : undefined;
  if (!file)
    throw new EmulatorUnavailableError(
      `unknown moto extension "${extension}"`,
      `use one of: ${Object.keys(MOTO_EXTENSIONS).join(", ")}`,
    );
  return createRequire(import.meta.url).resolve(`@readiness/devkit/emulator/moto-extensions/${file}`);
};

const INSTALL_HINT = "pip install 'moto[server]'";

/** The emulator cannot be started on this machine (no python3, no moto, or it never answered). */
export class EmulatorUnavailableError extends ReadinessError {
  constructor(
    message: string,
    readonly hint: string = INSTALL_HINT,
    options?: { cause?: unknown },
  ) {
    super(`${message}\n  fix: ${hint}`, options);
  }
}

/** The emulator answered a control request with an error. */
export class EmulatorRequestError extends ReadinessError {}

const LOOPBACK = "127.0.0.1";
const STDERR_TAIL_LINES = 20;
const POLL_INTERVAL_MS = 100;
/** A port picked free can be taken before moto binds it; pick again a few times. */
const PORT_ATTEMPTS = 3;

/** Binds port 0 on loopback to let the OS choose a free port, then releases it for moto. */
export const freeLoopbackPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("the OS gave no port"))));
    });
  });

/**
 * Starts `python3 -m moto.server` on a loopback port and waits until it answers. Fails with
 * `EmulatorUnavailableError` (and how to fix it) when python3 or moto is missing or the server
 * exits or never answers.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  refuseUnnamedEmulatorTest(process.env.READINESS_TEST_FILE);
  const attempts = options.port === undefined ? PORT_ATTEMPTS : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.port ?? (await freeLoopbackPort());
    try {
      return await startOn(port, options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortTakenError)) throw error;
    }
  }
  throw new EmulatorUnavailableError(
    `the emulator could not bind a free port after ${attempts} attempts`,
    "free some loopback ports or pass an explicit port",
    { cause: lastError },
  );
}

class PortTakenError extends ReadinessError {}

/** The suffix of a test file that starts the emulator: `npm run test:unit` runs the others. */
export const EMULATOR_TEST_SUFFIX = ".emulator.test.ts";

/**
 * A test file (named by vitest's setup file, inherited by the processes it starts) may start the
 * emulator only when its name says so; otherwise the fast suite would start it unannounced.
 */
export const refuseUnnamedEmulatorTest = (testFile: string | undefined): void => {
  if (testFile && !testFile.endsWith(EMULATOR_TEST_SUFFIX))
    throw new EmulatorUnavailableError(
      `${testFile} starts the emulator, but its name does not end in ${EMULATOR_TEST_SUFFIX}`,
      `rename it to *${EMULATOR_TEST_SUFFIX} (npm run test:unit leaves those out)`,
    );
};

async function startOn(port: number, options: EmulatorOptions): Promise<Emulator> {
  const python = options.python ?? "python3";
  const endpoint = `http://${LOOPBACK}:${port}`;
  const extensions = (options.extensions ?? []).map(motoExtensionPath);
  const child = spawn(python, ["-c", MOTO_LAUNCHER, "-H", LOOPBACK, "-p", String(port)], {
    env: {
      ...process.env,
      MOTO_IAM_LOAD_MANAGED_POLICIES: "true",
      [EXTENSIONS_VARIABLE]: JSON.stringify(extensions),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = captureOutput(child, options.logFile);
  const exited = exitOf(child);
  killOnProcessExit(child);

  const stopProcess = async (): Promise<void> => {
    runningServers.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const escalate = setTimeout(() => child.kill("SIGKILL"), 3_000);
    await exited;
    clearTimeout(escalate);
  };

  try {
    await waitUntilAnswering(endpoint, exited, options.startTimeoutMs ?? 30_000, output, python);
  } catch (error) {
    await stopProcess();
    throw error;
  }

  let stopped = false;
  return {
    endpoint,
    port,
    async reset() {
      if (stopped) throw new EmulatorRequestError(`the emulator at ${endpoint} was stopped`);
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
      if (!response.ok)
        throw new EmulatorRequestError(`emulator reset failed: HTTP ${response.status} ${await response.text()}`);
    },
    async stop() {
      stopped = true;
      await stopProcess();
    },
  };
}

/** The Python files of the extensions to install, as a JSON array (always set: an inherited value must not leak in). */
const EXTENSIONS_VARIABLE = "READINESS_MOTO_EXTENSIONS";

/**
 * Runs `python -m moto.server ARGS`, first asking Linux to SIGTERM the server when its parent dies
 * (prctl PR_SET_PDEATHSIG), so a test run killed by Ctrl-C or a CI timeout leaves no orphan
 * server behind. Elsewhere the request fails quietly and the exit hook below does the job. The
 * opt-in extensions are installed first, in the same process, so moto serves what they add.
 */
const MOTO_LAUNCHER = [
  "import json, os, runpy, signal, sys",
  "try:",
  "    import ctypes",
  "    ctypes.CDLL(None).prctl(1, signal.SIGTERM)",
  "except Exception:",
  "    pass",
  `for path in json.loads(os.environ.get("${EXTENSIONS_VARIABLE}") or "[]"):`,
  "    runpy.run_path(path)['install']()",
  "sys.argv = ['moto.server'] + sys.argv[1:]",
  "runpy.run_module('moto.server', run_name='__main__', alter_sys=True)",
].join("\n");

/** Servers this process started and has not stopped: killed if the process exits first. */
const runningServers = new Set<ChildProcess>();

function killOnProcessExit(child: ChildProcess): void {
  if (runningServers.size === 0 && !process.listeners("exit").includes(killRunningServers))
    process.on("exit", killRunningServers);
  runningServers.add(child);
}

function killRunningServers(): void {
  for (const child of runningServers) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  runningServers.clear();
}

/**
 * moto advances some resources through their lifecycle each time they are described (an ECS task
 * goes RUNNING → DEACTIVATING → … after one DescribeTasks). `"manual"` progression with a large
 * `times` keeps them where they are, as a steady production service would be.
 */
export async function setStateTransition(
  endpoint: string,
  modelName: string,
  transition: { progression: "manual" | "immediate" | "time"; times?: number; seconds?: number },
): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/state-manager/set-transition`, {
    method: "POST",
    body: JSON.stringify({ model_name: modelName, transition }),
  });
  if (!response.ok)
    throw new EmulatorRequestError(
      `emulator set-transition for ${modelName} failed: HTTP ${response.status} ${await response.text()}`,
    );
}

interface CapturedOutput {
  tail(): string;
}

/** Keeps the last lines of stderr for error messages and appends everything to the log file. */
function captureOutput(child: ChildProcess, logFile: string | undefined): CapturedOutput {
  const lines: string[] = [];
  const record = (chunk: Buffer, isError: boolean): void => {
    const text = chunk.toString("utf8");
    if (logFile) appendFileSync(logFile, text);
    if (!isError) return;
    lines.push(...text.split("\n").filter((line) => line.trim() !== ""));
    if (lines.length > STDERR_TAIL_LINES) lines.splice(0, lines.length - STDERR_TAIL_LINES);
  };
  child.stdout?.on("data", (chunk: Buffer) => record(chunk, false));
  child.stderr?.on("data", (chunk: Buffer) => record(chunk, true));
  return { tail: () => lines.join("\n") };
}

type Exit = { code: number | null; signal: NodeJS.Signals | null } | { spawnError: Error };

function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    child.once("error", (spawnError) => resolve({ spawnError }));
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}

async function waitUntilAnswering(
  endpoint: string,
  exited: Promise<Exit>,
  timeoutMs: number,
  output: CapturedOutput,
  python: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: Exit | undefined;
  void exited.then((value) => {
    exit = value;
  });
  while (Date.now() < deadline) {
    if (exit) throw unavailableAfterExit(exit, output.tail(), python);
    if (await answers(endpoint)) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  if (exit) throw unavailableAfterExit(exit, output.tail(), python);
  throw new EmulatorUnavailableError(
    `the emulator at ${endpoint} did not answer within ${Math.round(timeoutMs / 1000)} s${describeTail(output.tail())}`,
    `check that '${python} -m moto.server' runs; ${INSTALL_HINT}`,
  );
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function unavailableAfterExit(exit: Exit, tail: string, python: string): ReadinessError {
  if ("spawnError" in exit) {
    const missing = (exit.spawnError as NodeJS.ErrnoException).code === "ENOENT";
    return new EmulatorUnavailableError(
      missing ? `'${python}' was not found, so the emulator (moto) cannot start` : `cannot run '${python}'`,
      `install Python 3, then ${INSTALL_HINT}`,
      { cause: exit.spawnError },
    );
  }
  if (/address already in use/i.test(tail)) return new PortTakenError(tail);
  if (/No module named ['"]?moto/i.test(tail))
    return new EmulatorUnavailableError(`moto is not installed for '${python}'${describeTail(tail)}`);
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  return new EmulatorUnavailableError(`the emulator (moto server) ${how} before answering${describeTail(tail)}`);
}

const describeTail = (tail: string): string => (tail ? `\n  server stderr:\n    ${tail.replace(/\n/g, "\n    ")}` : "");
