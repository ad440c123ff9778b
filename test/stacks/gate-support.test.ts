/** The Gate stack's pure derivations (scope, policy, timeouts, environment), without a synth. */
import { ConfigFileError, DEFAULT_CONFIG, type ReadinessConfig, readinessConfigSchema } from "@readiness/core";
import { parseConfig } from "@readiness/core/checklist/config/load";
import { describe, expect, it } from "vitest";
import { readinessConfigJson } from "../../stacks/support/gate-environment";
import { gateHandlerStatements, lifecycleHookStatements } from "../../stacks/support/gate-policy";
import { gateScope } from "../../stacks/support/gate-scope";
import { assertSmokeFitsGate, smokeRunWorstCaseMs } from "../../stacks/support/gate-timeouts";

const WHERE = { partition: "aws", region: "eu-west-1", account: "210987654321" };
const ECS = "arn:aws:ecs:eu-west-1:210987654321";
const SMOKE = { protocol: "http", endpoint: "https://tasks.example.com" } as const;

/** A readiness.yml as its parsed object (validated by the schema, defaults applied). */
const config = (fields: Record<string, unknown>): ReadinessConfig =>
  readinessConfigSchema.parse({ version: 1, ...fields });

const thrown = (fn: () => unknown): ConfigFileError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigFileError);
    return error as ConfigFileError;
  }
  throw new Error("expected a ConfigFileError, nothing was thrown");
};

describe("gateScope: the services the gate acts on", () => {
  it("Compliance: a service with a cluster name or ARN is one exact ARN; without a cluster, the name in any cluster", () => {
    const scope = gateScope(
      config({
        services: [
          { service: "api", role: "api", cluster: "prod", smoke: SMOKE },
          {
            service: "worker",
            role: "worker",
            cluster: "arn:aws:ecs:eu-west-1:210987654321:cluster/prod",
            smoke: SMOKE,
          },
          { service: "dlq", role: "dlq-processor", smoke: SMOKE },
        ],
      }),
      WHERE,
    );
    expect(scope.serviceArns).toEqual([
      `${ECS}:service/prod/api`,
      `${ECS}:service/prod/worker`,
      `${ECS}:service/*/dlq`,
    ]);
    expect(scope.serviceDeploymentArns).toEqual([
      `${ECS}:service-deployment/prod/api/*`,
      `${ECS}:service-deployment/prod/worker/*`,
      `${ECS}:service-deployment/*/dlq/*`,
    ]);
    expect(scope.eventResources).toEqual([
      { exact: `${ECS}:service/prod/api` },
      { exact: `${ECS}:service/prod/worker` },
      { wildcard: `${ECS}:service/*/dlq` },
    ]);
  });

  it("Compliance: a service ARN is used as is, in its own region and account, the short format included", () => {
    const scope = gateScope(
      config({
        services: [
          { service: "arn:aws:ecs:us-west-2:123456789012:service/blue/api", role: "api", smoke: SMOKE },
          { service: "arn:aws:ecs:us-west-2:123456789012:service/legacy", role: "worker", smoke: SMOKE },
        ],
      }),
      WHERE,
    );
    expect(scope.serviceArns).toEqual([
      "arn:aws:ecs:us-west-2:123456789012:service/blue/api",
      "arn:aws:ecs:us-west-2:123456789012:service/legacy",
    ]);
    expect(scope.serviceDeploymentArns).toEqual([
      "arn:aws:ecs:us-west-2:123456789012:service-deployment/blue/api/*",
      "arn:aws:ecs:us-west-2:123456789012:service-deployment/*/legacy/*",
    ]);
  });

  it("Compliance: a service listed twice is scoped once", () => {
    const scope = gateScope(
      config({
        services: [
          { service: "api", role: "api", cluster: "prod", smoke: SMOKE },
          { name: "api-again", service: "api", role: "api", cluster: "prod", smoke: SMOKE },
        ],
      }),
      WHERE,
    );
    expect(scope.serviceArns).toEqual([`${ECS}:service/prod/api`]);
  });

  it("NotApplicable: a service without a smoke endpoint is not gated, so it is out of scope", () => {
    const scope = gateScope(config({ services: [{ service: "batch", role: "worker", cluster: "prod" }] }), WHERE);
    expect(scope).toEqual({
      serviceArns: [],
      serviceDeploymentArns: [],
      eventResources: [],
      unGated: ["batch"],
      smokeSecretArns: [],
    });
  });

  it("Compliance: smoke client-certificate secrets are granted by name (with the random suffix) or by ARN", () => {
    const arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shared/client-AbCdEf";
    const smoke = (secretId: string) => ({ protocol: "http", endpoint: "https://api", tls: { secretId } });
    const scope = gateScope(
      config({
        services: [
          { service: "api", role: "api", cluster: "prod", smoke: smoke("prod/smoke-client") },
          { service: "admin", role: "api", cluster: "prod", smoke: smoke(arn) },
        ],
      }),
      WHERE,
    );
    expect(scope.smokeSecretArns).toEqual([
      `arn:aws:secretsmanager:${WHERE.region}:${WHERE.account}:secret:prod/smoke-client-??????`,
      arn,
    ]);
    const statements = lifecycleHookStatements(scope, {
      resultsTable: "arn:results",
      idempotencyTable: "arn:idempotency",
      defaultEventBus: "arn:bus",
      postDeploySmokeRule: "arn:rule",
    });
    expect(statements.find((s) => s.sid === "SmokeClientCertificates")).toEqual({
      sid: "SmokeClientCertificates",
      actions: ["secretsmanager:GetSecretValue"],
      resources: scope.smokeSecretArns,
    });
  });

  it("NotApplicable: readiness.yml without services gates nothing: empty scope, no ECS statement at all", () => {
    const scope = gateScope(DEFAULT_CONFIG, WHERE);
    expect(scope.serviceArns).toEqual([]);
    const statements = gateHandlerStatements(scope, {
      resultsTable: "arn:results",
      idempotencyTable: "arn:idempotency",
      defaultEventBus: "arn:bus",
      postDeploySmokeRule: "arn:rule",
    });
    expect(statements.flatMap((s) => s.actions).filter((a) => a.startsWith("ecs:"))).toEqual([]);
    expect(statements.every((s) => s.resources.length > 0)).toBe(true);
  });

  it("Noncompliance 1: an ARN that is not an ECS service's fails with where and how to fix", () => {
    const error = thrown(() =>
      gateScope(
        config({
          services: [{ service: "arn:aws:ecs:eu-west-1:210987654321:cluster/prod", role: "api", smoke: SMOKE }],
        }),
        WHERE,
      ),
    );
    expect(error.message).toContain("is not an ECS service ARN");
    expect(error.place?.path).toBe("services[0].service");
    expect(error.hint).toContain("service/<cluster>/<service>");
  });

  it("Noncompliance 2: a service or cluster name ECS would refuse fails with its path", () => {
    expect(
      thrown(() => gateScope(config({ services: [{ service: "task api", role: "api", smoke: SMOKE }] }), WHERE)).place
        ?.path,
    ).toBe("services[0].service");
    expect(
      thrown(() =>
        gateScope(config({ services: [{ service: "api", role: "api", cluster: "prod/eu", smoke: SMOKE }] }), WHERE),
      ).place?.path,
    ).toBe("services[0].cluster");
  });
});

describe("assertSmokeFitsGate: a smoke run must fit in the handler's timeout", () => {
  it("Compliance: the defaults' worst case is 111 s (4 × (3 × 5 s + 2 × 2 s) + 30 s + 5 s) and fits", () => {
    expect(smokeRunWorstCaseMs({})).toBe(111_000);
    expect(() =>
      assertSmokeFitsGate(config({ services: [{ service: "api", role: "api", smoke: SMOKE }] })),
    ).not.toThrow();
  });

  it("Noncompliance 1: a completion timeout of 10 minutes fails the synth, naming the service's smoke settings", () => {
    const error = thrown(() =>
      assertSmokeFitsGate(
        config({
          services: [{ service: "api", role: "api", smoke: { ...SMOKE, timeouts: { completionMs: 600_000 } } }],
        }),
      ),
    );
    expect(error.message).toContain("more than the 240 s");
    expect(error.place?.path).toBe("services[0].smoke");
  });

  it("NotApplicable: a service the gate does not smoke-test (no endpoint) is not checked", () => {
    expect(() =>
      assertSmokeFitsGate(
        config({ services: [{ service: "batch", role: "worker", smoke: { timeouts: { completionMs: 600_000 } } }] }),
      ),
    ).not.toThrow();
  });
});

describe("readinessConfigJson: readiness.yml in the functions' environment", () => {
  it("Compliance: the JSON parses back, with the same schema, to the same config", () => {
    const original = config({
      services: [{ service: "api", role: "api", cluster: "prod", earlyCheck: true, smoke: SMOKE }],
      rules: { "log-retention": { minRetentionDays: 30 } },
    });
    expect(parseConfig(readinessConfigJson(original), "READINESS_CONFIG_JSON")).toEqual(original);
  });

  it("Noncompliance 1: a config too large for Lambda's 4 KB environment fails the synth with a hint", () => {
    const services = Array.from({ length: 40 }, (_, i) => ({
      service: `service-number-${i}`,
      role: "api",
      smoke: SMOKE,
    }));
    const error = thrown(() => readinessConfigJson(config({ services })));
    expect(error.message).toMatch(/readiness\.yml is \d+ bytes as JSON, more than the 3072 bytes/);
    expect(error.hint).toContain("top-level `smoke`");
  });
});
