// The bundle's stamp: which files it was built from, as they were then. Shared by the build script
// (writes it) and bin/readiness.js (reads it on every start), so both agree on one format.
// Plain ESM JavaScript: the bin must be able to read it before tsx is registered.
import { readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const STAMP_FILE = "build-stamp.json";
const STAMP_VERSION = 1;

/** Commands that import TypeScript under examples/ and packages/functions at run time (tsx children, paths
 * relative to the source files): they always run from the sources, never from the bundle. */
export const SOURCE_ONLY_COMMANDS = new Set(["demo", "smoke"]);

/** The command word of a `readiness` argv: the first token that is not an option (global options take no value). */
export const commandOf = (argv) => argv.find((token) => !token.startsWith("-"));

/** Records each file's modification time and size; `files` are absolute, stored relative to `distDir`. */
export const stampFor = (distDir, inputs, outputs, builtWith) => ({
  version: STAMP_VERSION,
  builtWith,
  inputs: Object.fromEntries(
    inputs.map((file) => {
      const { mtimeMs, size } = statSync(file);
      return [relativeTo(distDir, file), { mtimeMs, size }];
    }),
  ),
  outputs: outputs.map((file) => relativeTo(distDir, file)),
});

const relativeTo = (distDir, file) => relative(distDir, file).split(sep).join("/");

/**
 * Whether the bundle in `distDir` may run: its stamp is readable, every output exists, and every
 * input still has the modification time and size it had at build time. Equality, not "not newer":
 * a file restored with an older time (git checkout of another branch, cp -p, tar) is a change too.
 * Returns the reason when it is not fresh; never throws (a broken stamp means "use the sources").
 */
export const bundleFreshness = (distDir) => {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(distDir, STAMP_FILE), "utf8"));
  } catch {
    return { fresh: false, reason: `no readable ${STAMP_FILE} in ${distDir}` };
  }
  if (stamp?.version !== STAMP_VERSION || typeof stamp.inputs !== "object" || !Array.isArray(stamp.outputs))
    return { fresh: false, reason: `${STAMP_FILE} has an unknown format` };
  for (const output of stamp.outputs) {
    try {
      statSync(join(distDir, output));
    } catch {
      return { fresh: false, reason: `bundle file ${output} is missing` };
    }
  }
  for (const [input, then] of Object.entries(stamp.inputs)) {
    let now;
    try {
      now = statSync(join(distDir, input));
    } catch {
      return { fresh: false, reason: `input ${input} is gone` };
    }
    if (now.mtimeMs !== then.mtimeMs || now.size !== then.size)
      return { fresh: false, reason: `input ${input} changed after the build` };
  }
  return { fresh: true, reason: "every input is as it was at build time" };
};

/** The package directory's dist/, next to bin/ and scripts/. */
export const DEFAULT_DIST_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
