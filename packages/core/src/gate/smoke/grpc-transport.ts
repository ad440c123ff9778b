import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { ParsedEndpoint } from "./endpoint";
import TASKS_PROTO from "./tasks-proto.json";
import {
  type CallResult,
  type ClientTlsMaterial,
  type GetCall,
  type SubmitCall,
  shorten,
  type TaskTransport,
  type Unreachable,
} from "./transport";

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

/**
 * tasks.v1.TaskService from the example's proto (examples/task-service/proto/tasks.proto, the one
 * copy), which core carries as data (tasks-proto.json, written by scripts/gen-tasks-proto.mjs):
 * a .proto file beside this module would not travel with its code into the CLI's or a Lambda's bundle.
 */
const taskServiceClientConstructor = (): grpc.ServiceClientConstructor => {
  if (serviceConstructor) return serviceConstructor;
  const definition = protoLoader.fromJSON(TASKS_PROTO as Parameters<typeof protoLoader.fromJSON>[0], {
    keepCase: true,
    defaults: true,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    tasks: { v1: { TaskService: grpc.ServiceClientConstructor } };
  };
  serviceConstructor = loaded.tasks.v1.TaskService;
  return serviceConstructor;
};

/**
 * The task API over gRPC (tasks.v1.TaskService), plaintext or TLS with an optional client
 * certificate (`credentials.createSsl(ca, key, cert)`).
 */
export const grpcTransport = (endpoint: ParsedEndpoint, tls: ClientTlsMaterial | undefined): TaskTransport => {
  const credentials = endpoint.secure
    ? grpc.credentials.createSsl(tls?.ca ?? null, tls?.key ?? null, tls?.cert ?? null)
    : grpc.credentials.createInsecure();
  const Client = taskServiceClientConstructor();
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
