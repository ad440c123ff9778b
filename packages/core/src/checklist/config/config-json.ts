import { SettingsError } from "../../kernel/observability/env";
import { type ReadinessConfig, readinessConfigSchema } from "./schema";

/**
 * readiness.yml as JSON (READINESS_CONFIG_JSON, which the Gate and Schedule stacks set), validated
 * with the readiness.yml schema. Read with JSON.parse and the schema directly rather than the YAML
 * loader, which would add a YAML parser to every function bundle.
 */
export const readConfigJson = (text: string): ReadinessConfig => {
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
