/**
 * Times `readiness check --template` end to end on a generated 10,000-resource template.
 * Budget (DESIGN.md): a 10,000-resource template checked end to end (parse + adapter + engine +
 * report) in under 1 s. Prints figures and PASS/MISS lines; asserts nothing.
 *
 * 1. In process, the pipeline the CLI runs (checkTemplate + JSON report), every run from the file:
 *    the budget's definition. The first run is also shown alone (code not yet optimised by the JIT),
 *    and the same template minified to one line is timed too (its own code paths in the parser).
 * 2. The same, split: parse (read + JSON.parse + key positions), adapter (validation, references,
 *    intrinsics, physical ids, inventory), engine (scope + rules), report (JSON).
 * 3. The CLI as a user runs it, a new node process per run: through tsx (packages/cli/bin with
 *    READINESS_CLI_BUNDLE=off), and as installed (the same bin finding the prebuilt bundle in
 *    packages/cli/dist fresh: this bench rebuilds it, as `npm ci` does), each also on an
 *    18-resource template, whose time is almost all process start-up and code loading. Then the
 *    bundle's entry alone (no bin), and the cost of the bin's freshness check in process.
 *
 *   npx tsx bench/check-end-to-end.ts            BENCH_RESOURCES=10000 BENCH_RUNS=5
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { loadTemplateInventory } from "@readiness/core/checklist/adapters/template/index";
import {
  DEFAULT_MAX_FILE_BYTES,
  parseTemplateText,
  readTemplateText,
} from "@readiness/core/checklist/adapters/template/parse";
import { checkInventory } from "@readiness/core/checklist/check/check-inventory";
import { buildCli } from "@readiness/cli/scripts/build.mjs";
import { bundleFreshness, DEFAULT_DIST_DIR } from "@readiness/cli/scripts/bundle-stamp.mjs";
import { checkTemplate } from "@readiness/core/checklist/check/run-check";
import { DEFAULT_CONFIG } from "@readiness/core/checklist/config/schema";
import { formatJson } from "@readiness/core/checklist/report/index";
import { generateTemplate } from "./generate-template";
import { best, machineLine, median, ms, spread, type Timing, timed, timedAsync, verdict } from "./support";

const BUDGET_MS = 1000;
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

console.log(machineLine());
mkdirSync("bench/out", { recursive: true });
/** Writes a generated template, indented one space per level as `cdk synth` writes them, or minified. */
const writeTemplate = (file: string, resources: number, minified = false): number => {
  const template = generateTemplate(resources);
  writeFileSync(file, minified ? JSON.stringify(template) : JSON.stringify(template, null, 1));
  return Object.keys(template.Resources as object).length;
};
const file = "bench/out/large-template.json";
const count = writeTemplate(file, RESOURCES);
const minifiedFile = "bench/out/large-template.min.json";
writeTemplate(minifiedFile, RESOURCES, true);
const smallFile = "bench/out/small-template.json";
const smallCount = writeTemplate(smallFile, 18);
console.log(`template: ${count} resources (${file}, indented; ${minifiedFile}, one line)`);

// 1. In process, whole pipeline.
const checkRuns = async (path: string): Promise<Timing[]> => {
  const timings: Timing[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { timing } = await timedAsync(async () => {
      const outcome = await checkTemplate({ path, config: DEFAULT_CONFIG });
      return formatJson(outcome.report);
    });
    timings.push(timing);
  }
  return timings;
};
const whole = await checkRuns(file);
const wholeWall = whole.map((t) => t.wallMs);
console.log(
  `\nin process (checkTemplate + JSON report): ${spread(wholeWall)}; CPU median ${ms(median(whole.map((t) => t.cpuMs)))}`,
);
console.log(`  first run (cold JIT): ${ms(wholeWall[0])} (CPU ${ms(whole[0].cpuMs)})`);
const minified = await checkRuns(minifiedFile);
console.log(
  `  the same template minified to one line: ${spread(minified.map((t) => t.wallMs))}; CPU median ${ms(median(minified.map((t) => t.cpuMs)))}`,
);

// 2. In process, split by stage (separate runs: parse is timed alone, then subtracted from the load).
const parts: Record<"parse" | "adapter" | "engine" | "report", Timing[]> = {
  parse: [],
  adapter: [],
  engine: [],
  report: [],
};
for (let run = 0; run < RUNS; run++) {
  const parse = timed(() => parseTemplateText(file, readTemplateText(file, DEFAULT_MAX_FILE_BYTES))).timing;
  const load = await timedAsync(() => loadTemplateInventory(file));
  const engine = timed(() =>
    checkInventory({ inventory: load.result.inventory, config: DEFAULT_CONFIG, source: file }),
  );
  const report = timed(() => formatJson(engine.result.report)).timing;
  parts.parse.push(parse);
  parts.adapter.push({
    wallMs: Math.max(0, load.timing.wallMs - parse.wallMs),
    cpuMs: Math.max(0, load.timing.cpuMs - parse.cpuMs),
  });
  parts.engine.push(engine.timing);
  parts.report.push(report);
}
console.log("split (adapter = template load minus the parse timed alone):");
for (const [stage, timings] of Object.entries(parts)) {
  const walls = timings.map((t) => t.wallMs);
  console.log(
    `  ${stage.padEnd(8)} median ${ms(median(walls)).padStart(8)}, best ${ms(best(walls)).padStart(8)}, CPU median ${ms(median(timings.map((t) => t.cpuMs))).padStart(8)}`,
  );
}

// 3. The CLI in a new process per run (the report goes to a file, as in CI). Each child reports
// its own CPU time (bench/cpu-at-exit.mjs): on a busy machine, wall clock includes waiting.
// `expect` is the start-up path the bin must report (READINESS_CLI_BUNDLE=explain): a figure for the
// wrong path would be worse than none.
const runCli = (entry: string, template: string, mode: "off" | "explain" = "explain", expect?: string): Timing[] =>
  Array.from({ length: RUNS }, () => {
    const { timing, result } = timed(() =>
      spawnSync(
        process.execPath,
        [
          "--import",
          "./bench/cpu-at-exit.mjs",
          entry,
          "check",
          "--template",
          template,
          "--format",
          "json",
          "--output",
          "bench/out/report.json",
        ],
        { encoding: "utf8", env: { ...process.env, READINESS_CLI_BUNDLE: mode } },
      ),
    );
    if (expect !== undefined && !result.stderr.startsWith(`readiness: ${expect} (`))
      throw new Error(`${entry} did not start from the ${expect}: ${result.stderr.split("\n")[0]}`);
    // Exit 1 is "an item failed": the generated template has failures by design.
    if (result.status !== 0 && result.status !== 1)
      throw new Error(`${entry} failed (exit ${result.status}): ${result.stderr || result.error?.message}`);
    const cpu = /BENCH_CPU_MS=([\d.]+)/.exec(result.stderr)?.[1];
    return { wallMs: timing.wallMs, cpuMs: cpu === undefined ? Number.NaN : Number(cpu) };
  });
const cliLine = (label: string, timings: readonly Timing[]) =>
  console.log(
    `  ${label}: ${spread(timings.map((t) => t.wallMs))}; CPU median ${ms(median(timings.map((t) => t.cpuMs)))}`,
  );

const BIN = "packages/cli/bin/readiness.js";
const cliTsx = runCli(BIN, file, "off");
const cliTsxSmall = runCli(BIN, smallFile, "off");
console.log(`\nCLI, new node process through tsx (${BIN}, READINESS_CLI_BUNDLE=off):`);
cliLine(`${count} resources`, cliTsx);
cliLine(`${smallCount} resources (start-up and TypeScript loading)`, cliTsxSmall);

// As installed: `npm ci` runs the root's prepare, which bundles the CLI into packages/cli/dist (ESM with
// code splitting, so `check --template` never loads the chunks only the live mode needs).
const stamp = await buildCli();
const cliInstalled = runCli(BIN, file, "explain", "bundle");
const cliInstalledSmall = runCli(BIN, smallFile, "explain", "bundle");
console.log(`CLI as installed, new node process (${BIN} finding the fresh bundle in ${DEFAULT_DIST_DIR}):`);
cliLine(`${count} resources`, cliInstalled);
cliLine(`${smallCount} resources (start-up)`, cliInstalledSmall);
const BUNDLE_ENTRY = "packages/cli/dist/main.js";
const bundleAlone = runCli(BUNDLE_ENTRY, smallFile);
cliLine(`${smallCount} resources, ${BUNDLE_ENTRY} started directly (no bin, no freshness check)`, bundleAlone);
const firstCheck = timed(() => bundleFreshness(DEFAULT_DIST_DIR)).timing;
const checks = Array.from({ length: 50 }, () => timed(() => bundleFreshness(DEFAULT_DIST_DIR)).timing.wallMs);
console.log(
  `  the bin's freshness check (stat ${Object.keys(stamp.inputs).length} inputs and ${stamp.outputs.length} bundle files): first ${ms(firstCheck.wallMs)}, then median ${ms(median(checks))}`,
);

console.log(`\n${machineLine()}`);
const line = (what: string, timings: readonly Timing[]) => {
  const walls = timings.map((t) => t.wallMs);
  console.log(
    verdict(
      what,
      `best ${ms(best(walls))}, median ${ms(median(walls))}; CPU median ${ms(median(timings.map((t) => t.cpuMs)))}`,
      `< ${BUDGET_MS} ms`,
      best(walls) < BUDGET_MS,
    ),
  );
};
line(`end to end in process, ${count} resources (parse + adapter + engine + JSON report)`, whole);
line(`CLI through tsx, new process, ${count} resources`, cliTsx);
line(`CLI as installed (prebuilt bundle), new process, ${count} resources`, cliInstalled);
if (loadavg()[0] > cpus().length)
  console.log(
    `note: the load average exceeds the ${cpus().length} cores: wall-clock figures include waiting for a core (CPU time counts every thread of a process: GC and compiler helpers, tsx's loader)`,
  );
