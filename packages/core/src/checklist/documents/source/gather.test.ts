import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { configOf, inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { type ItemId, itemById } from "../../catalogue/items";
import { paramsFromConfig } from "../../config/params";
import { buildScope } from "../../engine/scope";
import type { PartDecision } from "../../engine/item-evaluation";
import type { SourceReach } from "../../engine/sources";
import { ECS_SERVICE } from "../../inventory/relations/ecs";

// The document sources as the checks gather them: files found through readiness.yml's `documents`,
// relative to its folder; every problem a per-item reason naming the key or the file, never a throw.
const folderWith = (files: Record<string, string>): string => {
  const root = mkdtempSync(join(tmpdir(), "readiness-documents-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
};

const api = resource(ECS_SERVICE, "ApiService", { ServiceName: "task-api" });
const worker = resource(ECS_SERVICE, "WorkerService", { ServiceName: "task-worker" });
const SERVICES = [
  { name: "api", service: "ApiService", role: "api" },
  { name: "worker", service: "WorkerService", role: "worker" },
];

const decide = async (
  itemId: ItemId,
  raw: Record<string, unknown>,
  root: string | undefined,
  reach: SourceReach = { mode: "template", now: new Date("2026-12-06T12:00:00Z") },
): Promise<PartDecision | undefined> => {
  const config = configOf({ services: SERVICES, ...raw });
  const inventory = inventoryOf(api, worker);
  const item = itemById(itemId);
  const source = item.sources?.document;
  if (!source) throw new Error(`${itemId} declares no document source`);
  const decider = await source.gather({
    item,
    kind: "document",
    inventory,
    config,
    ...(root ? { configDir: root } : {}),
    params: paramsFromConfig(config)(itemId),
    reach,
  });
  return decider?.(item, "document", buildScope(inventory, config));
};

const OPENSLO = `apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  service: tasks
  budgetingMethod: Occurrences
  indicator:
    metadata: { name: good-requests }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(http_requests_total{code!~"5.."}[5m]))' } } }
        total: { metricSource: { type: Prometheus, spec: { query: "sum(rate(http_requests_total[5m]))" } } }
  objectives:
    - displayName: available
      target: 0.995
`;

describe("document sources", () => {
  it("Undecided: without a documents section the item is unknown and names the key to set", async () => {
    const decision = await decide("slo-defined", {}, folderWith({}));
    expect(decision).toMatchObject({ status: "unknown", appliesTo: "item" });
    expect(decision?.reason).toContain("documents.slo");
  });

  it("Undecided: without a readiness.yml file at all, the same", async () => {
    const decision = await decide("oncall", {}, undefined);
    expect(decision).toMatchObject({ status: "unknown", reason: expect.stringContaining("documents.oncall") });
  });

  it("Noncompliance 1: a path that matches no file fails, naming the key, the path and the folder", async () => {
    const root = folderWith({});
    const decision = await decide("slo-defined", { documents: { slo: "ops/slo.yaml" } }, root);
    expect(decision?.status).toBe("fail");
    expect(decision?.reason).toContain(`documents.slo: ops/slo.yaml matches no file`);
    expect(decision?.reason).toContain(root);
  });

  it("Noncompliance 2: invalid YAML fails with the file and line, never a throw", async () => {
    const root = folderWith({ "monitoring/rules/a.yaml": "groups:\n  - name: a\n    rules: [\n" });
    const decision = await decide(
      "alerts-defined",
      { documents: { prometheusRules: ["monitoring/rules/*.yaml"] } },
      root,
    );
    expect(decision?.status).toBe("fail");
    expect(decision?.reason).toMatch(/monitoring\/rules\/a\.yaml:\d+/);
  });

  it("Noncompliance 3: a document of the wrong schema fails naming the file", async () => {
    const root = folderWith({
      "ops/oncall.json": JSON.stringify({ schedule: { name: "x", time_zone: "UTC", schedule_layers: [] } }),
    });
    const decision = await decide(
      "oncall",
      { documents: { oncall: "ops/oncall.json" }, launchDate: "2026-12-15" },
      root,
    );
    expect(decision?.status).toBe("fail");
    expect(decision?.reason).toContain("ops/oncall.json");
  });

  it("Noncompliance 4: the file's own content decides (an SLO below the minimum is quoted with its place)", async () => {
    const root = folderWith({ "ops/slo.yaml": OPENSLO });
    const decision = await decide("slo-defined", { documents: { slo: "ops/slo.yaml" } }, root);
    expect(decision?.status).toBe("fail");
    expect(decision?.reason).toMatch(/ops\/slo\.yaml:\d+:\d+: .*availability target 99\.5% is below 99\.9%/);
    expect(decision?.findings?.[0]).toMatchObject({ resource: "ops/slo.yaml", location: { file: "ops/slo.yaml" } });
  });

  it("paths are relative to the readiness.yml folder, not the working directory", async () => {
    const root = folderWith({ "ops/slo.yaml": OPENSLO.replace("0.995", "0.999") });
    const decision = await decide("slo-defined", { documents: { slo: "ops/*.yaml" } }, root);
    // The file was read (no "matches no file"): what remains is the missing submit latency objective.
    expect(decision?.reason).not.toContain("matches no file");
    expect(decision?.reason).toContain("submit latency objective");
  });

  it("a service's own documents override the top level's: each group is decided and its services carry it", async () => {
    const root = folderWith({ "ops/slo.yaml": OPENSLO });
    const decision = await decide(
      "slo-defined",
      {
        services: [{ ...SERVICES[0], documents: { slo: "api/slo.yaml" } }, SERVICES[1]],
        documents: { slo: "ops/slo.yaml" },
      },
      root,
    );
    expect(decision?.status).toBe("fail");
    expect(decision?.appliesTo).toBeUndefined();
    const byService = Object.fromEntries((decision?.findings ?? []).map((f) => [f.resource, f.reason]));
    expect(byService.ApiService).toContain("documents.slo: api/slo.yaml matches no file");
    expect(byService.WorkerService).toContain("availability target 99.5% is below 99.9%");
  });

  it("golden-signals without Prometheus documents leaves CloudWatch the only source and says documents also count", async () => {
    const decision = await decide("golden-signals", {}, folderWith({}));
    expect(decision).toMatchObject({ status: "unknown" });
    expect(decision?.weighsConfig).toBeUndefined();
    expect(decision?.reason).toContain("Prometheus recording rules and dashboard queries also count");
  });

  it("golden-signals with rules: each service is judged, weighing CloudWatch and Prometheus", async () => {
    const root = folderWith({
      "rules.yaml": `groups:
  - name: golden
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total[5m]))
`,
    });
    const decision = await decide("golden-signals", { documents: { prometheusRules: "rules.yaml" } }, root);
    expect(decision).toMatchObject({ status: "fail", weighsConfig: true });
    const api = decision?.findings?.find((f) => f.resource === "ApiService");
    expect(api?.reason).toContain(
      'latency of api (job "api"): no CloudWatch alarm, recording rule or dashboard query covers it',
    );
    expect(api?.reason).not.toContain("traffic of api");
  });

  it("alert-routing with two teams sharing the documents: each team is routed on its own, its services carry it", async () => {
    const rules = ["HighErrorRate", "HighLatencyP99", "FastBudgetBurn", "QueueDepthHigh", "ScrapeTargetDown"]
      .map(
        (alert) => `      - alert: ${alert}
        expr: up == 0
        for: 5m
        labels: { severity: critical, team: tasks }`,
      )
      .join("\n");
    const root = folderWith({
      "rules.yaml": `groups:\n  - name: a\n    rules:\n${rules}\n`,
      "alertmanager.yml": `route:
  receiver: default
  routes:
    - matchers: ['team="tasks"']
      receiver: tasks-pager
receivers:
  - name: default
  - name: tasks-pager
    webhook_configs: [{ url: "https://pager.example.com/tasks" }]
`,
    });
    const decision = await decide(
      "alert-routing",
      {
        services: [
          { ...SERVICES[0], team: "tasks" },
          { ...SERVICES[1], team: "payments" },
        ],
        documents: { prometheusRules: "rules.yaml", alertmanager: "alertmanager.yml" },
      },
      root,
    );
    expect(decision?.status).toBe("fail");
    const byService = Object.fromEntries((decision?.findings ?? []).map((f) => [f.resource, [f.status, f.reason]]));
    expect(byService.ApiService?.[0]).toBe("pass");
    expect(byService.WorkerService?.[0]).toBe("fail");
    expect(byService.WorkerService?.[1]).toContain('the service\'s team is "payments"');
    expect(decision?.reason).toContain("team payments: ");
  });

  it("the Config evaluator reads no files: its document part stays pending", async () => {
    const decision = await decide("slo-defined", { documents: { slo: "ops/slo.yaml" } }, folderWith({}), {
      mode: "config-rule",
    });
    expect(decision).toBeUndefined();
  });
});
