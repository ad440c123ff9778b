// Module by module, not the gate's index: the DLQ processor needs no smoke test (nor its gRPC client) in its bundle.

import { createGateClients, type GateOverrides } from "@readiness/core/gate/gate/clients";
import { processDeadLetters } from "@readiness/core/gate/gate/dead-letters";
import { readGateSettings } from "@readiness/core/gate/gate/settings";
import { batchItemFailuresOf, deadLetterOf } from "@readiness/core/kernel/dead-letters/dead-letters";
import { createObservability, invocationHandler } from "@readiness/core/kernel/observability/index";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { lazyClients } from "@readiness/core/kernel/sdk-clients";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";

/**
 * Consumes the gate queue's DLQ: every dead message is stored in the results table (body, reason,
 * receive count), logged, and announced with an alert outcome event. A message that cannot be
 * stored or announced is reported as a batch item failure and stays in the DLQ: nothing is dropped.
 */
const { logger, tracedClient, log } = createObservability("readiness-gate-dlq-processor");
type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** The handler; tests construct their own with the emulator's clients, Lambda uses `handler`. */
export const createGateDlqHandler = (
  overrides: Pick<GateOverrides, "clients"> = {},
  env: NodeJS.ProcessEnv = process.env,
): Handler => {
  const settings = readGateSettings(env);
  const clientsOf = lazyClients(() => createGateClients(settings, tracedClient), overrides.clients);
  return invocationHandler(logger, async (event: SQSEvent) => {
    const clients = clientsOf();
    const { failed } = await processDeadLetters((event.Records ?? []).map(deadLetterOf), {
      results: ResultsTable.on(clients.dynamodb, settings.resultsTableName),
      events: clients.events,
      eventBusName: settings.eventBusName,
      log,
    });
    return batchItemFailuresOf(failed);
  });
};

export const handler = createGateDlqHandler();
