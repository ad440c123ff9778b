import { type ReadinessConfig, readinessConfigSchema } from "../../checklist/config/schema";
import { optionalEnv, requiredEnv, SettingsError } from "../../kernel/observability/env";
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

/**
 * readiness.yml as JSON, validated with the readiness.yml schema. Read with JSON.parse and the
 * schema directly rather than the YAML loader, which would add a YAML parser to every gate bundle.
 */
const readConfigJson = (text: string): ReadinessConfig => {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SettingsError(
      "READINESS_CONFIG_JSON",
      `is not JSON: ${(error as Error).message}`,
      "set it to readiness.yml converted to JSON",
    );
  }
  const parsed = readinessConfigSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${pathOf(issue.path) || "(top level)"}: ${issue.message}`);
  throw new SettingsError(
    "READINESS_CONFIG_JSON",
    `is not a valid readiness.yml: ${problems.join("; ")}`,
    "fix readiness.yml (readiness check --config validates it) and redeploy",
  );
};

/** `services[0].role` */
const pathOf = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );
