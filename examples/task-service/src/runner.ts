import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DEFAULT_EMULATOR_REGION, sdkConfigFor } from "@readiness/devkit/emulator/client-config";
import { freeLoopbackPort } from "@readiness/devkit/emulator/moto";
import { DEFAULT_NAMES, ensureResources, type QueueSettings, type ResourceNames, type TaskResources } from "./infra";
import type { FaultSetting } from "./shared/settings";

export type Role = "api" | "worker" | "dlq-processor";

/** One parsed JSON log line of a service process. */
export type LogLine = Record<string, unknown> & { msg?: string; trace_id?: string; level?: string };

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  readonly role: Role;
  readonly pid: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ProcessExit>;
  /** The JSON lines it logged so far (non-JSON output is kept as `{msg: <text>, raw: true}`). */
  logs(): readonly LogLine[];
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs` (default 15 s); resolves with the exit. */
  stop(graceMs?: number): Promise<ProcessExit>;
}

export interface TaskServiceOptions {
  /** The AWS (or emulator) endpoint every process talks to. */
  readonly endpoint: string;
  readonly region?: string;
  /** The "task definition revision" label this run represents (REVISION). */
  readonly revision: string;
  readonly fault?: FaultSetting;
  readonly httpPort?: number;
  readonly grpcPort?: number;
  readonly names?: Partial<ResourceNames>;
  readonly queue?: QueueSettings;
  /** Extra environment for all three processes (TLS_*, WORKER_*, FAULT_SLOW_MS…). */
  readonly env?: Readonly<Record<string, string>>;
  /** Called with every output line of every process (e.g. to print them). */
  readonly onLine?: (role: Role, line: string) => void;
  /** Every output line is appended here too. */
  readonly logFile?: string;
  /**
   * Start a new worker when the worker exits on its own (killed, crashed, SIGTERMed by a drill), as an
   * ECS service replaces a stopped task. Off by default: a stopped worker then stays stopped.
   */
  readonly replaceStoppedWorker?: boolean;
}

export interface RevisionChange {
  readonly revision?: string;
  readonly fault?: FaultSetting;
  readonly env?: Readonly<Record<string, string>>;
}

export interface RunningTaskService {
  readonly httpUrl: string;
  readonly grpcTarget: string;
  readonly resources: TaskResources;
  readonly revision: string;
  readonly fault: FaultSetting;
  readonly processes: {
    readonly api: ServiceProcess;
    readonly worker: ServiceProcess;
    readonly dlqProcessor: ServiceProcess;
  };
  /** Stops all three processes (SIGTERM, awaited). */
  stop(): Promise<void>;
  /** "Deploys" another revision: stops all processes, then starts them on the same ports with the merged settings. */
  restart(change?: RevisionChange): Promise<void>;
}

export class TaskServiceStartError extends Error {
  override name = "TaskServiceStartError";
}

const SERVICE_DIR = fileURLToPath(new URL("..", import.meta.url));
const ENTRY_POINTS: Record<Role, string> = {
  api: fileURLToPath(new URL("./api/main.ts", import.meta.url)),
  worker: fileURLToPath(new URL("./worker/main.ts", import.meta.url)),
  "dlq-processor": fileURLToPath(new URL("./dlq/main.ts", import.meta.url)),
};
const READY_MESSAGE: Record<Role, string> = {
  api: "api listening",
  worker: "worker started",
  "dlq-processor": "dlq processor started",
};
const START_TIMEOUT_MS = 30_000;
const MAX_KEPT_LINES = 20_000;

/**
 * Runs the task service as three child processes (`node --import tsx`), like one ECS revision:
 * creates the table/queues when absent, waits until each process is ready, and returns its URLs.
 */
export async function startTaskService(options: TaskServiceOptions): Promise<RunningTaskService> {
  const region = options.region ?? DEFAULT_EMULATOR_REGION;
  const names: ResourceNames = { ...DEFAULT_NAMES, ...options.names };
  const sdk = sdkConfigFor(options.endpoint, region);
  const dynamodb = new DynamoDBClient(sdk);
  const sqs = new SQSClient(sdk);
  let resources: TaskResources;
  try {
    resources = await ensureResources({ dynamodb, sqs }, names, options.queue);
  } finally {
    dynamodb.destroy();
    sqs.destroy();
  }
  const httpPort = options.httpPort ?? (await freeLoopbackPort());
  const grpcPort = options.grpcPort ?? (await freeLoopbackPort());
  let current = { revision: options.revision, fault: options.fault ?? "none", env: { ...options.env } };

  const environment = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ENDPOINT_URL: options.endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: sdk.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sdk.credentials.secretAccessKey,
    TASKS_TABLE: resources.table,
    TASK_QUEUE_URL: resources.queueUrl,
    DLQ_URL: resources.dlqUrl,
    HTTP_PORT: String(httpPort),
    GRPC_PORT: String(grpcPort),
    REVISION: current.revision,
    FAULT_MODE: current.fault,
    ...current.env,
  });

  const startAll = async () => {
    const env = environment();
    const started = await Promise.allSettled(
      (["api", "worker", "dlq-processor"] as const).map((role) => startProcess(role, env, options)),
    );
    const failures = started.filter((result) => result.status === "rejected");
    if (failures.length > 0) {
      await Promise.all(started.map((result) => (result.status === "fulfilled" ? result.value.stop() : undefined)));
      throw failures[0].reason;
    }
    const [api, worker, dlqProcessor] = started.map(
      (result) => (result as PromiseFulfilledResult<ServiceProcess>).value,
    );
    return { api, worker, dlqProcessor };
  };

  let processes = await startAll();
  let stopping = false;
  let replacing: Promise<unknown> = Promise.resolve();
  const replaceWhenExited = (worker: ServiceProcess): void => {
    if (!options.replaceStoppedWorker) return;
    void worker.exited.then(() => {
      if (stopping || processes.worker !== worker) return;
      replacing = startProcess("worker", environment(), options).then(
        (next) => {
          processes = { ...processes, worker: next };
          replaceWhenExited(next);
        },
        (error: unknown) => options.onLine?.("worker", `replacement worker failed to start: ${String(error)}`),
      );
    });
  };
  replaceWhenExited(processes.worker);
  const apiLine = processes.api.logs().find((line) => line.msg === READY_MESSAGE.api) ?? {};
  const httpUrl = String(apiLine.httpUrl);
  const grpcTarget = String(apiLine.grpcTarget);
  const stopAll = async (): Promise<void> => {
    stopping = true;
    await replacing;
    await Promise.all([processes.api.stop(), processes.worker.stop(), processes.dlqProcessor.stop()]);
  };

  return {
    httpUrl,
    grpcTarget,
    resources,
    get revision() {
      return current.revision;
    },
    get fault() {
      return current.fault;
    },
    get processes() {
      return processes;
    },
    stop: stopAll,
    async restart(change = {}) {
      const pollSeconds = Number(current.env.WORKER_WAIT_SECONDS ?? 20);
      await stopAll();
      // The stopped worker aborted its long poll, but the queue still holds that request until its
      // wait ends, and a message arriving meanwhile is "received" by it and hidden for the
      // visibility timeout. Let that window pass, so the new revision's first task is not swallowed.
      await new Promise((resolve) => setTimeout(resolve, pollSeconds * 1000 + 250));
      current = {
        revision: change.revision ?? current.revision,
        fault: change.fault ?? current.fault,
        env: { ...current.env, ...change.env },
      };
      processes = await startAll();
      stopping = false;
      replaceWhenExited(processes.worker);
    },
  };
}

export interface LoadStandOptions {
  readonly revision: string;
  readonly fault?: FaultSetting;
  readonly httpPort?: number;
  readonly grpcPort?: number;
  /**
   * Extra environment (TLS_*, WORKER_CONCURRENCY, WORKER_PROCESSING_MS, MEMORY_*, FAULT_SLOW_MS…). The
   * stand has no AWS settings of its own: TLS_SECRET_ID also needs AWS_REGION (and AWS_ENDPOINT_URL
   * and credentials for an emulator) here.
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Where the stand writes its output (default: a temporary file, removed at stop). The process
   * writes it itself: a pipe to this process would make every log line wait on this process's
   * event loop (process.stdout is synchronous on a Linux pipe), and this process is often the
   * load generator, busy at 500 req/s. Those waits showed as the API's P99.
   */
  readonly logFile?: string;
}

export interface RunningLoadStand {
  readonly httpUrl: string;
  readonly grpcTarget: string;
  readonly pid: number;
  readonly process: ServiceProcess;
  /** SIGTERM, awaited: the in-process worker finishes what it holds. */
  stop(): Promise<void>;
}

/**
 * The load stand: one API process with `TASK_BACKEND=memory`, which keeps tasks in memory and runs
 * the worker and DLQ processor code inside itself, so `readiness load` can drive the API at 500
 * req/s on a laptop where the emulator (a few hundred AWS calls a second) would be the bottleneck.
 * Not how the service runs on AWS: there it is `startTaskService`'s three processes on DynamoDB and SQS.
 */
export async function startLoadStand(options: LoadStandOptions): Promise<RunningLoadStand> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TASK_BACKEND: "memory",
    HTTP_PORT: String(options.httpPort ?? (await freeLoopbackPort())),
    GRPC_PORT: String(options.grpcPort ?? (await freeLoopbackPort())),
    REVISION: options.revision,
    FAULT_MODE: options.fault ?? "none",
    ...options.env,
  };
  const scratch = options.logFile ? undefined : mkdtempSync(join(tmpdir(), "readiness-load-stand-"));
  const outputFile = options.logFile ?? join(scratch as string, "stand.log");
  const api = await startProcess("api", env, { outputFile }).catch((error: unknown) => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    throw error;
  });
  const ready = api.logs().find((line) => line.msg === READY_MESSAGE.api) ?? {};
  return {
    httpUrl: String(ready.httpUrl),
    grpcTarget: String(ready.grpcTarget),
    pid: api.pid,
    process: api,
    stop: async () => {
      await api.stop();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Child processes still running when this process exits are killed, never orphaned. */
const running = new Set<ChildProcess>();
const killRunning = (): void => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
};

/** How a process's output reaches this one: through pipes, or (`outputFile`) written by the process to a file. */
type OutputOptions = Pick<TaskServiceOptions, "onLine" | "logFile"> & { readonly outputFile?: string };

async function startProcess(role: Role, env: NodeJS.ProcessEnv, options: OutputOptions): Promise<ServiceProcess> {
  const outputFd = options.outputFile === undefined ? undefined : openSync(options.outputFile, "a");
  const child = spawn(process.execPath, ["--no-warnings", "--import", "tsx", ENTRY_POINTS[role]], {
    cwd: SERVICE_DIR,
    env,
    stdio: outputFd === undefined ? ["ignore", "pipe", "pipe"] : ["ignore", outputFd, outputFd],
  });
  if (outputFd !== undefined) closeSync(outputFd);
  if (running.size === 0 && !process.listeners("exit").includes(killRunning)) process.on("exit", killRunning);
  running.add(child);
  const lines: LogLine[] = [];
  let ready: (() => void) | undefined;
  const readyPromise = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const record = (text: string): void => {
    if (options.logFile) appendFileSync(options.logFile, `${text}\n`);
    options.onLine?.(role, text);
    const line = parseLine(text);
    lines.push(line);
    if (lines.length > MAX_KEPT_LINES) lines.splice(0, lines.length - MAX_KEPT_LINES);
    if (line.msg === READY_MESSAGE[role]) ready?.();
  };
  splitLines(child.stdout, record);
  splitLines(child.stderr, record);
  // Written to a file: its new whole lines are read while the process starts, and whenever logs() is asked.
  let readBytes = 0;
  const readNewLines = (): void => {
    if (options.outputFile === undefined) return;
    const fresh = readFileSync(options.outputFile).subarray(readBytes);
    const end = fresh.lastIndexOf(0x0a);
    if (end < 0) return;
    readBytes += end + 1;
    for (const part of fresh.subarray(0, end).toString("utf8").split("\n")) if (part.trim() !== "") record(part);
  };
  const polling = options.outputFile === undefined ? undefined : setInterval(readNewLines, 50);
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
    child.once("error", () => resolve({ code: null, signal: null }));
  });

  const handle: ServiceProcess = {
    role,
    pid: child.pid ?? -1,
    exited,
    logs: () => {
      readNewLines();
      return lines;
    },
    signal: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    async stop(graceMs = 15_000) {
      handle.signal("SIGTERM");
      const escalate = setTimeout(() => handle.signal("SIGKILL"), graceMs);
      const exit = await exited;
      clearTimeout(escalate);
      return exit;
    },
  };

  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    readyPromise.then(() => "ready" as const),
    exited.then(() => "exited" as const),
    new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), START_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  clearInterval(polling);
  readNewLines();
  if (outcome === "ready") return handle;
  if (outcome === "timeout") await handle.stop(1_000);
  const tail = lines
    .slice(-10)
    .map((line) => (line.raw ? line.msg : JSON.stringify(line)))
    .join("\n    ");
  throw new TaskServiceStartError(
    `the ${role} process ${outcome === "timeout" ? `was not ready within ${START_TIMEOUT_MS / 1000} s` : "exited before it was ready"}` +
      `${tail ? `; its last output:\n    ${tail}` : ""}`,
  );
}

function parseLine(text: string): LogLine {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as LogLine;
  } catch {
    // not JSON: kept as raw text below
  }
  return { msg: text, raw: true };
}

function splitLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let pending = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    pending += chunk;
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    for (const part of parts) if (part.trim() !== "") onLine(part);
  });
  stream?.on("end", () => {
    if (pending.trim() !== "") onLine(pending);
  });
}
