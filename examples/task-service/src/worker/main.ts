import { createClients } from "../shared/clients";
import { QueueConsumer } from "../shared/consumer";
import { runProcess } from "../shared/lifecycle";
import { workerSettings } from "../shared/settings";
import { TaskStore } from "../tasks/store";
import { createTaskProcessor } from "./process-task";

runProcess("worker", process.env.REVISION, async (log) => {
  const settings = workerSettings();
  const clients = createClients(settings);
  const consumer = new QueueConsumer({
    sqs: clients.sqs,
    queueUrl: settings.TASK_QUEUE_URL,
    concurrency: settings.WORKER_CONCURRENCY,
    waitSeconds: settings.WORKER_WAIT_SECONDS,
    deleteBeforeHandling: settings.FAULT_MODE === "ack-early",
    log,
    handle: createTaskProcessor({
      store: new TaskStore(clients.documents, settings.TASKS_TABLE),
      fault: settings.FAULT_MODE,
      processingMs: settings.WORKER_PROCESSING_MS,
      log,
    }),
  });
  consumer.start();
  log.info("worker started", {
    queueUrl: settings.TASK_QUEUE_URL,
    concurrency: settings.WORKER_CONCURRENCY,
    fault: settings.FAULT_MODE,
  });
  return consumer;
});
