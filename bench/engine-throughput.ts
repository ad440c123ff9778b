/**
 * Engine alone: resource×rule evaluations per second on one core, on the inventory of a generated
 * 10,000-resource template (loaded once, not timed). One evaluation = one (rule, in-scope subject)
 * pair. Budget (DESIGN.md): ≥ 50,000 evaluations/s. Prints figures; asserts nothing.
 *
 * Three figures:
 * - per run with fresh indexes: every run gets a new Inventory of the same resources, so the lazy
 *   per-run indexes (reverse references, queue sources, alarms…) are built inside the timed part,
 *   as in a real check. The verdict uses this one (best run: other processes share the cores).
 * - first run: the same in a process whose code the JIT has not seen yet.
 * - steady state: one inventory, indexes already built; then the per-rule split.
 *
 *   npx tsx bench/engine-throughput.ts            BENCH_RESOURCES=10000 BENCH_RUNS=20
 */
import { CHECKLIST } from "@readiness/core/checklist/catalogue/items";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadTemplateInventory } from "@readiness/core/checklist/adapters/template/index";
import { paramsFromConfig } from "@readiness/core/checklist/config/params";
import { DEFAULT_CONFIG } from "@readiness/core/checklist/config/schema";
import { runChecks } from "@readiness/core/checklist/engine/engine";
import { buildScope } from "@readiness/core/checklist/engine/scope";
import { Inventory } from "@readiness/core/checklist/inventory/inventory";
import type { Resource } from "@readiness/core/checklist/model/resource";
import { RULES } from "@readiness/core/checklist/rules/registry";
import type { ConfigRule } from "@readiness/core/checklist/rules/rule";
import { generateTemplate } from "./generate-template";
import { best, count, machineLine, median, ms, spread, timed, verdict } from "./support";

const BUDGET_EVALUATIONS_PER_SECOND = 50_000;
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PER_RULE_RUNS = 5;

console.log(machineLine());
const file = "bench/out/engine-template.json";
mkdirSync("bench/out", { recursive: true });
writeFileSync(file, JSON.stringify(generateTemplate(RESOURCES)));
const { inventory } = await loadTemplateInventory(file);
const resources: Resource[] = [...inventory.all()];
const params = paramsFromConfig(DEFAULT_CONFIG);

const evaluationsOf = (rules: readonly ConfigRule[]): number =>
  rules.reduce((sum, rule) => sum + rule.resourceTypes.reduce((n, type) => n + inventory.ofType(type).length, 0), 0);
const evaluationsPerRun = evaluationsOf(RULES);

/** Scope and engine on a fresh inventory: what one check pays, index building included. */
const freshRun = () => {
  const fresh = new Inventory(resources, inventory.source);
  return timed(() =>
    runChecks({
      items: CHECKLIST,
      inventory: fresh,
      rules: RULES,
      scope: buildScope(fresh, DEFAULT_CONFIG),
      params,
      source: file,
    }),
  ).timing;
};

const first = freshRun();
const fresh = Array.from({ length: RUNS }, freshRun);

const scope = buildScope(inventory, DEFAULT_CONFIG);
const steadyRun = (rules: readonly ConfigRule[]) =>
  timed(() => runChecks({ items: CHECKLIST, inventory, rules, scope, params, source: file })).timing;
steadyRun(RULES); // builds this inventory's indexes
const steady = Array.from({ length: RUNS }, () => steadyRun(RULES));

const perSecond = (evaluations: number, wallMs: number) => (evaluations * 1000) / wallMs;
const freshWall = fresh.map((t) => t.wallMs);
const steadyWall = steady.map((t) => t.wallMs);

console.log(
  `inventory: ${count(inventory.size)} resources, ${RULES.length} rules, ${count(evaluationsPerRun)} resource×rule evaluations per run`,
);
console.log(`per run, fresh indexes: ${spread(freshWall)}; CPU median ${ms(median(fresh.map((t) => t.cpuMs)))}/run`);
console.log(
  `  → ${count(perSecond(evaluationsPerRun, best(freshWall)))} evaluations/s best, ${count(perSecond(evaluationsPerRun, median(freshWall)))} median`,
);
console.log(
  `first run (cold JIT, fresh indexes): ${ms(first.wallMs)} (CPU ${ms(first.cpuMs)}) → ${count(perSecond(evaluationsPerRun, first.wallMs))} evaluations/s`,
);
console.log(
  `steady state (indexes built): ${spread(steadyWall)} → ${count(perSecond(evaluationsPerRun, best(steadyWall)))} evaluations/s best`,
);

console.log(`\nper rule, steady state (median of ${PER_RULE_RUNS} runs, slowest first):`);
const perRule = RULES.map((rule) => {
  const runs = Array.from({ length: PER_RULE_RUNS }, () => steadyRun([rule]).wallMs);
  return { rule, evaluations: evaluationsOf([rule]), wallMs: median(runs) };
}).sort((a, b) => b.wallMs - a.wallMs);
for (const { rule, evaluations, wallMs } of perRule)
  console.log(
    `  ${`${rule.itemId} (${rule.resourceTypes.join(", ")})`.padEnd(80)} ${ms(wallMs).padStart(9)}  ${count(evaluations).padStart(6)} evaluations  ${count(perSecond(evaluations, wallMs)).padStart(11)}/s`,
  );

const measured = perSecond(evaluationsPerRun, best(freshWall));
console.log(`\n${machineLine()}`);
console.log(
  verdict(
    "engine throughput, one core, fresh indexes, best run",
    `${count(measured)} evaluations/s`,
    `≥ ${count(BUDGET_EVALUATIONS_PER_SECOND)} evaluations/s`,
    measured >= BUDGET_EVALUATIONS_PER_SECOND,
  ),
);
