import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decideSloRecordingRules } from "./slo-recording-rules";

const dashboard = (name: string) => ({
  path: `monitoring/dashboards/${name}`,
  text: readFileSync(join(__dirname, "..", "grafana", "testdata", name), "utf8"),
});
const ruleFiles = [
  {
    path: "monitoring/rules/slo.yaml",
    text: readFileSync(join(__dirname, "testdata", "promtool", "good-recording-rules.yaml"), "utf8"),
  },
];
const availability = { name: "availability", indicatorSeries: ["http_requests_total"] };

describe("slo-recording-rules", () => {
  it("Compliance: recording rules over the indicator, and a budget panel reading them (classic and current layouts)", () => {
    for (const name of ["classic-rows.json", "schema-39-collapsed-row.json"]) {
      const verdict = decideSloRecordingRules({ slos: [availability], ruleFiles, dashboards: [dashboard(name)] });
      expect(verdict.status, name).toBe("pass");
    }
    const verdict = decideSloRecordingRules({
      slos: [availability],
      ruleFiles,
      dashboards: [dashboard("classic-rows.json")],
    });
    expect(verdict.findings.map((f) => f.reason)).toEqual([
      "SLO availability is recorded by job:http_requests:rate5m (monitoring/rules/slo.yaml:4:17), job:http_request_errors:rate5m (monitoring/rules/slo.yaml:6:17), slo:sli_error:ratio_rate5m (monitoring/rules/slo.yaml:8:17), slo:error_budget:remaining (monitoring/rules/slo.yaml:12:17)",
      'error-budget panel "Error budget remaining" in monitoring/dashboards/classic-rows.json reads slo:error_budget:remaining',
    ]);
  });

  it("an SLO whose indicator reads recorded series is recorded by the rules that record them", () => {
    // The SRE workbook's style: the SLI is written over recording rules (job:…:rate5m), not raw counters.
    const recorded = {
      path: "monitoring/rules/sli.yaml",
      text: [
        "groups:",
        "  - name: sli",
        "    rules:",
        "      - record: job:http_requests:rate5m",
        "        expr: sum by (job) (rate(http_requests_total[5m]))",
        "      - record: job:http_request_errors:rate5m",
        '        expr: sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))',
        "",
      ].join("\n"),
    };
    const budget = {
      path: "d.json",
      text: JSON.stringify({
        panels: [
          {
            title: "Error budget",
            targets: [{ expr: "1 - (job:http_request_errors:rate5m / job:http_requests:rate5m) / 0.001" }],
          },
        ],
      }),
    };
    const verdict = decideSloRecordingRules({
      slos: [{ name: "availability", indicatorSeries: ["job:http_request_errors:rate5m", "job:http_requests:rate5m"] }],
      ruleFiles: [recorded],
      dashboards: [budget],
    });
    expect(verdict.findings.map((f) => f.reason)).toEqual([
      "SLO availability is recorded by job:http_requests:rate5m (monitoring/rules/sli.yaml:4:17), job:http_request_errors:rate5m (monitoring/rules/sli.yaml:6:17)",
      'error-budget panel "Error budget" in d.json reads job:http_request_errors:rate5m, job:http_requests:rate5m',
    ]);
    expect(verdict.status).toBe("pass");
  });

  it("Noncompliance 1: no recording rule reads an SLO's indicator", () => {
    const verdict = decideSloRecordingRules({
      slos: [availability, { name: "submit-latency", indicatorSeries: ["task_submit_duration_seconds_bucket"] }],
      ruleFiles,
      dashboards: [dashboard("classic-rows.json")],
    });
    expect(verdict).toMatchObject({
      status: "fail",
      reason: "SLO submit-latency: no recording rule reads its indicator series (task_submit_duration_seconds_bucket)",
    });
  });

  it("an SLO without PromQL (another metric source, a Sloth plugin) says why nothing can record it", () => {
    const verdict = decideSloRecordingRules({
      slos: [{ name: "checkout", indicatorSeries: [] }],
      ruleFiles,
      dashboards: [dashboard("classic-rows.json")],
    });
    expect(verdict.reason).toBe(
      "SLO checkout: its indicator names no Prometheus series (no PromQL query: another metric source, or a Sloth plugin SLI), so no recording rule can be tied to it",
    );
  });

  it("Noncompliance 2: no budget panel, or a budget panel that does not read the recorded series", () => {
    const noPanel = {
      path: "d.json",
      text: JSON.stringify({ panels: [{ title: "Requests", targets: [{ expr: "up" }] }] }),
    };
    expect(decideSloRecordingRules({ slos: [availability], ruleFiles, dashboards: [noPanel] }).reason).toMatch(
      /^no error-budget panel \(a panel titled or described as an error budget\) in the 1 dashboard\(s\)/,
    );
    const wrongQuery = {
      path: "d.json",
      text: JSON.stringify({ panels: [{ title: "Error budget", targets: [{ expr: "1 - avg(up)" }] }] }),
    };
    expect(decideSloRecordingRules({ slos: [availability], ruleFiles, dashboards: [wrongQuery] }).reason).toMatch(
      /^the error-budget panel\(s\) "Error budget" \(d\.json:1\) query none of the SLO recording rules' series/,
    );
    // A budget panel on another data source (CloudWatch here) says its queries are not PromQL.
    const cloudWatch = {
      path: "d.json",
      text: JSON.stringify({
        panels: [
          {
            title: "Error budget",
            datasource: { type: "cloudwatch" },
            targets: [{ namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count", refId: "A" }],
          },
        ],
      }),
    };
    expect(decideSloRecordingRules({ slos: [availability], ruleFiles, dashboards: [cloudWatch] }).reason).toMatch(
      /^the error-budget panel\(s\) "Error budget" \(d\.json:1\) \(its 1 query\(ies\) are not Prometheus queries: none has an expr\) query none/,
    );
  });

  it("a budget panel that shows a library panel reads the library element's queries, when its JSON is given", () => {
    // The dashboard keeps only a reference; Grafana keeps the panel (and its queries) as a library element.
    const withReference = {
      path: "monitoring/dashboards/slo.json",
      text: JSON.stringify(
        {
          schemaVersion: 39,
          panels: [
            { id: 4, gridPos: { h: 8, w: 12, x: 0, y: 0 }, libraryPanel: { uid: "budget-7d", name: "Error budget" } },
          ],
        },
        null,
        2,
      ),
    };
    const element = {
      path: "monitoring/dashboards/library/error-budget.json",
      text: JSON.stringify(
        {
          result: {
            uid: "budget-7d",
            name: "Error budget",
            kind: 1,
            model: {
              type: "stat",
              title: "Error budget",
              libraryPanel: { uid: "budget-7d", name: "Error budget" },
              targets: [
                { datasource: { type: "prometheus", uid: "p" }, expr: "1 - slo:sli_error:ratio_rate5m", refId: "A" },
              ],
            },
          },
        },
        null,
        2,
      ),
    };
    const resolved = decideSloRecordingRules({ slos: [availability], ruleFiles, dashboards: [withReference, element] });
    expect(resolved.status).toBe("pass");
    expect(resolved.findings.at(-1)?.reason).toBe(
      'error-budget panel "Error budget" in monitoring/dashboards/slo.json (library panel budget-7d, monitoring/dashboards/library/error-budget.json) reads slo:sli_error:ratio_rate5m',
    );
    const unresolved = decideSloRecordingRules({ slos: [availability], ruleFiles, dashboards: [withReference] });
    expect(unresolved.status).toBe("fail");
    expect(unresolved.reason).toContain(
      '"Error budget" (monitoring/dashboards/slo.json:12) (library panel budget-7d: its queries are kept in Grafana, not in the dashboard; add the library panel\'s JSON, GET /api/library-elements/budget-7d, to documents.dashboards)',
    );
    // "Export for sharing externally" puts the library panels the dashboard shows in its own __elements.
    const shared = {
      path: "monitoring/dashboards/shared.json",
      text: JSON.stringify({
        __inputs: [{ name: "DS_PROMETHEUS", type: "datasource", pluginId: "prometheus" }],
        __elements: {
          "budget-7d": {
            name: "Error budget",
            uid: "budget-7d",
            kind: 1,
            model: {
              type: "stat",
              libraryPanel: { uid: "budget-7d", name: "Error budget" },
              // biome-ignore lint/suspicious/noTemplateCurlyInString: the export's ${DS_…} input, as Grafana writes it
              targets: [{ datasource: { uid: "${DS_PROMETHEUS}" }, expr: "1 - slo:sli_error:ratio_rate5m" }],
            },
          },
        },
        panels: [
          { gridPos: { h: 8, w: 12, x: 0, y: 0 }, id: 4, libraryPanel: { uid: "budget-7d", name: "Error budget" } },
        ],
      }),
    };
    expect(
      decideSloRecordingRules({ slos: [availability], ruleFiles, dashboards: [shared] }).findings.at(-1),
    ).toMatchObject({
      status: "pass",
      reason:
        'error-budget panel "Error budget" in monitoring/dashboards/shared.json (library panel budget-7d, monitoring/dashboards/shared.json) reads slo:sli_error:ratio_rate5m',
    });
    // A library element alone is not a dashboard: it counts only through a dashboard that shows it.
    expect(decideSloRecordingRules({ slos: [availability], ruleFiles, dashboards: [element] }).reason).toMatch(
      /^no error-budget panel .* in the 0 dashboard\(s\)/,
    );
  });

  it("missing documents decide nothing; an SLO document without SLOs fails", () => {
    expect(decideSloRecordingRules({ ruleFiles, dashboards: [dashboard("classic-rows.json")] }).status).toBe("unknown");
    expect(decideSloRecordingRules({ slos: [availability], ruleFiles, dashboards: [] }).status).toBe("unknown");
    expect(decideSloRecordingRules({ slos: [], ruleFiles, dashboards: [dashboard("classic-rows.json")] }).reason).toBe(
      "the SLO document declares no SLO to record",
    );
  });
});
