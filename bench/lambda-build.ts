import { readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { build } from "esbuild";
import { zodEnglishLocaleOnly } from "../stacks/support/esbuild-zod-locales";

export const ROOT = resolve(import.meta.dirname, "..");
export const FUNCTIONS_DIR = join(ROOT, "packages/functions/src");
export const OUT_DIR = join(ROOT, "bench/out/lambda");

/** Budgets from DESIGN.md. */
export const BUNDLE_BUDGET_BYTES = 300 * 1024;
export const INIT_BUDGET_MS = 150;

/** Lambda entry points: every top-level .ts file of packages/functions/src except tests. */
export const functionEntries = (dir: string = FUNCTIONS_DIR): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") && !e.name.endsWith(".d.ts"))
    .map((e) => join(dir, e.name))
    .sort();

export interface Bundle {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  /** The packages (or the repository's own code) taking most of the bundle, largest first. */
  readonly largest: readonly { readonly source: string; readonly bytes: number }[];
}

/** `node_modules/@scope/pkg/...` → `@scope/pkg`; the repository's own files → their workspace. */
const sourceOf = (input: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match) return match[1];
  const workspace = /packages\/([^/]+)\//.exec(input);
  return workspace ? `@readiness/${workspace[1]}` : input;
};

/**
 * Bundles an entry as deployed: node22, ESM, minified. With `sdkExternal` the AWS SDK v3
 * (`@aws-sdk/*`) is left out, as in the deployment: the nodejs22.x runtime provides it.
 */
export const bundleEntry = async (entry: string, sdkExternal: boolean): Promise<Bundle> => {
  const name = basename(entry, ".ts");
  const file = join(OUT_DIR, sdkExternal ? "sdk-external" : "self-contained", `${name}.mjs`);
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    minify: true,
    // SST's deploy build always keeps names (readable stack traces); measure the same bundle.
    keepNames: true,
    metafile: true,
    logLevel: "silent",
    // Resolve packages from the repository's node_modules even for entries outside it.
    nodePaths: [join(ROOT, "node_modules")],
    external: sdkExternal ? ["@aws-sdk/*"] : [],
    // As deployed (stacks/support/app-defaults.ts): zod's English messages only.
    plugins: [zodEnglishLocaleOnly],
    // Some CommonJS dependencies call require(): give the ESM bundle one, as SST's build does.
    banner: { js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);" },
  });
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith(".mjs"))?.[1];
  const bySource = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {}))
    bySource.set(sourceOf(input), (bySource.get(sourceOf(input)) ?? 0) + bytesInOutput);
  const largest = [...bySource].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes);
  return { name, file, bytes: output?.bytes ?? 0, largest: largest.slice(0, 4) };
};

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** The entries directory: the first CLI argument, else packages/functions/src. */
export const entriesDirFromArgs = (): string => (process.argv[2] ? resolve(process.argv[2]) : FUNCTIONS_DIR);
