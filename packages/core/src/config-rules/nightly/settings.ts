import { readConfigJson } from "../../checklist/config/config-json";
import { DEFAULT_CONFIG, type ReadinessConfig } from "../../checklist/config/schema";
import { optionalEnv } from "../../kernel/observability/env";
import { type FunctionSettings, readFunctionSettings } from "../../kernel/observability/function-settings";

/** What the nightly function reads from its environment, validated once at cold start. */
export interface NightlySettings extends FunctionSettings {
  readonly eventBusName: string;
  /**
   * readiness.yml (READINESS_CONFIG_JSON): the services in scope, their roles and the items'
   * parameters. Without it, as for the Config rules: every ECS service of the account and region,
   * with the defaults.
   */
  readonly config: ReadinessConfig;
  /** The deployed commit, recorded in each snapshot's provenance. */
  readonly commit?: string;
}

export const readNightlySettings = (env: NodeJS.ProcessEnv = process.env): NightlySettings => {
  const configJson = optionalEnv(env, "READINESS_CONFIG_JSON");
  return {
    ...readFunctionSettings(env),
    eventBusName: optionalEnv(env, "EVENT_BUS_NAME") ?? "default",
    config: configJson ? readConfigJson(configJson) : DEFAULT_CONFIG,
    commit: optionalEnv(env, "READINESS_COMMIT"),
  };
};
