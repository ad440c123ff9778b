// Module by module, not the evaluator's index: this function needs none of the collectors in its bundle.

import {
  deadLetterOfSqsRecord,
  evaluatorDeadLetterClients,
  processEvaluatorDeadLetters,
} from "@readiness/core/config-rules/dead-letters";
import { readEvaluatorSettings } from "@readiness/core/config-rules/settings";
import { batchItemFailuresOf } from "@readiness/core/kernel/dead-letters/dead-letters";
import { createObservability, invocationHandler } from "@readiness/core/kernel/observability/index";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";

/**
 * Consumes the Config evaluator's async-invocation DLQ: every message is stored in the results
 * table and logged, and each Config rule it names is evaluated again (once per batch). A message
 * that cannot be stored is a batch item failure and stays in the DLQ: nothing is dropped.
 */
const { logger, tracedClient, log } = createObservability("readiness-evaluator-dlq-processor");
const settings = readEvaluatorSettings();

export const handler = invocationHandler(logger, async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const clients = evaluatorDeadLetterClients(settings, tracedClient);
  const { failed } = await processEvaluatorDeadLetters((event.Records ?? []).map(deadLetterOfSqsRecord), {
    results: ResultsTable.on(clients.dynamodb, settings.resultsTableName),
    config: clients.config,
    log,
  });
  return batchItemFailuresOf(failed);
});
