import {
  createLifecycleHook,
  type GateClients,
  gateClients,
  gateOverrides,
  type HookResponse,
  type LifecycleHook,
  parseHookPayload,
  readGateSettings,
} from "@readiness/core/gate/gate/index";
import { lazySecretsManagerLoader } from "@readiness/core/gate/gate/secrets";
import { createObservability, traced, withInvocationKeys } from "@readiness/core/kernel/observability/index";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import type { Context } from "aws-lambda";

/**
 * ECS native blue/green (linear, canary) lifecycle hook at POST_TEST_TRAFFIC_SHIFT: smoke-tests
 * the new revision through the test endpoint, answering IN_PROGRESS (with a callback delay) while
 * the run goes on, then SUCCEEDED or FAILED; ECS rolls back on FAILED. A malformed payload throws,
 * which ECS also treats as a failed hook. All logic is in core.
 */
const { logger, tracer, log } = createObservability("readiness-lifecycle-hook");
const settings = readGateSettings();

let current: { clients: GateClients; hook: LifecycleHook; overrides: object } | undefined;

/** One hook per container (its in-flight runs live in it); rebuilt when a test swaps the clients. */
const lifecycleHook = (): LifecycleHook => {
  const clients = gateClients(settings, (client) => traced(tracer, client));
  const overrides = gateOverrides();
  if (current?.clients === clients && current.overrides === overrides) return current.hook;
  const hook = createLifecycleHook({
    results: ResultsTable.on(clients.dynamodb, settings.resultsTableName),
    services: settings.services,
    log,
    commit: settings.commit,
    loadSecret: lazySecretsManagerLoader(settings, (client) => traced(tracer, client)),
    ...(overrides.smoke ? { smoke: overrides.smoke } : {}),
    ...(overrides.hook ?? {}),
  });
  current = { clients, hook, overrides };
  return hook;
};

export const handler = async (event: unknown, context?: Context): Promise<HookResponse> =>
  withInvocationKeys(logger, async () => {
    if (context) logger.addContext(context);
    const payload = parseHookPayload(event);
    logger.appendKeys({
      ecsService: payload.serviceArn,
      targetServiceRevisionArn: payload.targetServiceRevisionArn,
      lifecycleStage: payload.lifecycleStage,
    });
    const response = await lifecycleHook().handle(payload);
    log.info("hook answered", { hookStatus: response.hookStatus });
    return response;
  });
