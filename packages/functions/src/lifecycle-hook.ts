import {
  createGateClients,
  createLifecycleHook,
  type GateOverrides,
  type HookResponse,
  type LifecycleHook,
  parseHookPayload,
  readGateSettings,
} from "@readiness/core/gate/gate/index";
import { lazySecretsManagerLoader } from "@readiness/core/gate/gate/secrets";
import { createObservability, invocationHandler } from "@readiness/core/kernel/observability/index";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { lazyClients } from "@readiness/core/kernel/sdk-clients";
import type { Context } from "aws-lambda";

/**
 * ECS native blue/green (linear, canary) lifecycle hook at POST_TEST_TRAFFIC_SHIFT: smoke-tests
 * the new revision through the test endpoint, answering IN_PROGRESS (with a callback delay) while
 * the run goes on, then SUCCEEDED or FAILED; ECS rolls back on FAILED. A malformed payload throws,
 * which ECS also treats as a failed hook. All logic is in core.
 */
const { logger, tracedClient, log } = createObservability("readiness-lifecycle-hook");
type Handler = (event: unknown, context?: Context) => Promise<HookResponse>;

/**
 * The handler, constructed once per container: one hook, whose in-flight runs live in it. Tests
 * construct their own with `overrides` (the emulator's clients, the smoke test, the hook's pacing);
 * Lambda uses `handler`, constructed with none.
 */
export const createLifecycleHookHandler = (
  overrides: GateOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): Handler => {
  const settings = readGateSettings(env);
  const clientsOf = lazyClients(() => createGateClients(settings, tracedClient), overrides.clients);
  let hookOnce: LifecycleHook | undefined;
  const lifecycleHook = (): LifecycleHook => {
    hookOnce ??= createLifecycleHook({
      results: ResultsTable.on(clientsOf().dynamodb, settings.resultsTableName),
      services: settings.services,
      log,
      commit: settings.commit,
      loadSecret: lazySecretsManagerLoader(settings, tracedClient),
      ...(overrides.smoke ? { smoke: overrides.smoke } : {}),
      ...(overrides.hook ?? {}),
    });
    return hookOnce;
  };

  return invocationHandler(logger, async (event: unknown) => {
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
};

export const handler = createLifecycleHookHandler();
