/**
 * Generated team documents for the document benches (documents-prometheus.ts, documents-all.ts):
 * Prometheus rule files with Go templates and runbook URLs, Grafana dashboards in the
 * schemaVersion 39 layout (collapsed and expanded rows, Grafana variables), runbooks and a
 * failure-mode manifest. Deterministic: every run reads the same text.
 */
import type { DocumentFile } from "@readiness/core/checklist/documents/types";

export const RULE_FILES = 200;
export const DASHBOARDS = 50;
export const SECTIONS = ["Symptoms", "Diagnosis", "Mitigation", "Escalation"];
/** Each generated rule file holds 6 recording rules and 6 alerting rules (Svc<n>Alert0…5). */
export const RULES_PER_FILE = 12;
/** Each generated dashboard holds 4 rows of 5 panels, one query each. */
export const QUERIES_PER_DASHBOARD = 20;

export const ruleFile = (n: number): DocumentFile => {
  const rules: string[] = [];
  for (let i = 0; i < 6; i++)
    rules.push(
      `      - record: job:svc${n}_http_requests_${i}:rate5m\n        expr: sum by (job) (rate(http_requests_total{job=~"svc${n}|api", code=~"5.."}[5m])) / on (job) sum by (job) (rate(http_requests_total[5m]))\n`,
    );
  for (let i = 0; i < 6; i++)
    rules.push(
      `      - alert: Svc${n}Alert${i}\n        expr: histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket{job="svc${n}"}[5m]))) > 0.1\n        for: 5m\n        labels:\n          severity: ${i % 2 ? "warning" : "critical"}\n          team: team-${n % 7}\n        annotations:\n          summary: "{{ $labels.job }} p99 {{ $value | humanizeDuration }} {{ if gt $value 0.5 }}far{{ else }}just{{ end }} above"\n          runbook_url: https://runbooks.example.com/svc${n}-alert${i}\n`,
    );
  return {
    path: `monitoring/rules/svc-${n}.yaml`,
    text: `groups:\n  - name: svc-${n}\n    interval: 30s\n    rules:\n${rules.join("")}`,
  };
};

export const dashboard = (n: number): DocumentFile => {
  const panel = (id: number, title: string, expr: string) => ({
    id,
    type: "timeseries",
    title,
    datasource: { type: "prometheus", uid: "prom" },
    targets: [{ refId: "A", datasource: { type: "prometheus", uid: "prom" }, expr }],
    fieldConfig: { defaults: { unit: "s", thresholds: { steps: [{ color: "green" }, { color: "red", value: 80 }] } } },
    gridPos: { h: 8, w: 12, x: 0, y: id },
  });
  const panels: unknown[] = [];
  for (let row = 0; row < 4; row++) {
    const nested = [];
    for (let i = 0; i < 5; i++)
      nested.push(
        panel(
          row * 10 + i,
          i === 0 ? "Error budget remaining" : `Panel ${i}`,
          `1 - job:svc${n}_http_requests_${i}:rate5m{job="$job"} / sum by (job) (rate(http_requests_total{job=~"$job"}[$__rate_interval]))`,
        ),
      );
    panels.push({
      id: row * 10 + 9,
      type: "row",
      title: `Row ${row}`,
      collapsed: row % 2 === 0,
      panels: row % 2 === 0 ? nested : [],
    });
    if (row % 2 === 1) panels.push(...nested);
  }
  return {
    path: `monitoring/dashboards/d-${n}.json`,
    text: JSON.stringify({ dashboard: { title: `Dashboard ${n}`, schemaVersion: 39, panels } }, null, 2),
  };
};

export const ruleFiles = Array.from({ length: RULE_FILES }, (_, n) => ruleFile(n));
export const dashboards = Array.from({ length: DASHBOARDS }, (_, n) => dashboard(n));
export const runbookText = `# Runbook\n\n${SECTIONS.map((s) => `## ${s}\n\nWhat to do.\n`).join("\n")}`;
export const runbooks = {
  folder: "ops/runbooks",
  baseUrl: "https://runbooks.example.com/",
  files: [
    ...Array.from({ length: 6 }, (_, i) => ({ path: `ops/runbooks/svc0-alert${i}.md`, text: runbookText })),
    { path: "ops/runbooks/rollback.md", text: runbookText.replace("# Runbook", "# Rollback") },
  ],
};
export const failureModes = {
  path: "ops/failure-modes.yaml",
  text: Array.from(
    { length: 40 },
    (_, i) => `- id: mode-${i}\n  description: mode ${i}\n  alerts: [Svc${i}Alert0]\n`,
  ).join(""),
};
