#!/usr/bin/env node
// Bundles the CLI's TypeScript (packages/cli/src and the @readiness/* workspace code it imports) into
// packages/cli/dist with esbuild, so `npx readiness` starts without compiling TypeScript through tsx.
// Everything under node_modules stays external: the repository's node_modules serve it at run time.
// dist/build-stamp.json lists every input with its time and size: bin/readiness.js runs the bundle
// only while they are unchanged, so nobody runs stale code after editing src.
//
//   node packages/cli/scripts/build.mjs                 build, fail loudly (npm run build:cli)
//   node packages/cli/scripts/build.mjs --if-possible   build, or warn and exit 0 (npm's prepare:
//                                                       an install must not fail for an optional speed-up)
import { existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DEFAULT_DIST_DIR, STAMP_FILE, stampFor } from "./bundle-stamp.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "..", "..", "..");
const DEFAULT_ENTRY = join(REPO, "packages", "cli", "src", "main.ts");
/** Files that shape the output without being imported by it: a change to them makes the bundle stale too. */
const BUILD_INPUTS = [join(REPO, "tsconfig.json"), fileURLToPath(import.meta.url)];

/** Bare imports resolve from node_modules at run time, except our own workspace packages, which are TypeScript. */
const keepNodeModulesExternal = {
  name: "keep-node-modules-external",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === "entry-point" || isAbsolute(args.path) || args.path.startsWith("@readiness/")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * The first input whose modification time is after `startedAt` (a Date.now() value), or undefined.
 * File times carry sub-millisecond digits and Date.now() does not: a file written earlier within the
 * same millisecond as the build's start must not count as changed during the build.
 */
export const inputChangedSince = (inputs, startedAt) =>
  Object.entries(inputs).find(([, input]) => Math.floor(input.mtimeMs) > startedAt)?.[0];

/**
 * Builds `entry` into a directory beside `outdir`, writes the stamp there, then swaps it in: a bin
 * starting meanwhile finds the old bundle whole, or none, never half of one; a failed build leaves
 * the old bundle (which the stamp still judges). Returns the stamp.
 */
export const buildCli = async ({
  entry = DEFAULT_ENTRY,
  outdir = DEFAULT_DIST_DIR,
  extraInputs = BUILD_INPUTS,
} = {}) => {
  // esbuild is a devDependency: a production-only install has none, and the bin then uses tsx.
  const { build, version } = await import("esbuild");
  const building = `${outdir}.building-${process.pid}`;
  const retired = `${outdir}.old-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  try {
    const startedAt = Date.now();
    const result = await build({
      entryPoints: [entry],
      outdir: building,
      absWorkingDir: REPO,
      bundle: true,
      splitting: true,
      platform: "node",
      target: "node20",
      format: "esm",
      // Chunks sit beside main.js, one level under the package, as src/ files do: `../package.json`
      // (read for --version) resolves the same from both.
      chunkNames: "chunk-[hash]",
      sourcemap: "linked",
      metafile: true,
      logLevel: "silent",
      plugins: [keepNodeModulesExternal],
    });
    // `building` is a sibling of `outdir`: paths relative to it stay right after the swap.
    const inputs = [...Object.keys(result.metafile.inputs).map((file) => resolve(REPO, file)), ...extraInputs];
    const outputs = Object.keys(result.metafile.outputs).map((file) => resolve(REPO, file));
    const stamp = stampFor(building, inputs, outputs, { esbuild: version, node: process.version });
    const changed = inputChangedSince(stamp.inputs, startedAt);
    if (changed)
      throw new Error(
        `${changed} changed while the bundle was being built (or its time is in the future): run the build again`,
      );
    writeFileSync(join(building, STAMP_FILE), `${JSON.stringify(stamp, null, 1)}\n`);
    if (existsSync(outdir)) renameSync(outdir, retired);
    renameSync(building, outdir);
    return stamp;
  } finally {
    rmSync(building, { recursive: true, force: true });
    rmSync(retired, { recursive: true, force: true });
  }
};

const main = async () => {
  const ifPossible = process.argv.includes("--if-possible");
  try {
    const stamp = await buildCli();
    console.log(
      `readiness CLI bundled into ${DEFAULT_DIST_DIR} (${Object.keys(stamp.inputs).length} inputs, ${stamp.outputs.length} files)`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!ifPossible) {
      console.error(`readiness CLI bundle failed: ${message}`);
      process.exitCode = 1;
      return;
    }
    console.warn(`readiness CLI not bundled (${message}); \`npx readiness\` runs the sources through tsx instead`);
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
