import * as grpc from "@grpc/grpc-js";
import { loadTaskService, type TaskMessage } from "../../src/api/grpc";

export interface GrpcCallResult {
  readonly task?: TaskMessage;
  readonly error?: grpc.ServiceError;
  readonly metadata?: grpc.Metadata;
}

type Unary = (
  request: object,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response?: TaskMessage) => void,
) => grpc.ClientUnaryCall;

/** A tasks.v1.TaskService client that resolves with the task or the gRPC error (never rejects). */
export class TaskGrpcClient {
  private readonly client: grpc.Client & Record<string, Unary>;

  constructor(target: string, credentials: grpc.ChannelCredentials = grpc.credentials.createInsecure()) {
    const Service = loadTaskService();
    this.client = new Service(target, credentials) as grpc.Client & Record<string, Unary>;
  }

  submit(idempotencyKey: string, input: string, traceparent?: string): Promise<GrpcCallResult> {
    return this.unary("Submit", { idempotency_key: idempotencyKey, input }, traceparent);
  }

  get(taskId: string): Promise<GrpcCallResult> {
    return this.unary("Get", { task_id: taskId });
  }

  close(): void {
    this.client.close();
  }

  private unary(method: string, request: object, traceparent?: string): Promise<GrpcCallResult> {
    const metadata = new grpc.Metadata();
    if (traceparent) metadata.set("traceparent", traceparent);
    return new Promise((resolve) => {
      let received: grpc.Metadata | undefined;
      const call = this.client[method].call(
        this.client,
        request,
        metadata,
        { deadline: Date.now() + 10_000 },
        (error, task) => resolve(error ? { error, metadata: received } : { task, metadata: received }),
      );
      call.on("metadata", (value: grpc.Metadata) => {
        received = value;
      });
    });
  }
}
