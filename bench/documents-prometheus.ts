/**
 * Documents, Prometheus family: 200 Prometheus rule files and 50 Grafana dashboards read, checked
 * as promtool checks them, and decided by every Prometheus-side decider (alerts-defined,
 * failure-modes-alerted, slo-recording-rules, runbooks, rollback runbook, golden signals), in
 * process. Budget (DESIGN.md): documents — 200 rule files, 50 dashboards and a 300-route
 * Alertmanager tree — in < 1 s; the Alertmanager part is another bench's. Prints figures; asserts
 * nothing.
 *
 *   npx tsx bench/documents-prometheus.ts            BENCH_RUNS=5
 */
import { decideFailureModesAlerted } from "@readiness/core/checklist/documents/failure-modes/failure-modes-alerted";
import { readDashboard } from "@readiness/core/checklist/documents/grafana/dashboard";
import { decideAlertsDefined } from "@readiness/core/checklist/documents/prometheus/alerts-defined";
import { decideGoldenSignalsPrometheus } from "@readiness/core/checklist/documents/prometheus/golden-signals/decide";
import { readRuleSet } from "@readiness/core/checklist/documents/prometheus/rule-set";
import { decideSloRecordingRules } from "@readiness/core/checklist/documents/prometheus/slo-recording-rules";
import { decideRollbackRunbook } from "@readiness/core/checklist/documents/runbooks/rollback-runbook";
import { decideRunbooks } from "@readiness/core/checklist/documents/runbooks/runbooks";
import type { DocumentFile } from "@readiness/core/checklist/documents/types";
import { best, count, machineLine, median, ms, spread, timed, verdict } from "./support";

const BUDGET_MS = 1000;
const RULE_FILES = 200;
const DASHBOARDS = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SECTIONS = ["Symptoms", "Diagnosis", "Mitigation", "Escalation"];

const ruleFile = (n: number): DocumentFile => {
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

const dashboard = (n: number): DocumentFile => {
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

const ruleFiles = Array.from({ length: RULE_FILES }, (_, n) => ruleFile(n));
const dashboards = Array.from({ length: DASHBOARDS }, (_, n) => dashboard(n));
const runbookText = `# Runbook\n\n${SECTIONS.map((s) => `## ${s}\n\nWhat to do.\n`).join("\n")}`;
const runbooks = {
  folder: "ops/runbooks",
  baseUrl: "https://runbooks.example.com/",
  files: [
    ...Array.from({ length: 6 }, (_, i) => ({ path: `ops/runbooks/svc0-alert${i}.md`, text: runbookText })),
    { path: "ops/runbooks/rollback.md", text: runbookText.replace("# Runbook", "# Rollback") },
  ],
};
const failureModes = {
  path: "ops/failure-modes.yaml",
  text: Array.from(
    { length: 40 },
    (_, i) => `- id: mode-${i}\n  description: mode ${i}\n  alerts: [Svc${i}Alert0]\n`,
  ).join(""),
};
const services = [
  { name: "api", role: "api" },
  { name: "worker", role: "worker" },
];
const queues = [
  { name: "tasks", isDlq: false },
  { name: "tasks-dlq", isDlq: true },
];
const bytes = [...ruleFiles, ...dashboards].reduce((sum, file) => sum + file.text.length, 0);

const evaluateAll = () => {
  const ruleSet = readRuleSet(ruleFiles);
  const readDashboards = dashboards.map(readDashboard);
  return [
    decideAlertsDefined({ ruleFiles, ruleSet }, { requiredAlerts: ["Svc0Alert0", "Svc1Alert1", "Svc199Alert5"] }),
    decideFailureModesAlerted({ failureModes, ruleFiles, ruleSet }),
    decideSloRecordingRules({
      slos: [{ name: "availability", indicatorSeries: ["http_requests_total"] }],
      ruleFiles,
      dashboards,
      ruleSet,
      readDashboards,
    }),
    decideRunbooks({ ruleFiles, ruleSet, runbooks }, { topAlerts: 3, requiredSections: SECTIONS }),
    decideRollbackRunbook({ runbooks }, { requiredSections: SECTIONS }),
    decideGoldenSignalsPrometheus({ services, queues, ruleFiles, dashboards, ruleSet, readDashboards }),
  ];
};

console.log(machineLine());
const rules = RULE_FILES * 12;
const queries = DASHBOARDS * 20;
console.log(
  `${RULE_FILES} rule files (${count(rules)} rules), ${DASHBOARDS} dashboards (${count(queries)} panel queries), ${count(bytes / 1024)} KB`,
);

const first = timed(evaluateAll);
console.log(`  first run (cold JIT): ${ms(first.timing.wallMs)} (CPU ${ms(first.timing.cpuMs)})`);
console.log(`  verdicts: ${first.result.map((v) => v.status).join(", ")}`);
const walls: number[] = [];
const cpus: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const { timing } = timed(evaluateAll);
  walls.push(timing.wallMs);
  cpus.push(timing.cpuMs);
}
console.log(`  all deciders: ${spread(walls)}; CPU median ${ms(median(cpus))}`);
const readRules = timed(() => readRuleSet(ruleFiles));
const readBoards = timed(() => dashboards.map(readDashboard));
console.log(
  `  split (one warm run): rule files read and checked ${ms(readRules.timing.wallMs)}, dashboards read ${ms(readBoards.timing.wallMs)}`,
);
console.log(machineLine());
console.log(
  verdict(
    "documents, Prometheus family (first run)",
    ms(first.timing.wallMs),
    `< ${BUDGET_MS} ms`,
    first.timing.wallMs < BUDGET_MS,
  ),
);
console.log(
  verdict("documents, Prometheus family (warm, best)", ms(best(walls)), `< ${BUDGET_MS} ms`, best(walls) < BUDGET_MS),
);
