import { readdirSync, rmSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { build, type Metafile } from "esbuild";
import { DEFAULT_CONFIG } from "@readiness/core/checklist/config/schema";
import { sdkLoadedWithRequire } from "../stacks/support/esbuild-sdk-require";

export const ROOT = resolve(import.meta.dirname, "..");
export const FUNCTIONS_DIR = join(ROOT, "packages/functions/src");
export const OUT_DIR = join(ROOT, "bench/out/lambda");

/** What the Lambda runtime sets before the module loads (so handlers configure as deployed). */
export const LAMBDA_LIKE_ENV = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_LAMBDA_FUNCTION_NAME: "bench",
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024",
  POWERTOOLS_SERVICE_NAME: "bench",
  POWERTOOLS_TRACE_ENABLED: "false",
  RESULTS_TABLE_NAME: "bench-results",
  IDEMPOTENCY_TABLE_NAME: "bench-idempotency",
  // The gate's functions read readiness.yml (as JSON) at init and fail fast without it.
  READINESS_CONFIG_JSON: JSON.stringify(DEFAULT_CONFIG),
};

/** Budgets from DESIGN.md. */
export const BUNDLE_BUDGET_BYTES = 300 * 1024;
export const INIT_BUDGET_MS = 150;

/** Lambda entry points: every top-level .ts file of packages/functions/src except tests. */
export const functionEntries = (dir: string = FUNCTIONS_DIR): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") && !e.name.endsWith(".d.ts"))
    .map((e) => join(dir, e.name))
    .sort();

export interface Part {
  readonly source: string;
  readonly bytes: number;
}

/**
 * One output file of a split build. `coldStart`: the entry, or a chunk the entry imports
 * statically (directly or through another chunk), so Node loads it before the handler exists.
 * Otherwise it is reached only through `import()` and loaded when the code first needs it.
 */
export interface Chunk {
  readonly file: string;
  readonly bytes: number;
  readonly coldStart: boolean;
  /** The packages (or the repository's own code) taking most of the chunk, largest first. */
  readonly largest: readonly Part[];
}

export interface Bundle {
  readonly name: string;
  /** The entry module: what the Lambda handler setting points at. */
  readonly file: string;
  /** The entry plus the chunks it imports statically: what a cold start loads. */
  readonly coldStartBytes: number;
  /** The chunks reached only through `import()`. */
  readonly lazyBytes: number;
  /** Every output file, the entry first, then the cold-start chunks, then the lazy ones. */
  readonly chunks: readonly Chunk[];
  /** Largest parts of what a cold start loads. */
  readonly largest: readonly Part[];
}

/** `node_modules/@scope/pkg/...` → `@scope/pkg`; the repository's own files → their workspace. */
const sourceOf = (input: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match) return match[1];
  const workspace = /packages\/([^/]+)\//.exec(input);
  return workspace ? `@readiness/${workspace[1]}` : input;
};

const largestParts = (outputs: readonly Metafile["outputs"][string][]): Part[] => {
  const bySource = new Map<string, number>();
  for (const output of outputs)
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      bySource.set(sourceOf(input), (bySource.get(sourceOf(input)) ?? 0) + bytesInOutput);
  return [...bySource]
    .map(([source, bytes]) => ({ source, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 4);
};

/** The output files Node loads when it imports `entry`: itself and its static imports, transitively. */
const staticClosure = (outputs: Metafile["outputs"], entry: string): Set<string> => {
  const seen = new Set([entry]);
  const queue = [entry];
  for (let next = queue.shift(); next !== undefined; next = queue.shift())
    for (const imported of outputs[next].imports)
      if (imported.kind === "import-statement" && !imported.external && !seen.has(imported.path)) {
        seen.add(imported.path);
        queue.push(imported.path);
      }
  return seen;
};

/**
 * The banner SST v2 puts on every ESM output (node_modules/sst/runtime/handlers/node.js): some
 * CommonJS dependencies call require() or read __dirname.
 */
const SST_ESM_BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
].join("\n");

/**
 * Bundles an entry as SST v2 deploys it with stacks/support/app-defaults.ts: ESM, code splitting
 * (entry `<name>.mjs` plus `chunk-*.mjs` files in one directory), minified, names kept, SST's
 * banner and main fields. With `sdkExternal` the AWS SDK v3
 * (`@aws-sdk/*`) is left out and loaded with `require()`, as in the deployment: the nodejs22.x
 * runtime provides it.
 * Differences left: SST builds with its own esbuild (0.18) and target `esnext`; this uses the
 * repository's esbuild and target node22 (the runtime), which print nearly the same code.
 */
export const bundleEntry = async (entry: string, sdkExternal: boolean): Promise<Bundle> => {
  const name = basename(entry, ".ts");
  const outdir = join(OUT_DIR, sdkExternal ? "sdk-external" : "self-contained", name);
  // Chunk names carry a content hash: clear the last build's so the directory holds this one only.
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: [entry],
    outdir,
    outExtension: { ".js": ".mjs" },
    splitting: true,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    mainFields: ["module", "main"],
    minify: true,
    // SST's deploy build always keeps names (readable stack traces); measure the same bundle.
    keepNames: true,
    metafile: true,
    logLevel: "silent",
    // Resolve packages from the repository's node_modules even for entries outside it.
    nodePaths: [join(ROOT, "node_modules")],
    // SST always leaves these two out; the app adds the SDK.
    external: ["sharp", "pg-native", ...(sdkExternal ? ["@aws-sdk/*"] : [])],
    // The SDK plugin only touches SDK packages left external: none in the self-contained build.
    plugins: [sdkLoadedWithRequire],
    banner: { js: SST_ESM_BANNER },
  });
  const outputs = result.metafile.outputs;
  const files = Object.keys(outputs).filter((path) => path.endsWith(".mjs"));
  // Every `import()` target is an entry point of its own in the metafile: find the function's.
  const entryOutput = files.find((path) => {
    const entryPoint = outputs[path].entryPoint;
    return entryPoint !== undefined && resolve(entryPoint) === resolve(entry);
  });
  if (!entryOutput) throw new Error(`esbuild wrote no entry module for ${relative(ROOT, entry)}`);
  const coldStart = staticClosure(outputs, entryOutput);
  const order = (path: string): number => (path === entryOutput ? 0 : coldStart.has(path) ? 1 : 2);
  const chunks = files
    .sort((a, b) => order(a) - order(b) || outputs[b].bytes - outputs[a].bytes)
    .map((path) => ({
      file: resolve(path),
      bytes: outputs[path].bytes,
      coldStart: coldStart.has(path),
      largest: largestParts([outputs[path]]),
    }));
  const sum = (list: readonly Chunk[]): number => list.reduce((total, chunk) => total + chunk.bytes, 0);
  return {
    name,
    file: resolve(entryOutput),
    coldStartBytes: sum(chunks.filter((chunk) => chunk.coldStart)),
    lazyBytes: sum(chunks.filter((chunk) => !chunk.coldStart)),
    chunks,
    largest: largestParts([...coldStart].map((path) => outputs[path])),
  };
};

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** "@grpc/grpc-js 279.5 KB, zod 201.0 KB, …" */
export const describeParts = (parts: readonly Part[]): string =>
  parts.map((part) => `${part.source} ${kb(part.bytes)}`).join(", ");

/** The entries directory: the first CLI argument, else packages/functions/src. */
export const entriesDirFromArgs = (): string => (process.argv[2] ? resolve(process.argv[2]) : FUNCTIONS_DIR);
