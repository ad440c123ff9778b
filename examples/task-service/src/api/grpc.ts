import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { Logger } from "../shared/logger";
import { continueTrace, formatTraceparent } from "../shared/trace";
import type { TaskView } from "../tasks/task";
import {
  IdempotencyConflictError,
  InjectedFaultError,
  InvalidRequestError,
  type TaskApi,
  UnknownTaskError,
} from "./task-api";
import type { TlsMaterial } from "./tls";

export const PROTO_PATH = fileURLToPath(new URL("../../proto/tasks.proto", import.meta.url));

/** The wire shapes of proto/tasks.proto (field names kept as in the proto). */
export interface SubmitRequestMessage {
  idempotency_key: string;
  input: string;
}
export interface GetRequestMessage {
  task_id: string;
}
export interface TaskMessage {
  task_id: string;
  status: string;
  input: string;
  output: string;
  error: string;
  replayed: boolean;
}

interface TaskServiceDefinition {
  tasks: { v1: { TaskService: grpc.ServiceClientConstructor } };
}

/** Loads tasks.v1.TaskService; the same definition serves the server and test clients. */
export function loadTaskService(): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(PROTO_PATH, { keepCase: true, defaults: true });
  return (grpc.loadPackageDefinition(definition) as unknown as TaskServiceDefinition).tasks.v1.TaskService;
}

const toMessage = (task: TaskView, replayed: boolean): TaskMessage => ({
  task_id: task.taskId,
  status: task.status,
  input: task.input,
  output: task.result?.output ?? "",
  error: task.error ?? "",
  replayed,
});

function statusOf(error: unknown): grpc.status {
  if (error instanceof InvalidRequestError) return grpc.status.INVALID_ARGUMENT;
  if (error instanceof UnknownTaskError) return grpc.status.NOT_FOUND;
  if (error instanceof IdempotencyConflictError) return grpc.status.ALREADY_EXISTS;
  return grpc.status.INTERNAL;
}

export function createGrpcServer(api: TaskApi, baseLog: Logger): grpc.Server {
  const server = new grpc.Server();
  const handle =
    <Request>(method: string, work: (request: Request, log: Logger) => Promise<TaskMessage>) =>
    (call: grpc.ServerUnaryCall<Request, TaskMessage>, callback: grpc.sendUnaryData<TaskMessage>): void => {
      const incoming = call.metadata.get("traceparent")[0];
      const trace = continueTrace(typeof incoming === "string" ? incoming : undefined);
      const log = baseLog.withTrace(trace);
      const started = performance.now();
      const metadata = new grpc.Metadata();
      metadata.set("traceparent", formatTraceparent(trace));
      call.sendMetadata(metadata);
      work(call.request, log).then(
        (message) => {
          log.info("grpc request", { method, code: "OK", durationMs: elapsed(started) });
          callback(null, message);
        },
        (error: unknown) => {
          const code = statusOf(error);
          const known = code !== grpc.status.INTERNAL || error instanceof InjectedFaultError;
          if (!known) log.error("grpc request failed", { method, error });
          log.info("grpc request", { method, code: grpc.status[code], durationMs: elapsed(started) });
          callback({ code, details: known ? (error as Error).message : "internal error" });
        },
      );
    };
  server.addService(loadTaskService().service, {
    Submit: handle<SubmitRequestMessage>("Submit", async (request, log) => {
      const outcome = await api.submit({ idempotencyKey: request.idempotency_key, input: request.input }, log);
      return toMessage(outcome.task, outcome.replayed);
    }),
    Get: handle<GetRequestMessage>("Get", async (request) => {
      if (!request.task_id) throw new InvalidRequestError("task_id is required");
      return toMessage(await api.get(request.task_id), false);
    }),
  });
  return server;
}

export function grpcCredentials(tls: TlsMaterial | undefined): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(
    tls.clientCa ? Buffer.from(tls.clientCa) : null,
    [{ private_key: Buffer.from(tls.key), cert_chain: Buffer.from(tls.cert) }],
    tls.clientCa !== undefined,
  );
}

export function bindGrpc(server: grpc.Server, address: string, credentials: grpc.ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(address, credentials, (error, port) => (error ? reject(error) : resolve(port))),
  );
}

const elapsed = (started: number): number => Math.round((performance.now() - started) * 10) / 10;
