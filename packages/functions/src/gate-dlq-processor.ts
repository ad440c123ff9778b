// Module by module, not the gate's index: the DLQ processor needs no smoke test (nor its gRPC client) in its bundle.
import { batchItemFailuresOf, deadLetterOf } from "@readiness/core/kernel/dead-letters/dead-letters";
import { gateClients } from "@readiness/core/gate/gate/clients";
import { processDeadLetters } from "@readiness/core/gate/gate/dead-letters";
import { readGateSettings } from "@readiness/core/gate/gate/settings";
import { createObservability, traced, withInvocationKeys } from "@readiness/core/kernel/observability/index";
import { ResultsTable } from "@readiness/core/kernel/results/table";
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
    const { failed } = await processDeadLetters((event.Records ?? []).map(deadLetterOf), {
      results: ResultsTable.on(clients.dynamodb, settings.resultsTableName),
      events: clients.events,
      eventBusName: settings.eventBusName,
      log,
    });
    return batchItemFailuresOf(failed);
  });
