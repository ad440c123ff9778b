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
import { DASHBOARDS, dashboards, failureModes, RULE_FILES, ruleFiles, runbooks, SECTIONS } from "./documents-fixtures";
import { best, count, machineLine, median, ms, spread, timed, verdict } from "./support";

const BUDGET_MS = 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

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
