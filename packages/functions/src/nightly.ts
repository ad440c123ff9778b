// Module by module, not the config-rules index: the nightly needs none of the evaluator's Config calls.

import { createNightlyClients, type NightlyClients } from "@readiness/core/config-rules/nightly/clients";
import { readNightlySettings } from "@readiness/core/config-rules/nightly/settings";
import { createObservability, invocationHandler } from "@readiness/core/kernel/observability/index";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { lazyClients } from "@readiness/core/kernel/sdk-clients";
import type { Context } from "aws-lambda";

/**
 * The nightly evaluation (a schedule invokes it once a day, after the Config periodic rules): every
 * checklist item for every ECS service in scope, a dated snapshot per service in the results
 * table, and one `readiness` event per item whose status changed. All logic is in core. A failed
 * run throws: Lambda retries the asynchronous invocation, then dead-letters it.
 */
const { logger, tracedClient, log } = createObservability("readiness-nightly");

/** What a test, a benchmark or the demo injects: the emulator's clients, and the run's clock. */
export interface NightlyOverrides {
  readonly clients?: NightlyClients;
  readonly now?: () => Date;
}

export interface NightlyResult {
  readonly date: string;
  readonly services: number;
  readonly changes: number;
}

type Handler = (event: unknown, context?: Context) => Promise<NightlyResult>;

/** The handler; tests construct their own with `overrides`, Lambda uses `handler`, constructed with none. */
export const createNightlyHandler = (
  overrides: NightlyOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): Handler => {
  const settings = readNightlySettings(env);
  const clientsOf = lazyClients(() => createNightlyClients(settings, tracedClient), overrides.clients);
  return invocationHandler(logger, async () => {
    const clients = clientsOf();
    // The whole checklist (every item and rule) loads with the first run, not at init: a chunk of
    // its own, as the Config evaluator's rules are (docs/stacks.md, "Bundles").
    const { runNightly } = await import("@readiness/core/config-rules/nightly/run");
    const run = await runNightly({
      live: clients.live,
      events: clients.events,
      results: ResultsTable.on(clients.dynamodb, settings.resultsTableName),
      eventBusName: settings.eventBusName,
      config: settings.config,
      log,
      ...(settings.commit ? { commit: settings.commit } : {}),
      ...(overrides.now ? { now: overrides.now } : {}),
    });
    return { date: run.date, services: run.services.length, changes: run.events };
  });
};

export const handler = createNightlyHandler();
