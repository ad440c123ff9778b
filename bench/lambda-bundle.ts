/**
 * Bundle size of each Lambda entry vs the 300 KB budget (minified, ESM, code splitting, as SST
 * deploys it). The budget is compared with what a cold start loads: the entry module plus the
 * chunks it imports statically. Chunks reached only through `import()` (the gRPC smoke transport)
 * are listed and summed apart: they ship in the same package but load only when first used.
 * Deployed bundles leave `@aws-sdk/*` out (the nodejs22.x runtime provides SDK v3); the cold-start
 * size with the SDK bundled in is printed too, for a runtime without it.
 *
 *   npx tsx bench/lambda-bundle.ts [entries-dir]
 */
import { basename, relative } from "node:path";
import {
  BUNDLE_BUDGET_BYTES,
  type Bundle,
  bundleEntry,
  describeParts,
  entriesDirFromArgs,
  functionEntries,
  kb,
  OUT_DIR,
} from "./lambda-build";

const entries = functionEntries(entriesDirFromArgs());
if (entries.length === 0) {
  console.log(`no Lambda entries found in ${entriesDirFromArgs()}`);
  process.exit(0);
}
console.log(`Lambda bundle sizes (budget ${kb(BUNDLE_BUDGET_BYTES)}, minified, ESM, code splitting)`);
console.log(
  "  cold start = the entry + the chunks it imports statically: what Lambda loads before the handler runs,\n" +
    "  compared with the budget. lazy = chunks reached only through import(), loaded by the invocation\n" +
    "  that first needs them (not compared with the budget; their load time is shown by lambda-init).",
);
console.log(
  [
    "function".padEnd(24),
    "cold start".padStart(11),
    "budget".padStart(7),
    "lazy".padStart(10),
    "all chunks".padStart(11),
    "cold start, SDK bundled in".padStart(27),
  ].join(" "),
);
let within = 0;
for (const entry of entries) {
  let deployed: Bundle;
  let selfContained: Bundle;
  try {
    deployed = await bundleEntry(entry, true);
    selfContained = await bundleEntry(entry, false);
  } catch (error) {
    console.log(`${basename(entry).padEnd(24)} bundle failed: ${(error as Error).message.split("\n")[0]}`);
    continue;
  }
  const fits = deployed.coldStartBytes <= BUNDLE_BUDGET_BYTES;
  if (fits) within++;
  console.log(
    [
      deployed.name.padEnd(24),
      kb(deployed.coldStartBytes).padStart(11),
      (fits ? "ok" : "OVER").padStart(7),
      kb(deployed.lazyBytes).padStart(10),
      kb(deployed.coldStartBytes + deployed.lazyBytes).padStart(11),
      kb(selfContained.coldStartBytes).padStart(27),
    ].join(" "),
  );
  console.log(`${"".padEnd(4)}cold start, largest parts: ${describeParts(deployed.largest)}`);
  const paths = deployed.chunks.map((chunk) => relative(OUT_DIR, chunk.file));
  const width = Math.max(...paths.map((path) => path.length));
  for (const [i, chunk] of deployed.chunks.entries())
    console.log(
      `${"".padEnd(4)}${(chunk.coldStart ? "cold start" : "lazy").padEnd(11)}${paths[i].padEnd(width)}${kb(chunk.bytes).padStart(10)}  ${describeParts(chunk.largest)}`,
    );
}
console.log(
  `${within === entries.length ? "PASS" : "MISS"}  Lambda bundles: ${within} of ${entries.length} within ${kb(BUNDLE_BUDGET_BYTES)} loaded at cold start (deployed, SDK external; lazy chunks not counted)`,
);
