import { z } from "zod";

/** The ways a revision can be deliberately broken (see docs/task-service-contract.md). */
export const FAULT_MODES = [
  "never-complete",
  "wrong-result",
  "api-5xx",
  "slow",
  "ignore-idempotency",
  "ack-early",
] as const;
export type FaultMode = (typeof FAULT_MODES)[number];
export type FaultSetting = FaultMode | "none";

/** A setting is missing or malformed: the process refuses to start and says which and how to fix it. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();

const common = {
  AWS_REGION: z.string().min(1).default("us-east-1"),
  AWS_ENDPOINT_URL: z.url().optional(),
  TASKS_TABLE: z.string().min(1),
  REVISION: z.string().min(1).default("dev"),
  FAULT_MODE: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === "" ? "none" : value))
    .pipe(z.enum(["none", ...FAULT_MODES])),
};

const apiSchema = z.object({
  ...common,
  TASK_BACKEND: z.literal("aws"),
  TASK_QUEUE_URL: z.url(),
  HTTP_PORT: port.default(8080),
  GRPC_PORT: port.default(50051),
  HOST: z.string().min(1).default("127.0.0.1"),
  FAULT_SLOW_MS: z.coerce.number().int().min(0).default(400),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  TLS_CLIENT_CA_FILE: z.string().min(1).optional(),
  TLS_SECRET_ID: z.string().min(1).optional(),
});

/**
 * `TASK_BACKEND=memory`: the load stand's API, which keeps tasks in memory and runs the worker and
 * the DLQ processor's code in its own process (no table, no queues). The worker's settings apply to
 * that in-process worker, and the queue's redrive settings mirror the SQS queue's (infra.ts).
 */
const memoryApiSchema = apiSchema.omit({ TASKS_TABLE: true, TASK_QUEUE_URL: true }).extend({
  TASK_BACKEND: z.literal("memory"),
  WORKER_CONCURRENCY: positiveInt.max(100).default(4),
  WORKER_PROCESSING_MS: z.coerce.number().int().min(0).default(0),
  MEMORY_MAX_RECEIVE_COUNT: positiveInt.default(3),
  MEMORY_VISIBILITY_TIMEOUT_SECONDS: z.coerce.number().min(0).default(30),
});

const workerSchema = z.object({
  ...common,
  TASK_QUEUE_URL: z.url(),
  WORKER_CONCURRENCY: positiveInt.max(100).default(4),
  WORKER_WAIT_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
  /** Simulated work per task, so drains and in-flight behaviour can be observed. */
  WORKER_PROCESSING_MS: z.coerce.number().int().min(0).default(0),
});

const dlqSchema = z.object({
  ...common,
  DLQ_URL: z.url(),
  WORKER_WAIT_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
});

export const TASK_BACKENDS = ["aws", "memory"] as const;
export type TaskBackend = (typeof TASK_BACKENDS)[number];
export type AwsApiSettings = z.infer<typeof apiSchema>;
export type MemoryApiSettings = z.infer<typeof memoryApiSchema>;
export type ApiSettings = AwsApiSettings | MemoryApiSettings;
export type WorkerSettings = z.infer<typeof workerSchema>;
export type DlqSettings = z.infer<typeof dlqSchema>;

function parse<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv, role: string): T {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(env)"}: ${issue.message}`);
  throw new SettingsError(
    `the ${role} cannot start, bad environment:\n  ${problems.join("\n  ")}\n  fix: set these variables (see examples/task-service/README.md)`,
  );
}

export const apiSettings = (env: NodeJS.ProcessEnv = process.env): ApiSettings => {
  const backend = taskBackend(env);
  const input = { ...env, TASK_BACKEND: backend };
  const settings: ApiSettings =
    backend === "memory" ? parse(memoryApiSchema, input, "API") : parse(apiSchema, input, "API");
  const fromFiles = settings.TLS_CERT_FILE !== undefined || settings.TLS_KEY_FILE !== undefined;
  if (fromFiles && (settings.TLS_CERT_FILE === undefined || settings.TLS_KEY_FILE === undefined))
    throw new SettingsError("TLS_CERT_FILE and TLS_KEY_FILE must be set together");
  if (settings.TLS_CLIENT_CA_FILE !== undefined && !fromFiles)
    throw new SettingsError("TLS_CLIENT_CA_FILE needs TLS_CERT_FILE and TLS_KEY_FILE (mutual TLS needs server TLS)");
  if (fromFiles && settings.TLS_SECRET_ID !== undefined)
    throw new SettingsError("set either TLS_CERT_FILE/TLS_KEY_FILE or TLS_SECRET_ID, not both");
  return settings;
};
/** TASK_BACKEND: `aws` (DynamoDB + SQS, unset means this) or `memory` (the load stand). */
function taskBackend(env: NodeJS.ProcessEnv): TaskBackend {
  const value = env.TASK_BACKEND === undefined || env.TASK_BACKEND === "" ? "aws" : env.TASK_BACKEND;
  if ((TASK_BACKENDS as readonly string[]).includes(value)) return value as TaskBackend;
  throw new SettingsError(
    `TASK_BACKEND=${value} is not a task backend: use aws (DynamoDB and SQS, the default) or memory ` +
      "(in-process, for load-testing the API without the emulator; see examples/task-service/README.md)",
  );
}

export const workerSettings = (env: NodeJS.ProcessEnv = process.env): WorkerSettings =>
  parse(workerSchema, env, "worker");
export const dlqSettings = (env: NodeJS.ProcessEnv = process.env): DlqSettings =>
  parse(dlqSchema, env, "DLQ processor");
