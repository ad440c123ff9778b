// Module by module, not the evaluator's index: this function needs none of the collectors in its bundle.

import {
  deadLetterOfSqsRecord,
  evaluatorDeadLetterClients,
  processEvaluatorDeadLetters,
} from "@readiness/core/config-rules/dead-letters";
import { readEvaluatorSettings } from "@readiness/core/config-rules/settings";
import { batchItemFailuresOf } from "@readiness/core/kernel/dead-letters/dead-letters";
import { createObservability, traced, withInvocationKeys } from "@readiness/core/kernel/observability/index";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";

/**
 * Consumes the Config evaluator's async-invocation DLQ: every message is stored in the results
 * table and logged, and each Config rule it names is evaluated again (once per batch). A message
 * that cannot be stored is a batch item failure and stays in the DLQ: nothing is dropped.
 */
const { logger, tracer, log } = createObservability("readiness-evaluator-dlq-processor");
const settings = readEvaluatorSettings();

export const handler = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> =>
  withInvocationKeys(logger, async () => {
    if (context) logger.addContext(context);
    const clients = evaluatorDeadLetterClients(settings, (client) => traced(tracer, client));
    const { failed } = await processEvaluatorDeadLetters((event.Records ?? []).map(deadLetterOfSqsRecord), {
      results: ResultsTable.on(clients.dynamodb, settings.resultsTableName),
      config: clients.config,
      log,
    });
    return batchItemFailuresOf(failed);
  });
