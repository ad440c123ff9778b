import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDashboard } from "./dashboard";
import { grafanaQueryAsPromql } from "./query-text";

const fixture = (name: string) => ({
  path: `monitoring/dashboards/${name}`,
  text: readFileSync(join(__dirname, "testdata", name), "utf8"),
});

describe("Grafana dashboards", () => {
  it("reads the classic layout: rows holding panels, each query with its line", () => {
    const dashboard = readDashboard(fixture("classic-rows.json"));
    expect(dashboard.panels.map((p) => [p.title, p.place.line, p.queries.map((q) => q.place.line)])).toEqual([
      ["Requests", 10, [13]],
      ["Error budget remaining", 22, [25]],
    ]);
  });

  it("reads schemaVersion ≥ 36: datasource objects, a collapsed row's nested panels, the API's export wrapper", () => {
    const dashboard = readDashboard(fixture("schema-39-collapsed-row.json"));
    expect(dashboard.title).toBe("Task service");
    expect(dashboard.panels.map((p) => [p.title, p.description, p.queries.length, p.queries[0]?.place.line])).toEqual([
      ["Latency P99", "", 1, 14],
      ["Availability", "Error budget left this month", 1, 31],
    ]);
  });

  it("reads Grafana 12's resource form: the dashboard in spec (v1), or its elements (schema v2)", () => {
    const v1 = readDashboard({
      path: "d.json",
      text: JSON.stringify(
        {
          apiVersion: "dashboard.grafana.app/v1beta1",
          kind: "Dashboard",
          metadata: { name: "task-service" },
          spec: {
            title: "Task service",
            schemaVersion: 41,
            panels: [{ title: "Errors", targets: [{ expr: "errors_total" }] }],
          },
        },
        null,
        2,
      ),
    });
    expect([v1.problems, v1.title, v1.panels.map((p) => [p.title, p.queries.map((q) => q.expr)])]).toEqual([
      [],
      "Task service",
      [["Errors", ["errors_total"]]],
    ]);
    const v2 = readDashboard({
      path: "d.json",
      text: JSON.stringify(
        {
          apiVersion: "dashboard.grafana.app/v2beta1",
          kind: "Dashboard",
          spec: {
            title: "Task service",
            elements: {
              "panel-1": {
                kind: "Panel",
                spec: {
                  id: 1,
                  title: "Error budget",
                  data: {
                    kind: "QueryGroup",
                    spec: {
                      queries: [
                        {
                          kind: "PanelQuery",
                          spec: {
                            refId: "A",
                            query: { kind: "DataQuery", group: "prometheus", spec: { expr: "slo:budget" } },
                          },
                        },
                      ],
                    },
                  },
                },
              },
              "panel-2": {
                kind: "LibraryPanel",
                spec: { id: 2, title: "Shared", libraryPanel: { uid: "u1", name: "Shared" } },
              },
            },
            layout: { kind: "GridLayout", spec: { items: [] } },
          },
        },
        null,
        2,
      ),
    });
    expect(v2.problems).toEqual([]);
    expect(
      v2.panels.map((p) => [p.title, p.place.line, p.queries.map((q) => [q.expr, q.place.line]), p.libraryPanel]),
    ).toEqual([
      ["Error budget", 11, [["slo:budget", 24]], undefined],
      ["Shared", 38, [], { uid: "u1", name: "Shared" }],
    ]);
  });

  it("reads a file that starts with a byte-order mark, lines unchanged", () => {
    const text = `\uFEFF{\n  "panels": [\n    { "title": "Error budget", "targets": [{ "expr": "slo:budget" }] }\n  ]\n}\n`;
    const dashboard = readDashboard({ path: "d.json", text });
    expect([dashboard.problems, dashboard.panels.map((p) => [p.title, p.place.line])]).toEqual([
      [],
      [["Error budget", 3]],
    ]);
  });

  it("refuses what is not a dashboard, naming the file", () => {
    expect(readDashboard({ path: "d.json", text: "{" }).problems[0].reason).toMatch(/^d\.json: not valid JSON/);
    expect(readDashboard({ path: "d.json", text: '{"title": "x"}' }).problems[0].reason).toBe(
      "d.json: not a Grafana dashboard: no panels (nor classic rows) at the top level",
    );
  });

  it("puts a duration where Grafana's range variables stand, and leaves other variables alone", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's own ${name} variable syntax
    expect(grafanaQueryAsPromql('rate(x{job="$job"}[$__rate_interval]) + rate(y[${__interval}])')).toBe(
      'rate(x{job="$job"}[5m]) + rate(y[5m])',
    );
  });
});
