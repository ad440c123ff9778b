/**
 * Module init time of each Lambda bundle vs the 150 ms budget: a fresh `node` process per run
 * imports the deployed bundle (SDK external, resolved from node_modules as the runtime resolves
 * its own copy) and reports how long the import took; the median of 5 runs is printed, and the
 * median for the bundle with the SDK bundled in, for comparison.
 * Figures are from this machine, not from a Lambda arm64 sandbox (which has less CPU at 1 GB).
 *
 *   npx tsx bench/lambda-init.ts [entries-dir]
 */
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { basename } from "node:path";
import { type Bundle, bundleEntry, entriesDirFromArgs, functionEntries, INIT_BUDGET_MS } from "./lambda-build";

const RUNS = 5;

/** What the Lambda runtime sets before the module loads (so handlers configure as deployed). */
const LAMBDA_LIKE_ENV = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_LAMBDA_FUNCTION_NAME: "bench",
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024",
  POWERTOOLS_SERVICE_NAME: "bench",
  POWERTOOLS_TRACE_ENABLED: "false",
  RESULTS_TABLE_NAME: "bench-results",
  IDEMPOTENCY_TABLE_NAME: "bench-idempotency",
};

const initMs = (file: string): number => {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH, ...LAMBDA_LIKE_ENV },
    encoding: "utf8",
    // The SDK warns that node 20 will lose support; the figure is all we read.
    stdio: ["ignore", "pipe", "ignore"],
  });
  return Number(output);
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
    "budget".padStart(8),
    "SDK bundled in".padStart(16),
  ].join(" "),
);
for (const entry of entries) {
  let bundle: Bundle;
  let runs: number[];
  let selfContainedRuns: number[];
  try {
    bundle = await bundleEntry(entry, true);
    runs = Array.from({ length: RUNS }, () => initMs(bundle.file));
    const selfContained = await bundleEntry(entry, false);
    selfContainedRuns = Array.from({ length: RUNS }, () => initMs(selfContained.file));
  } catch (error) {
    console.log(`${basename(entry).padEnd(28)} failed: ${(error as Error).message.split("\n")[0]}`);
    continue;
  }
  const m = median(runs);
  console.log(
    [
      bundle.name.padEnd(28),
      `${m.toFixed(1)} ms`.padStart(10),
      `${Math.min(...runs).toFixed(1)} ms`.padStart(10),
      `${Math.max(...runs).toFixed(1)} ms`.padStart(10),
      (m <= INIT_BUDGET_MS ? "ok" : "OVER").padStart(8),
      `${median(selfContainedRuns).toFixed(1)} ms`.padStart(16),
    ].join(" "),
  );
}
