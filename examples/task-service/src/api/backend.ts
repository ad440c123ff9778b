import { createDeadLetterProcessor } from "../dlq/process-dead-letter";
import type { AwsClients } from "../shared/clients";
import { createLogger } from "../shared/logger";
import type { ApiSettings, MemoryApiSettings } from "../shared/settings";
import { InProcessTaskQueue } from "../tasks/in-process-queue";
import { MemoryTaskStore } from "../tasks/memory-store";
import type { TaskQueuePort, TaskStorePort } from "../tasks/ports";
import { TaskQueue } from "../tasks/queue";
import { TaskStore } from "../tasks/store";
import { createTaskProcessor } from "../worker/process-task";

/** Where the API keeps tasks and sends their messages, and how to let go of it at shutdown. */
export interface TaskBackendParts {
  readonly store: TaskStorePort;
  readonly queue: TaskQueuePort;
  /** Called after the servers closed: the memory backend drains its in-process worker here. */
  stop(): Promise<void>;
}

/**
 * `TASK_BACKEND=aws` (the service as deployed): DynamoDB and SQS, with the worker and DLQ processor
 * in their own processes. `memory` (the load stand): both in this process, worker and DLQ processor
 * code included, so a submitted task still completes (or fails after its retries) as on AWS.
 */
export function openBackend(settings: ApiSettings, clients: AwsClients): TaskBackendParts {
  if (settings.TASK_BACKEND === "memory") return memoryBackend(settings);
  return {
    store: new TaskStore(clients.documents, settings.TASKS_TABLE),
    queue: new TaskQueue(clients.sqs, settings.TASK_QUEUE_URL),
    stop: async () => undefined,
  };
}

function memoryBackend(settings: MemoryApiSettings): TaskBackendParts {
  const store = new MemoryTaskStore();
  // Their lines keep the roles they have as processes of their own, so the logs read the same.
  const workerLog = createLogger({ role: "worker", revision: settings.REVISION });
  const dlqLog = createLogger({ role: "dlq-processor", revision: settings.REVISION });
  const queue = new InProcessTaskQueue({
    concurrency: settings.WORKER_CONCURRENCY,
    maxReceiveCount: settings.MEMORY_MAX_RECEIVE_COUNT,
    visibilityTimeoutMs: settings.MEMORY_VISIBILITY_TIMEOUT_SECONDS * 1000,
    deleteBeforeHandling: settings.FAULT_MODE === "ack-early",
    log: workerLog,
    handle: createTaskProcessor({
      store,
      fault: settings.FAULT_MODE,
      processingMs: settings.WORKER_PROCESSING_MS,
      log: workerLog,
    }),
    deadLetter: createDeadLetterProcessor({ store, log: dlqLog }),
  });
  return { store, queue, stop: () => queue.stop() };
}
