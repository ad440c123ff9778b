import { readConfigJson } from "../../checklist/config/config-json";
import type { ReadinessConfig } from "../../checklist/config/schema";
import { optionalEnv, requiredEnv } from "../../kernel/observability/env";
import { type GateService, planGate } from "../../checklist/config/gate-services";

/** What the gate functions read from their environment, validated once at cold start. */
export interface GateSettings {
  readonly resultsTableName: string;
  /** Only the deployment gate needs it (the DLQ processor and the hook do not). */
  readonly idempotencyTableName?: string;
  readonly eventBusName: string;
  readonly postDeploySmokeRule?: string;
  readonly config: ReadinessConfig;
  readonly services: readonly GateService[];
  /** Services in readiness.yml without a smoke endpoint: not gated (logged at cold start). */
  readonly unGated: readonly string[];
  readonly region: string;
  readonly endpoint?: string;
  readonly commit?: string;
}

const isUrl = (value: string): boolean => {
  try {
    return Boolean(new URL(value));
  } catch {
    return false;
  }
};

export const readGateSettings = (
  env: NodeJS.ProcessEnv = process.env,
  needs: { readonly idempotencyTable?: boolean } = {},
): GateSettings => {
  const config = readConfigJson(
    requiredEnv(env, "READINESS_CONFIG_JSON", "the Gate stack sets it to readiness.yml as JSON"),
  );
  const { services, unGated } = planGate(config);
  return {
    resultsTableName: requiredEnv(env, "RESULTS_TABLE_NAME", "the stack sets it to the results table's name"),
    idempotencyTableName: needs.idempotencyTable
      ? requiredEnv(env, "IDEMPOTENCY_TABLE_NAME", "the stack sets it to the idempotency table's name")
      : optionalEnv(env, "IDEMPOTENCY_TABLE_NAME"),
    eventBusName: optionalEnv(env, "EVENT_BUS_NAME") ?? "default",
    postDeploySmokeRule: optionalEnv(env, "POST_DEPLOY_SMOKE_RULE"),
    config,
    services,
    unGated,
    region: requiredEnv(env, "AWS_REGION", "Lambda sets it; locally export AWS_REGION=us-east-1"),
    endpoint: optionalEnv(env, "AWS_ENDPOINT_URL", isUrl),
    commit: optionalEnv(env, "READINESS_COMMIT"),
  };
};
