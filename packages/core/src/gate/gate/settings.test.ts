import { describe, expect, it } from "vitest";
import { SettingsError } from "../../kernel/observability/env";
import { readGateSettings } from "./settings";

const env = (overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => ({
  RESULTS_TABLE_NAME: "results",
  IDEMPOTENCY_TABLE_NAME: "idempotency",
  AWS_REGION: "us-east-1",
  READINESS_CONFIG_JSON: JSON.stringify({
    version: 1,
    smoke: { protocol: "http", endpoint: "http://api.internal" },
    services: [{ cluster: "prod", service: "api", role: "api" }],
  }),
  ...overrides,
});

describe("gate settings", () => {
  it("reads the tables, the bus (default 'default'), the rule and the gated services", () => {
    const settings = readGateSettings(env({ POST_DEPLOY_SMOKE_RULE: "post-deploy-smoke" }), { idempotencyTable: true });
    expect(settings).toMatchObject({
      resultsTableName: "results",
      idempotencyTableName: "idempotency",
      eventBusName: "default",
      postDeploySmokeRule: "post-deploy-smoke",
    });
    expect(settings.services.map((s) => s.service)).toEqual(["api"]);
  });

  it.each([
    ["READINESS_CONFIG_JSON", { READINESS_CONFIG_JSON: undefined }, /READINESS_CONFIG_JSON is not set/],
    ["READINESS_CONFIG_JSON", { READINESS_CONFIG_JSON: "{nope" }, /READINESS_CONFIG_JSON is not JSON/],
    [
      "READINESS_CONFIG_JSON",
      { READINESS_CONFIG_JSON: JSON.stringify({ version: 1, services: [{ service: "api", role: "frontend" }] }) },
      /READINESS_CONFIG_JSON is not a valid readiness\.yml: services\[0\]\.role: .*"api"/,
    ],
    ["IDEMPOTENCY_TABLE_NAME", { IDEMPOTENCY_TABLE_NAME: undefined }, /IDEMPOTENCY_TABLE_NAME is not set/],
  ])(
    "Noncompliance (%s): a missing or invalid setting fails fast, naming the variable",
    (variable, overrides, message) => {
      const read = () => readGateSettings(env(overrides), { idempotencyTable: true });
      expect(read).toThrow(SettingsError);
      expect(read).toThrow(message);
      try {
        read();
      } catch (error) {
        expect((error as SettingsError).variable).toBe(variable);
      }
    },
  );

  it("the DLQ processor and the hook do without the idempotency table", () => {
    expect(readGateSettings(env({ IDEMPOTENCY_TABLE_NAME: undefined })).idempotencyTableName).toBeUndefined();
  });
});
