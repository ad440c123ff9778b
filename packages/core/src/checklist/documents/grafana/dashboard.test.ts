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
