import { createClients } from "../shared/clients";
import { QueueConsumer } from "../shared/consumer";
import { runProcess } from "../shared/lifecycle";
import { dlqSettings } from "../shared/settings";
import { TaskStore } from "../tasks/store";
import { createDeadLetterProcessor } from "./process-dead-letter";

runProcess("dlq-processor", process.env.REVISION, async (log) => {
  const settings = dlqSettings();
  const clients = createClients(settings);
  const consumer = new QueueConsumer({
    sqs: clients.sqs,
    queueUrl: settings.DLQ_URL,
    concurrency: 2,
    waitSeconds: settings.WORKER_WAIT_SECONDS,
    log,
    handle: createDeadLetterProcessor({ store: new TaskStore(clients.documents, settings.TASKS_TABLE), log }),
  });
  consumer.start();
  log.info("dlq processor started", { dlqUrl: settings.DLQ_URL });
  return consumer;
});
