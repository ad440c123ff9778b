import { readConfigJson } from "../../checklist/config/config-json";
import { DEFAULT_CONFIG, type ReadinessConfig } from "../../checklist/config/schema";
import { optionalEnv, requiredEnv } from "../../kernel/observability/env";

/** What the nightly function reads from its environment, validated once at cold start. */
export interface NightlySettings {
  readonly resultsTableName: string;
  readonly eventBusName: string;
  /**
   * readiness.yml (READINESS_CONFIG_JSON): the services in scope, their roles and the items'
   * parameters. Without it, as for the Config rules: every ECS service of the account and region,
   * with the defaults.
   */
  readonly config: ReadinessConfig;
  readonly region: string;
  /** Any AWS-compatible endpoint (the emulator, LocalStack); absent in AWS. */
  readonly endpoint?: string;
  /** The deployed commit, recorded in each snapshot's provenance. */
  readonly commit?: string;
}

const isUrl = (value: string): boolean => {
  try {
    return Boolean(new URL(value));
  } catch {
    return false;
  }
};

export const readNightlySettings = (env: NodeJS.ProcessEnv = process.env): NightlySettings => {
  const configJson = optionalEnv(env, "READINESS_CONFIG_JSON");
  return {
    resultsTableName: requiredEnv(env, "RESULTS_TABLE_NAME", "the stack sets it to the results table's name"),
    eventBusName: optionalEnv(env, "EVENT_BUS_NAME") ?? "default",
    config: configJson ? readConfigJson(configJson) : DEFAULT_CONFIG,
    region: requiredEnv(env, "AWS_REGION", "Lambda sets it; locally export AWS_REGION=us-east-1"),
    endpoint: optionalEnv(env, "AWS_ENDPOINT_URL", isUrl),
    commit: optionalEnv(env, "READINESS_COMMIT"),
  };
};
