/**
 * Times `readiness check --template` end to end on a generated 10,000-resource template:
 * (1) the CLI as a user runs it (fresh node process: start-up, parse, resolve, rules, JSON report);
 * (2) in-process, the same pipeline without process start-up (checkTemplate + report).
 * Budget (DESIGN.md): the whole check under 1 s. Prints figures; asserts nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { checkTemplate } from "../packages/core/src/check/run-check";
import { DEFAULT_CONFIG } from "../packages/core/src/config/schema";
import { formatJson } from "../packages/core/src/report/index";
import { generateTemplate } from "./generate-template";

const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 10_000);
const RUNS = 5;
const file = "bench/out/large-template.json";
mkdirSync("bench/out", { recursive: true });
const template = generateTemplate(RESOURCES);
writeFileSync(file, JSON.stringify(template, null, 1));
const count = Object.keys(template.Resources as object).length;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const inProcess: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  const outcome = await checkTemplate({ path: file, config: DEFAULT_CONFIG });
  formatJson(outcome.report);
  inProcess.push(performance.now() - start);
}

const cli: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      "packages/cli/bin/readiness.js",
      "check",
      "--template",
      file,
      "--format",
      "json",
      "--output",
      "bench/out/report.json",
    ],
    {
      encoding: "utf8",
    },
  );
  cli.push(performance.now() - start);
  if (result.status !== 0 && result.status !== 1) throw new Error(`cli failed (${result.status}): ${result.stderr}`);
}

console.log(`template: ${count} resources (${file})`);
console.log(
  `in-process check (load + resolve + rules + JSON report): median ${median(inProcess).toFixed(0)} ms over ${RUNS} runs [${inProcess.map((v) => v.toFixed(0)).join(", ")}]`,
);
console.log(
  `CLI end to end (new node process, tsx): median ${median(cli).toFixed(0)} ms over ${RUNS} runs [${cli.map((v) => v.toFixed(0)).join(", ")}]`,
);
console.log(`budget: < 1000 ms end to end`);
