// Module by module: this function needs neither the collectors nor the rules in its bundle.

import { processNightlyDeadLetters } from "@readiness/core/config-rules/nightly/dead-letters";
import { createNightlyClients, type NightlyClients } from "@readiness/core/config-rules/nightly/clients";
import { readNightlySettings } from "@readiness/core/config-rules/nightly/settings";
import { asyncInvocationDeadLetterOf, batchItemFailuresOf } from "@readiness/core/kernel/dead-letters/dead-letters";
import { createObservability, invocationHandler } from "@readiness/core/kernel/observability/index";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { lazyClients } from "@readiness/core/kernel/sdk-clients";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";

/**
 * Consumes the nightly function's DLQ: every failed night is stored in the results table and
 * logged. A message that cannot be stored is a batch item failure and stays in the DLQ.
 */
const { logger, tracedClient, log } = createObservability("readiness-nightly-dlq-processor");
type Handler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/** The handler; tests construct their own with the emulator's clients, Lambda uses `handler`. */
export const createNightlyDlqHandler = (
  overrides: { readonly clients?: NightlyClients } = {},
  env: NodeJS.ProcessEnv = process.env,
): Handler => {
  const settings = readNightlySettings(env);
  const clientsOf = lazyClients(() => createNightlyClients(settings, tracedClient), overrides.clients);
  return invocationHandler(logger, async (event: SQSEvent) => {
    const { failed } = await processNightlyDeadLetters((event.Records ?? []).map(asyncInvocationDeadLetterOf), {
      results: ResultsTable.on(clientsOf().dynamodb, settings.resultsTableName),
      log,
    });
    return batchItemFailuresOf(failed);
  });
};

export const handler = createNightlyDlqHandler();
