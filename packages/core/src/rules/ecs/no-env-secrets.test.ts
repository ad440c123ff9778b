import { describe, expect, it } from "vitest";
import { unknownValue } from "../../model/value";
import { inventoryOf, resource } from "../../testing/builders";
import { evaluateRule, hardenedContainer, taskDefinition } from "./fixtures";
import { noEnvSecrets } from "./no-env-secrets";

const env = (variables: Record<string, unknown>) => Object.entries(variables).map(([Name, Value]) => ({ Name, Value }));

const check = (environment: Record<string, unknown>, extra: Record<string, unknown> = {}, params = {}) => {
  const td = taskDefinition("ApiTask", hardenedContainer("api", { Environment: env(environment), ...extra }));
  return evaluateRule(noEnvSecrets, td, inventoryOf(td), { params });
};

describe("no-env-secrets", () => {
  it("Compliance: configuration only, credentials from Secrets[].ValueFrom", () => {
    const outcome = check({
      LOG_LEVEL: "info",
      TOKEN_TTL_SECONDS: 300,
      QUEUE_URL: "https://sqs.us-east-1.amazonaws.com/123456789012/tasks",
      AWS_REGION: "us-east-1",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4317",
      TABLE_NAME: "tasks",
    });
    expect(outcome).toMatchObject({
      verdict: "compliant",
      reason: "no credentials in the environment of 1 container; 1 secret injected from Secrets",
    });
  });

  it("Compliance: a value naming a resource of the inventory is a reference, not a secret", () => {
    const table = resource("AWS::DynamoDB::Table", "TasksTable", {}, ["prod-TasksTable-Zx8Qp2Lr7Vb5Nm1Kd4Hs9"]);
    const td = taskDefinition(
      "ApiTask",
      hardenedContainer("api", { Environment: env({ TABLE: "prod-TasksTable-Zx8Qp2Lr7Vb5Nm1Kd4Hs9" }) }),
    );
    expect(evaluateRule(noEnvSecrets, td, inventoryOf(td, table)).verdict).toBe("compliant");
    expect(evaluateRule(noEnvSecrets, td, inventoryOf(td)).verdict).toBe("non_compliant");
  });

  it("Noncompliance 1: a credential name with a literal value", () => {
    expect(check({ DB_PASSWORD: "hunter2" })).toMatchObject({
      verdict: "non_compliant",
      reason: "container api: env DB_PASSWORD: name looks like a credential",
    });
  });

  it("Noncompliance 2: an AWS access key id under an innocent name, value never shown", () => {
    const outcome = check({ UPLOADS: "AKIAIOSFODNN7EXAMPLE" });
    expect(outcome).toMatchObject({
      verdict: "non_compliant",
      reason: "container api: env UPLOADS: value matches AWS access key id format",
    });
    expect(outcome.reason).not.toContain("AKIA");
  });

  it("Noncompliance 3: a connection string with a password", () => {
    expect(check({ DATABASE_URL: "postgres://app:Sup3rS3cret@db:5432/tasks" }).reason).toBe(
      "container api: env DATABASE_URL: value is a connection string with a password",
    );
  });

  it("Noncompliance 4: an environment file bypasses secret injection", () => {
    const outcome = check({}, { EnvironmentFiles: [{ Type: "s3", Value: "arn:aws:s3:::config-bucket/api.env" }] });
    expect(outcome).toMatchObject({
      verdict: "non_compliant",
      reason: "container api: environment file arn:aws:s3:::config-bucket/api.env bypasses secret injection",
    });
  });

  it("Noncompliance 5: every finding of every container in the reason, none hidden behind a count", () => {
    const td = taskDefinition(
      "ApiTask",
      hardenedContainer("api", {
        Environment: env({ API_KEY: "k-123", SESSION_SECRET: "s", STRIPE: "sk_live_4eC39HqLyjWDarjtT1zdp7dc" }),
      }),
      hardenedContainer("sidecar", {
        Environment: env({ GITHUB_TOKEN: "ghp_abcdefghijklmnopqrstuvwxyz0123456789", X: "AKIAIOSFODNN7EXAMPLE" }),
      }),
    );
    const outcome = evaluateRule(noEnvSecrets, td, inventoryOf(td));
    expect(outcome.verdict).toBe("non_compliant");
    for (const variable of ["API_KEY", "SESSION_SECRET", "STRIPE", "GITHUB_TOKEN", " X:"])
      expect(outcome.reason).toContain(variable);
    expect(outcome.reason).toMatch(/^container api: env API_KEY: name looks like a credential; /);
    expect(outcome.reason).toContain("container sidecar: env GITHUB_TOKEN");
    expect(outcome.reason).not.toMatch(/more/);
  });

  it("Noncompliance 6: a high-entropy value, with the threshold from readiness.yml", () => {
    const environment = { SIGNING: "Zx8Qp2Lr7Vb5Nm1Kd4Hs9Tw3Yf6Gc0Ja" };
    expect(check(environment).verdict).toBe("non_compliant");
    expect(check(environment, {}, { entropyThreshold: 6 }).verdict).toBe("compliant");
  });

  it("Compliance: allowNames exempts a known false positive and says so", () => {
    const outcome = check({ PUBLIC_TOKEN: "pk_test_public" }, {}, { allowNames: ["PUBLIC_TOKEN"] });
    expect(outcome).toMatchObject({ verdict: "compliant" });
    expect(outcome.reason).toContain("allowed: PUBLIC_TOKEN");
  });

  it("Unknown 1: a value the template cannot resolve", () => {
    expect(check({ DB_PASSWORD: unknownValue("parameter DbPassword has no default") })).toMatchObject({
      verdict: "unknown",
      reason: "container api: env DB_PASSWORD: value unknown (parameter DbPassword has no default)",
    });
  });

  it("Unknown 2: the whole environment is unknown", () => {
    expect(check({}, { Environment: unknownValue("macro output") }).verdict).toBe("unknown");
  });

  it("NotApplicable: a task definition without containers", () => {
    const td = taskDefinition("Empty");
    expect(evaluateRule(noEnvSecrets, td, inventoryOf(td)).verdict).toBe("not_applicable");
  });
});
