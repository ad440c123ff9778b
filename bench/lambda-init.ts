/**
 * Module init time of each Lambda bundle vs the 150 ms budget: a fresh `node` process per run
 * imports the deployed entry module (code splitting: Node loads the chunks it imports statically,
 * as the Lambda runtime does; SDK external, resolved from node_modules as the runtime resolves its
 * own copy) and reports how long the import took; the median of 5 runs is printed, and the median
 * for the bundle with the SDK bundled in, for comparison. Then, in the same process, the chunks
 * reached only through `import()` (the gRPC smoke transport) are imported and timed apart: the
 * first invocation that needs them pays that, not the cold start, so it is not compared with the
 * budget.
 * Figures are from this machine, not from a Lambda arm64 sandbox (which has less CPU at 1 GB).
 *
 *   npx tsx bench/lambda-init.ts [entries-dir]
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type Bundle,
  bundleEntry,
  entriesDirFromArgs,
  functionEntries,
  INIT_BUDGET_MS,
  LAMBDA_LIKE_ENV,
} from "./lambda-build";

const RUNS = 5;

interface InitRun {
  readonly wall: number;
  readonly cpu: number;
  /** Wall time of importing the lazy chunks afterwards (0 when there are none). */
  readonly lazyWall: number;
}

/** Wall and CPU milliseconds the import of the entry took in a fresh process, then the lazy chunks'. */
const initMs = (bundle: Bundle): InitRun => {
  const href = (file: string): string => JSON.stringify(pathToFileURL(file).href);
  const lazy = bundle.chunks.filter((chunk) => !chunk.coldStart).map((chunk) => href(chunk.file));
  const script = [
    `const t=performance.now();const c=process.cpuUsage();await import(${href(bundle.file)});`,
    "const u=process.cpuUsage(c);const wall=performance.now()-t;",
    `const l=performance.now();for(const f of [${lazy.join(",")}])await import(f);const lazyWall=performance.now()-l;`,
    "process.stdout.write(JSON.stringify({wall,cpu:(u.user+u.system)/1000,lazyWall}));",
  ].join("");
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH, ...LAMBDA_LIKE_ENV },
    encoding: "utf8",
  });
  if (run.status !== 0) {
    // The SDK warns that node 20 will lose support: show the error line, not the warning.
    const error = run.stderr.split("\n").find((line) => /Error\b/.test(line)) ?? run.stderr.trim().split("\n")[0];
    throw new Error(`init threw: ${error ?? `exit ${run.status}`}`);
  }
  return JSON.parse(run.stdout) as InitRun;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const entries = functionEntries(entriesDirFromArgs());
if (entries.length === 0) {
  console.log(`no Lambda entries found in ${entriesDirFromArgs()}`);
  process.exit(0);
}
console.log(
  `Lambda module init time (median of ${RUNS} fresh node ${process.version} processes, budget ${INIT_BUDGET_MS} ms)`,
);
// Init time is CPU-bound: a busy machine inflates it, so say how busy this one was.
console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} at start`);
console.log(
  [
    "function".padEnd(28),
    "median".padStart(10),
    "min".padStart(10),
    "max".padStart(10),
    "CPU median".padStart(11),
    "budget".padStart(8),
    "SDK bundled in".padStart(16),
    "lazy chunks".padStart(12),
  ].join(" "),
);
let within = 0;
for (const entry of entries) {
  let bundle: Bundle;
  let runs: InitRun[];
  let selfContainedRuns: InitRun[];
  try {
    bundle = await bundleEntry(entry, true);
    runs = Array.from({ length: RUNS }, () => initMs(bundle));
    const selfContained = await bundleEntry(entry, false);
    // The entry only: the SDK's own lazy chunks (credential providers) are not what this compares.
    const entryOnly = { ...selfContained, chunks: selfContained.chunks.filter((chunk) => chunk.coldStart) };
    selfContainedRuns = Array.from({ length: RUNS }, () => initMs(entryOnly));
  } catch (error) {
    console.log(`${basename(entry).padEnd(28)} failed: ${(error as Error).message.split("\n")[0]}`);
    continue;
  }
  const walls = runs.map((r) => r.wall);
  const m = median(walls);
  if (m <= INIT_BUDGET_MS) within++;
  console.log(
    [
      bundle.name.padEnd(28),
      `${m.toFixed(1)} ms`.padStart(10),
      `${Math.min(...walls).toFixed(1)} ms`.padStart(10),
      `${Math.max(...walls).toFixed(1)} ms`.padStart(10),
      `${median(runs.map((r) => r.cpu)).toFixed(1)} ms`.padStart(11),
      (m <= INIT_BUDGET_MS ? "ok" : "OVER").padStart(8),
      `${median(selfContainedRuns.map((r) => r.wall)).toFixed(1)} ms`.padStart(16),
      (bundle.lazyBytes > 0 ? `${median(runs.map((r) => r.lazyWall)).toFixed(1)} ms` : "none").padStart(12),
    ].join(" "),
  );
}
console.log(`machine: load average ${loadavg()[0].toFixed(2)} at the end`);
console.log(
  `${within === entries.length ? "PASS" : "MISS"}  Lambda module init: ${within} of ${entries.length} functions within ${INIT_BUDGET_MS} ms (median wall clock of the entry import; lazy chunks not counted)`,
);
