/**
 * Runs every bench script one after the other, each in its own process (a bench never shares a
 * JIT or a heap with another), and prints their figures. `npm run bench`; pass script names to run
 * only some: `npm run bench -- engine-throughput check-end-to-end`.
 * Benchmarks print figures and PASS/MISS lines; they never fail a build (exit 0 unless one crashes).
 */
import { spawnSync } from "node:child_process";
import { machineLine } from "./support";

/** In order: engine and check first; then three that start the emulator (and the task service); the load generator last. */
const SCRIPTS = [
  "engine-throughput",
  "check-end-to-end",
  "documents-prometheus",
  "documents-alertmanager",
  "documents-all",
  "lambda-bundle",
  "lambda-init",
  "evaluator-cold-invocation",
  "evaluator-put-evaluations",
  "gate-overhead",
  "load-generator",
] as const;

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(SCRIPTS as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`unknown bench script ${unknown.join(", ")}; the scripts are: ${SCRIPTS.join(", ")}`);
  process.exit(2);
}
const selected = wanted.length > 0 ? SCRIPTS.filter((name) => wanted.includes(name)) : SCRIPTS;

console.log(machineLine());
const crashed: string[] = [];
for (const name of selected) {
  console.log(`\n=== bench/${name}.ts`);
  const run = spawnSync(process.execPath, ["--import", "tsx", `bench/${name}.ts`], { stdio: "inherit" });
  if (run.status !== 0) crashed.push(`${name} (exit ${run.status ?? run.signal})`);
}
console.log(`\n${machineLine()}`);
if (crashed.length > 0) {
  console.error(`crashed: ${crashed.join(", ")}`);
  process.exit(1);
}
