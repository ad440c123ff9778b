import { describe, expect, it } from "vitest";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { evaluateRule, hardenedContainer, taskDefinition } from "@readiness/devkit/fixtures/ecs";
import { noEnvSecrets } from "./no-env-secrets";

const env = (variables: Record<string, unknown>) => Object.entries(variables).map(([Name, Value]) => ({ Name, Value }));

const check = (environment: Record<string, unknown>, extra: Record<string, unknown> = {}, params = {}) => {
  const td = taskDefinition("ApiTask", hardenedContainer("api", { Environment: env(environment), ...extra }));
  return evaluateRule(noEnvSecrets, td, inventoryOf(td), { params });
};

/** The rule on the api container's `environment`, with `neighbour` in the inventory beside it. */
const checkBeside = (neighbour: Resource, environment: Record<string, unknown>) => {
  const td = taskDefinition("ApiTask", hardenedContainer("api", { Environment: env(environment) }));
  return evaluateRule(noEnvSecrets, td, inventoryOf(td, neighbour));
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

  it("Noncompliance 7: a credential-named variable set at deploy is still a credential in the task definition", () => {
    expect(check({ DB_PASSWORD: unknownValue("parameter DbPassword has no default") })).toMatchObject({
      verdict: "non_compliant",
      reason:
        "container api: env DB_PASSWORD: name looks like a credential; its value, set at deploy (parameter DbPassword has no default), is stored in plain text in the task definition",
    });
  });

  it("Noncompliance 8: a value declared secret (NoEcho) fails under any name", () => {
    const secret = unknownValue("parameter Upstream is NoEcho: its value is a secret", {
      secret: "the NoEcho parameter Upstream",
    });
    expect(check({ UPSTREAM: secret })).toMatchObject({
      verdict: "non_compliant",
      reason:
        "container api: env UPSTREAM: value comes from the NoEcho parameter Upstream and is stored in plain text in the task definition",
    });
  });

  it("Noncompliance 9: a Secrets Manager dynamic reference is resolved into the task definition", () => {
    expect(check({ CONFIG: "{{resolve:secretsmanager:prod/app:SecretString:config}}" }).reason).toBe(
      "container api: env CONFIG: value is a secret resolved into the task definition at deploy ({{resolve:secretsmanager|ssm-secure}})",
    );
  });

  it("Compliance: structured values are not secrets by entropy (Copilot's topic map, a named commit digest)", () => {
    const topics = JSON.stringify({
      orders: "arn:aws:sns:us-east-1:123456789012:shop-prod-orders-events",
      payments: "arn:aws:sns:us-east-1:123456789012:shop-prod-payments-events",
    });
    expect(
      check({ COPILOT_SNS_TOPIC_ARNS: topics, BUILD: "git.commit.sha:4b825dc642cb6eb9a060e54bf8d69288fbee4904" }),
    ).toMatchObject({ verdict: "compliant" });
  });

  it("Compliance: an unknown attribute of a resource of the inventory is a reference, even under a credential's name", () => {
    const database = resource("AWS::RDS::DBInstance", "Database", {}, ["Database.MasterUserSecret.SecretArn"]);
    const secretArn = unknownValue("MasterUserSecret.SecretArn of Database is only known after deploy", {
      refersTo: "Database.MasterUserSecret.SecretArn",
    });
    expect(checkBeside(database, { DB_SECRET: secretArn }).verdict).toBe("compliant");
  });

  it("Noncompliance 10: an unknown attribute named like a credential is a value, not a reference", () => {
    const generator = resource("Custom::TokenGenerator", "Generator", {}, ["Generator.Token"]);
    const token = unknownValue("Token of Generator (custom resource) is only known after deploy", {
      refersTo: "Generator.Token",
    });
    expect(checkBeside(generator, { API_TOKEN: token }).verdict).toBe("non_compliant");
  });

  it("Unknown 1: a value the template cannot resolve, under a name that says nothing", () => {
    expect(check({ UPSTREAM: unknownValue("parameter Upstream has no default") })).toMatchObject({
      verdict: "unknown",
      reason: "container api: env UPSTREAM: value unknown (parameter Upstream has no default)",
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
