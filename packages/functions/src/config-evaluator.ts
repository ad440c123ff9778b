import {
  evaluateConfigRuleEvent,
  evaluatorClients,
  filteringLogSampler,
  gateRunsReader,
  liveCollector,
  publishedDocumentsReader,
  readEvaluatorSettings,
  simulatingRoleProber,
} from "@readiness/core/config-rules/index";
import { createObservability, invocationHandler } from "@readiness/core/kernel/observability/index";
import { EvaluationResultsStore, ResultsTable } from "@readiness/core/kernel/results/index";

/**
 * AWS Config custom rule evaluator: one function serves every readiness rule (each rule passes its
 * checklist item id in its input parameters). All logic is in core; this wires settings, clients
 * and Powertools around it.
 */
const { logger, tracedClient, log } = createObservability("readiness-config-evaluator");
const settings = readEvaluatorSettings();

export const handler = invocationHandler(
  logger,
  async (event: unknown): Promise<{ evaluations: number; putCalls: number }> => {
    const clients = evaluatorClients(settings, tracedClient);
    const results = new ResultsTable(clients.documents, settings.resultsTableName);
    const run = await evaluateConfigRuleEvent(event, {
      config: clients.config,
      collect: liveCollector(clients.live),
      probeRoles: simulatingRoleProber(() => clients.live.iam),
      sampleLogs: filteringLogSampler(() => clients.live.logs),
      readSmokeRun: gateRunsReader(results),
      // Only the evidence items read it: its code loads with the first read, not at every cold start.
      readEvidence: async (service, itemId) =>
        (await import("@readiness/core/kernel/results/evidence")).latestEvidence(results, service, itemId),
      readPublishedDocument: publishedDocumentsReader(results),
      results: new EvaluationResultsStore(results),
      log,
    });
    return { evaluations: run.evaluations.length, putCalls: run.putCalls };
  },
);
