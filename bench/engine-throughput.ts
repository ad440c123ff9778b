/**
 * Engine alone: resource×rule evaluations per second on one core, on the inventory of a generated
 * 10,000-resource template (loaded once). Counts one evaluation per (rule, in-scope subject) pair.
 * Budget (DESIGN.md): ≥ 50,000 evaluations/s. Prints figures; asserts nothing.
 */
import { performance } from "node:perf_hooks";
import { loadTemplateInventory } from "../packages/core/src/adapters/template/index";
import { paramsFromConfig } from "../packages/core/src/config/params";
import { DEFAULT_CONFIG } from "../packages/core/src/config/schema";
import { runChecks } from "../packages/core/src/engine/engine";
import { buildScope } from "../packages/core/src/engine/scope";
import { RULES } from "../packages/core/src/rules/registry";
import { mkdirSync, writeFileSync } from "node:fs";
import { generateTemplate } from "./generate-template";

const file = "bench/out/large-template.json";
mkdirSync("bench/out", { recursive: true });
writeFileSync(file, JSON.stringify(generateTemplate(Number(process.env.BENCH_RESOURCES ?? 10_000))));
const { inventory } = await loadTemplateInventory(file);
const scope = buildScope(inventory, DEFAULT_CONFIG);
const params = paramsFromConfig(DEFAULT_CONFIG);

const evaluationsPerRun = RULES.reduce(
  (sum, rule) => sum + rule.resourceTypes.reduce((n, type) => n + inventory.ofType(type).length, 0),
  0,
);
const run = () => runChecks({ inventory, rules: RULES, scope, params, source: file });
run(); // warm-up: JIT, lazy indexes (reverse references, relation indexes)

const RUNS = 20;
const start = performance.now();
for (let i = 0; i < RUNS; i++) run();
const seconds = (performance.now() - start) / 1000;
const perSecond = (evaluationsPerRun * RUNS) / seconds;
console.log(
  `inventory: ${inventory.size} resources, ${RULES.length} rules, ${evaluationsPerRun} resource×rule evaluations per run`,
);
console.log(
  `engine: ${((seconds / RUNS) * 1000).toFixed(1)} ms per run, ${Math.round(perSecond).toLocaleString("en-US")} evaluations/s (one core)`,
);
console.log(`budget: ≥ 50,000 evaluations/s`);
