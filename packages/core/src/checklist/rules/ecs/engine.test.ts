import { describe, expect, it } from "vitest";
import { checksOn } from "@readiness/devkit/testing/checks";
import type { ItemId } from "../../catalogue/items";
import type { Resource } from "../../model/resource";
import { inventoryOf } from "@readiness/devkit/testing/builders";
import { RULES, rulesForItem } from "../registry";
import {
  hardenedContainer,
  repository,
  service,
  subnets,
  targetGroup,
  taskDefinition,
} from "@readiness/devkit/fixtures/ecs";

const ECS_ITEMS: ItemId[] = [
  "ecs-multi-az",
  "graceful-shutdown",
  "no-env-secrets",
  "container-hardening",
  "image-provenance",
  "traces-exported",
  "cicd-gate",
];

const TEMPO_CONFIG = `
exporters:
  otlp/tempo: { endpoint: "tempo.monitoring:4317" }
service:
  pipelines:
    traces: { receivers: [otlp], exporters: [otlp/tempo] }
`;

const collector = hardenedContainer("otel-collector", {
  Image: "otel/opentelemetry-collector-contrib:0.104.0",
  Essential: false,
  Environment: [{ Name: "OTELCOL_CONFIG", Value: TEMPO_CONFIG }],
});

const platform = (api: Record<string, unknown> = {}): Resource[] => [
  service("Api", "ApiTask", {
    LoadBalancers: [{ ContainerName: "api", ContainerPort: 8080, TargetGroupArn: "ApiTargets" }],
  }),
  service("Worker", "WorkerTask"),
  taskDefinition("ApiTask", hardenedContainer("api", api), collector),
  taskDefinition("WorkerTask", hardenedContainer("worker"), collector),
  targetGroup("ApiTargets", "10"),
  repository("task-service/api", { ImageScanningConfiguration: { ScanOnPush: true } }),
  repository("task-service/worker", { ImageScanningConfiguration: { ScanOnPush: true } }),
  ...subnets(),
];

const check = (resources: Resource[]) => {
  return checksOn(inventoryOf(...resources), RULES, { only: ECS_ITEMS, source: "test inventory" });
};

const configPart = (report: ReturnType<typeof check>, id: ItemId) =>
  report.items.find((item) => item.id === id)?.parts.find((part) => part.kind === "config");

describe("ECS rules through the registry and the engine", () => {
  it("registers one rule per ECS item", () => {
    for (const id of ECS_ITEMS) expect(rulesForItem(id)).toHaveLength(1);
  });

  it("Compliance: a hardened platform passes every ECS config part", () => {
    const report = check(platform());
    for (const id of ECS_ITEMS) expect(configPart(report, id), id).toMatchObject({ status: "pass" });
    // graceful-shutdown also needs a drain drill: config passes, the item is not decided yet.
    const graceful = report.items.find((item) => item.id === "graceful-shutdown");
    expect(graceful?.status).toBe("unknown");
    expect(report.items.find((item) => item.id === "container-hardening")?.status).toBe("pass");
  });

  it("Noncompliance: one broken container fails exactly the items it breaks, with specific findings", () => {
    const report = check(
      platform({
        User: "root",
        Image: "task-service/api:latest",
        Environment: [{ Name: "DB_PASSWORD", Value: "hunter2" }],
      }),
    );
    const failed = report.items.filter((item) => item.status === "fail").map((item) => item.id);
    expect(failed.sort()).toEqual(["container-hardening", "image-provenance", "no-env-secrets"]);
    const hardening = report.items.find((item) => item.id === "container-hardening");
    expect(hardening?.findings[0]).toMatchObject({
      resource: "ApiTask",
      status: "fail",
      reason: "container api: user is root",
    });
  });
});
