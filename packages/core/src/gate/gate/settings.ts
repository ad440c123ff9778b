import { readConfigJson } from "../../checklist/config/config-json";
import type { ReadinessConfig } from "../../checklist/config/schema";
import { optionalEnv, requiredEnv } from "../../kernel/observability/env";
import { type FunctionSettings, readFunctionSettings } from "../../kernel/observability/function-settings";
import { type GateService, planGate } from "../../checklist/config/gate-services";

/** What the gate functions read from their environment, validated once at cold start. */
export interface GateSettings extends FunctionSettings {
  /** Only the deployment gate needs it (the DLQ processor and the hook do not). */
  readonly idempotencyTableName?: string;
  readonly eventBusName: string;
  readonly postDeploySmokeRule?: string;
  readonly config: ReadinessConfig;
  readonly services: readonly GateService[];
  /** Services in readiness.yml without a smoke endpoint: not gated (logged at cold start). */
  readonly unGated: readonly string[];
  readonly commit?: string;
}

export const readGateSettings = (
  env: NodeJS.ProcessEnv = process.env,
  needs: { readonly idempotencyTable?: boolean } = {},
): GateSettings => {
  const config = readConfigJson(
    requiredEnv(env, "READINESS_CONFIG_JSON", "the Gate stack sets it to readiness.yml as JSON"),
  );
  const { services, unGated } = planGate(config);
  return {
    ...readFunctionSettings(env),
    idempotencyTableName: needs.idempotencyTable
      ? requiredEnv(env, "IDEMPOTENCY_TABLE_NAME", "the stack sets it to the idempotency table's name")
      : optionalEnv(env, "IDEMPOTENCY_TABLE_NAME"),
    eventBusName: optionalEnv(env, "EVENT_BUS_NAME") ?? "default",
    postDeploySmokeRule: optionalEnv(env, "POST_DEPLOY_SMOKE_RULE"),
    config,
    services,
    unGated,
    commit: optionalEnv(env, "READINESS_COMMIT"),
  };
};
