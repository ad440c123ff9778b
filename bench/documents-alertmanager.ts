/**
 * The Alertmanager part of the documents budget (DESIGN.md: "200 Prometheus rule files, 50
 * dashboards and a 300-route Alertmanager tree in < 1 s"): the alert-routing decider on a
 * generated 300-route tree (nested up to four deep, every matcher type, `continue`, inherited
 * receivers), routing BENCH_ALERTS required alerts (default 1,000: five per rule file of 200).
 * Timed from the YAML text: parse, validation (matchers, RE2 translation), then the simulation of
 * every alert. Prints figures; asserts nothing.
 *
 *   npx tsx bench/documents-alertmanager.ts        BENCH_ROUTES=300 BENCH_ALERTS=1000 BENCH_RUNS=20
 */
import { readAlertmanagerConfig } from "@readiness/core/checklist/documents/alertmanager/config";
import { decideAlertRouting, type RequiredAlert } from "@readiness/core/checklist/documents/alertmanager/decide";
import {
  generateAlertmanagerConfig,
  generateLabelSets,
} from "@readiness/devkit/fixtures/alertmanager-tree";
import { matchRoutes } from "@readiness/core/checklist/documents/alertmanager/route-tree";
import { count, machineLine, ms, spread, timed, verdict } from "./support";

const BUDGET_MS = 1000;
const ROUTES = Number(process.env.BENCH_ROUTES ?? 300);
const ALERTS = Number(process.env.BENCH_ALERTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

console.log(machineLine());
const { yaml, receivers } = generateAlertmanagerConfig(ROUTES, 1);
const file = { path: "monitoring/alertmanager.yml", text: yaml };
const alerts: RequiredAlert[] = generateLabelSets(ALERTS, 2).map(({ alertname, ...labels }) => ({
  name: alertname!,
  labels,
  place: { file: "monitoring/rules/generated.yaml", line: 1 },
}));

const decide = () => timed(() => decideAlertRouting({ alertmanager: file, alerts })).timing;
const first = decide();
const runs = Array.from({ length: RUNS }, decide);

const parse = Array.from({ length: RUNS }, () => timed(() => readAlertmanagerConfig(file)).timing);
const reading = readAlertmanagerConfig(file);
if (!reading.ok) throw new Error(reading.problems.map((p) => p.reason).join("; "));
const root = reading.config.root;
const route = Array.from(
  { length: RUNS },
  () =>
    timed(() => {
      for (const a of alerts) matchRoutes(root, a.labels);
    }).timing,
);
const verdictOfRun = decideAlertRouting({ alertmanager: file, alerts });

const wall = runs.map((t) => t.wallMs);
console.log(
  `documents-alertmanager   ${count(ROUTES)} routes, ${count(receivers)} receivers, ${count(yaml.length)} bytes of YAML, ${count(ALERTS)} alerts`,
);
console.log(`  decide (parse + validate + route every alert): ${spread(wall)}`);
console.log(`    CPU median ${ms(runs.map((t) => t.cpuMs).sort((a, b) => a - b)[Math.floor(RUNS / 2)]!)}`);
console.log(`  first run (cold JIT): ${ms(first.wallMs)} (CPU ${ms(first.cpuMs)})`);
console.log(`  split: parse + validate ${spread(parse.map((t) => t.wallMs))}`);
console.log(`         routing ${count(ALERTS)} alerts ${spread(route.map((t) => t.wallMs))}`);
console.log(`  verdict on the generated set: ${verdictOfRun.status} (${verdictOfRun.findings.length} findings)`);
// The verdict uses the first run: a check routes its alerts once per process, with a cold JIT.
console.log(
  `  ${verdict(
    "alert routing, first run",
    `${ms(first.wallMs)}, leaving ${ms(BUDGET_MS - first.wallMs)} for the rule files and dashboards`,
    `< ${BUDGET_MS} ms for all documents`,
    first.wallMs < BUDGET_MS,
  )}`,
);
