/**
 * Bundle size of each Lambda entry vs the 300 KB budget (minified, node22, ESM).
 * Deployed bundles leave `@aws-sdk/*` out (the nodejs22.x runtime provides SDK v3); the size
 * with the SDK bundled in is printed too, for a runtime without it.
 *
 *   npx tsx bench/lambda-bundle.ts [entries-dir]
 */
import { basename } from "node:path";
import { BUNDLE_BUDGET_BYTES, type Bundle, bundleEntry, entriesDirFromArgs, functionEntries, kb } from "./lambda-build";

const entries = functionEntries(entriesDirFromArgs());
if (entries.length === 0) {
  console.log(`no Lambda entries found in ${entriesDirFromArgs()}`);
  process.exit(0);
}
console.log(`Lambda bundle sizes (budget ${kb(BUNDLE_BUDGET_BYTES)}, minified, node22 ESM)`);
console.log(
  [
    "function".padEnd(28),
    "deployed (SDK external)".padStart(24),
    "budget".padStart(8),
    "SDK bundled in".padStart(16),
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
    console.log(`${basename(entry).padEnd(28)} bundle failed: ${(error as Error).message.split("\n")[0]}`);
    continue;
  }
  const verdict = deployed.bytes <= BUNDLE_BUDGET_BYTES ? "ok" : "OVER";
  if (deployed.bytes <= BUNDLE_BUDGET_BYTES) within++;
  console.log(
    [
      deployed.name.padEnd(28),
      kb(deployed.bytes).padStart(24),
      verdict.padStart(8),
      kb(selfContained.bytes).padStart(16),
    ].join(" "),
  );
  console.log(
    `${"".padEnd(28)} largest parts: ${deployed.largest.map((p) => `${p.source} ${kb(p.bytes)}`).join(", ")}`,
  );
}
console.log(
  `${within === entries.length ? "PASS" : "MISS"}  Lambda bundles: ${within} of ${entries.length} within ${kb(BUNDLE_BUDGET_BYTES)} (deployed, SDK external)`,
);
