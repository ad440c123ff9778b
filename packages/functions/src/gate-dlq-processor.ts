// Module by module, not the gate's index: the DLQ processor needs no smoke test (nor its gRPC client) in its bundle.
import { gateClients } from "@readiness/core/gate/clients";
import { processDeadLetter } from "@readiness/core/gate/dead-letters";
import { readGateSettings } from "@readiness/core/gate/settings";
import { createObservability, errorAttributes, traced, withInvocationKeys } from "@readiness/core/observability/index";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";

/**
 * Consumes the gate queue's DLQ: every dead message is stored in the results table (body, reason,
 * receive count), logged, and announced with an alert outcome event. A message that cannot be
 * stored or announced is reported as a batch item failure and stays in the DLQ: nothing is dropped.
 */
const { logger, tracer, log } = createObservability("readiness-gate-dlq-processor");
const settings = readGateSettings();

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  withInvocationKeys(logger, async () => {
    logger.addContext(context);
    const clients = gateClients(settings, (client) => traced(tracer, client));
    const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records ?? []) {
      try {
        await processDeadLetter(
          {
            messageId: record.messageId,
            body: record.body,
            receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 0),
            sourceQueue: record.eventSourceARN,
            ...(record.attributes?.SentTimestamp
              ? { sentAt: new Date(Number(record.attributes.SentTimestamp)).toISOString() }
              : {}),
          },
          {
            dynamodb: clients.dynamodb,
            events: clients.events,
            resultsTable: settings.resultsTableName,
            eventBusName: settings.eventBusName,
            log,
          },
        );
      } catch (error) {
        batchItemFailures.push({ itemIdentifier: record.messageId });
        log.error("could not process a dead letter; it stays in the DLQ", {
          messageId: record.messageId,
          ...errorAttributes(error),
        });
      }
    }
    return { batchItemFailures };
  });
