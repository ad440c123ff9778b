import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { ParsedEndpoint } from "./endpoint";
import {
  type CallResult,
  type ClientTlsMaterial,
  type GetCall,
  type SubmitCall,
  shorten,
  type TaskTransport,
  type Unreachable,
} from "./transport";

/**
 * A copy of examples/task-service/proto/tasks.proto, so core does not depend on the example. Next to
 * this module in the source tree; in a Lambda bundle the module is a chunk and the stack copies the
 * proto to the package root (copyFiles in stacks/Gate.ts), hence the second place.
 */
const besideModule = fileURLToPath(new URL("./tasks.proto", import.meta.url));
const inLambdaPackage = process.env.LAMBDA_TASK_ROOT ? join(process.env.LAMBDA_TASK_ROOT, "tasks.proto") : undefined;
export const TASKS_PROTO_PATH =
  !existsSync(besideModule) && inLambdaPackage && existsSync(inLambdaPackage) ? inLambdaPackage : besideModule;

/** The proto's Task message, field names as in the proto (keepCase). */
interface TaskMessage {
  task_id: string;
  status: string;
  input: string;
  output: string;
  error: string;
  replayed: boolean;
}

type Unary<Request> = (
  request: Request,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response?: TaskMessage) => void,
) => grpc.ClientUnaryCall;

interface TaskServiceClient extends grpc.Client {
  Submit: Unary<{ idempotency_key: string; input: string }>;
  Get: Unary<{ task_id: string }>;
}

let serviceConstructor: grpc.ServiceClientConstructor | undefined;

const taskServiceClientConstructor = (protoPath: string): grpc.ServiceClientConstructor => {
  if (serviceConstructor && protoPath === TASKS_PROTO_PATH) return serviceConstructor;
  const definition = protoLoader.loadSync(protoPath, { keepCase: true, defaults: true });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    tasks: { v1: { TaskService: grpc.ServiceClientConstructor } };
  };
  if (protoPath === TASKS_PROTO_PATH) serviceConstructor = loaded.tasks.v1.TaskService;
  return loaded.tasks.v1.TaskService;
};

/**
 * The task API over gRPC (tasks.v1.TaskService), plaintext or TLS with an optional client
 * certificate (`credentials.createSsl(ca, key, cert)`). `protoPath` lets a bundled Lambda point
 * at wherever it ships tasks.proto.
 */
export const grpcTransport = (
  endpoint: ParsedEndpoint,
  tls: ClientTlsMaterial | undefined,
  protoPath: string = TASKS_PROTO_PATH,
): TaskTransport => {
  const credentials = endpoint.secure
    ? grpc.credentials.createSsl(tls?.ca ?? null, tls?.key ?? null, tls?.cert ?? null)
    : grpc.credentials.createInsecure();
  const Client = taskServiceClientConstructor(protoPath);
  // A short reconnect backoff, so a retry after a refused connection really tries again.
  const client = new Client(endpoint.address, credentials, {
    "grpc.initial_reconnect_backoff_ms": 100,
    "grpc.max_reconnect_backoff_ms": 1_000,
  }) as unknown as TaskServiceClient;

  const call = <Request>(method: Unary<Request>, request: Request, traceparent: string, timeoutMs: number) =>
    new Promise<CallResult>((resolve) => {
      const metadata = new grpc.Metadata();
      metadata.set("traceparent", traceparent);
      method.call(client, request, metadata, { deadline: Date.now() + timeoutMs }, (error, response) => {
        if (error) resolve(fromError(error, endpoint, timeoutMs));
        else if (!response?.task_id || !response.status)
          resolve({ outcome: "rejected", status: "gRPC OK without task_id and status", detail: "" });
        else
          resolve({
            outcome: "answered",
            answer: "gRPC OK",
            task: {
              taskId: response.task_id,
              status: response.status,
              input: response.input || undefined,
              output: response.output || undefined,
              error: response.error || undefined,
              replayed: response.replayed,
            },
          });
      });
    });

  return {
    connect: (timeoutMs) =>
      new Promise<Unreachable | undefined>((resolve) => {
        client.waitForReady(Date.now() + timeoutMs, (error) => {
          if (!error) return resolve(undefined);
          // waitForReady only says "not ready"; a fail-fast call says why (refused, DNS, TLS).
          call(client.Get, { task_id: "" }, "", Math.min(timeoutMs, 1_000)).then((probe) =>
            resolve({
              outcome: "unreachable",
              detail: probe.outcome === "unreachable" ? probe.detail : `cannot connect to ${endpoint.address}`,
            }),
          );
        });
      }),
    submit: (submitCall: SubmitCall) =>
      call(
        client.Submit,
        { idempotency_key: submitCall.idempotencyKey, input: submitCall.input },
        submitCall.traceparent,
        submitCall.timeoutMs,
      ),
    get: (getCall: GetCall) => call(client.Get, { task_id: getCall.taskId }, getCall.traceparent, getCall.timeoutMs),
    close() {
      client.close();
    },
  };
};

const fromError = (error: grpc.ServiceError, endpoint: ParsedEndpoint, timeoutMs: number): CallResult => {
  if (error.code === grpc.status.UNAVAILABLE)
    return { outcome: "unreachable", detail: `${endpoint.address}: ${shorten(error.details || error.message)}` };
  if (error.code === grpc.status.DEADLINE_EXCEEDED)
    return { outcome: "unreachable", detail: `no answer from ${endpoint.address} within ${timeoutMs} ms` };
  return {
    outcome: "rejected",
    status: `gRPC ${grpc.status[error.code] ?? error.code}`,
    detail: shorten(error.details ?? ""),
    notFound: error.code === grpc.status.NOT_FOUND,
  };
};
