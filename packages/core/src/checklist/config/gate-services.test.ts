import { describe, expect, it } from "vitest";
import { findGateService, planGate } from "./gate-services";
import { readinessConfigSchema } from "./schema";

const config = readinessConfigSchema.parse({
  version: 1,
  smoke: { protocol: "http", endpoint: "https://api.example.com", sloSubmitMs: 150, timeouts: { requestMs: 2000 } },
  services: [
    {
      name: "api",
      cluster: "prod",
      service: "tasks-api",
      role: "api",
      earlyCheck: true,
      smoke: { timeouts: { completionMs: 5000 } },
    },
    { cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/prod", service: "tasks-worker", role: "worker" },
  ],
});

describe("gate services from readiness.yml", () => {
  it("merges each service's smoke settings over the top level, field by field", () => {
    const { services, unGated } = planGate(config);
    expect(unGated).toEqual([]);
    expect(services[0]).toEqual({
      name: "api",
      cluster: "prod",
      service: "tasks-api",
      target: { protocol: "http", endpoint: "https://api.example.com" },
      spec: { sloSubmitMs: 150, timeouts: { requestMs: 2000, completionMs: 5000 } },
      earlyCheck: true,
    });
    expect(services[1].earlyCheck).toBeUndefined();
  });

  it("leaves out services without a smoke endpoint, and says which", () => {
    const bare = readinessConfigSchema.parse({ version: 1, services: [{ service: "api", role: "api" }] });
    expect(planGate(bare)).toEqual({ services: [], unGated: ["api"] });
  });

  it("finds the service an event's ARN names, with cluster names or ARNs in the config", () => {
    const { services } = planGate(config);
    expect(findGateService(services, "arn:aws:ecs:us-east-1:123456789012:service/prod/tasks-api")?.name).toBe("api");
    expect(findGateService(services, "arn:aws:ecs:us-east-1:123456789012:service/prod/tasks-worker")?.name).toBe(
      "tasks-worker",
    );
    expect(findGateService(services, "arn:aws:ecs:us-east-1:123456789012:service/staging/tasks-api")).toBeUndefined();
  });
});
