import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { isExternal, sdkLoadedWithRequire } from "../../stacks/support/esbuild-sdk-require";

const ROOT = resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "readiness-sdk-require-"));
// The runtime finds its SDK next to the handler; here, the repository's node_modules stands in.
symlinkSync(join(ROOT, "node_modules"), join(scratch, "node_modules"), "dir");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An entry as the functions write them: named imports from SDK packages, ESM output like SST's. */
const bundle = async (contents: string, external: string[] = ["@aws-sdk/*"]) => {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: "ts", sourcefile: "entry.ts" },
    outdir: scratch,
    outExtension: { ".js": ".mjs" },
    entryNames: "entry",
    bundle: true,
    platform: "node",
    format: "esm",
    metafile: true,
    logLevel: "silent",
    external,
    plugins: [sdkLoadedWithRequire],
    // What SST's ESM banner gives every output: a require() of the module's own location.
    banner: { js: "import{createRequire}from'module';const require=createRequire(import.meta.url);" },
  });
  return { file: join(scratch, "entry.mjs"), inputs: Object.keys(result.metafile.inputs) };
};

describe("loading the AWS SDK with require() in ESM Lambda bundles", () => {
  it("Compliance: the bundle requires the SDK packages instead of importing them, and bundles none of their code", async () => {
    const { file, inputs } = await bundle(
      'import { ECSClient } from "@aws-sdk/client-ecs";\nimport { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";\nexport { ECSClient, DynamoDBDocumentClient };',
    );
    const code = readFileSync(file, "utf8");
    expect(code).not.toMatch(/from\s*"@aws-sdk\//);
    expect(code).toContain('require("@aws-sdk/client-ecs")');
    expect(code).toContain('require("@aws-sdk/lib-dynamodb")');
    expect(inputs.filter((input) => input.includes("node_modules/@aws-sdk/"))).toEqual([]);
  });

  it("Compliance: the names the bundle exports are the SDK's own objects, as an import would give them", async () => {
    const { file } = await bundle(
      'import { ECSClient, ListClustersCommand } from "@aws-sdk/client-ecs";\nimport * as ddb from "@aws-sdk/client-dynamodb";\nexport const names = { ECSClient, ListClustersCommand, DynamoDBClient: ddb.DynamoDBClient };',
    );
    // A fresh node process: the bundle is loaded by Node itself, as the Lambda runtime loads it.
    const script = [
      `import { createRequire } from "node:module";`,
      `const { names } = await import(${JSON.stringify(pathToFileURL(file).href)});`,
      `const require = createRequire(${JSON.stringify(pathToFileURL(file).href)});`,
      `const ecs = require("@aws-sdk/client-ecs"), ddb = require("@aws-sdk/client-dynamodb");`,
      "process.stdout.write(JSON.stringify({",
      "  ECSClient: names.ECSClient === ecs.ECSClient && typeof ecs.ECSClient === 'function',",
      "  ListClustersCommand: names.ListClustersCommand === ecs.ListClustersCommand && typeof ecs.ListClustersCommand === 'function',",
      "  DynamoDBClient: names.DynamoDBClient === ddb.DynamoDBClient && typeof ddb.DynamoDBClient === 'function',",
      "}));",
    ].join("\n");
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", cwd: scratch });
    expect(run.stderr.split("\n").filter((line) => /Error/.test(line))).toEqual([]);
    expect(JSON.parse(run.stdout)).toEqual({ ECSClient: true, ListClustersCommand: true, DynamoDBClient: true });
  });

  it("Compliance: an SDK package taken off the external list is bundled as before, the others still required", async () => {
    const { file, inputs } = await bundle(
      'import { ECSClient } from "@aws-sdk/client-ecs";\nimport { SQSClient } from "@aws-sdk/client-sqs";\nexport { ECSClient, SQSClient };',
      ["@aws-sdk/client-ecs"],
    );
    const code = readFileSync(file, "utf8");
    expect(code).toContain('require("@aws-sdk/client-ecs")');
    expect(code).not.toContain('require("@aws-sdk/client-sqs")');
    expect(inputs.some((input) => input.includes("node_modules/@aws-sdk/client-sqs/"))).toBe(true);
  });

  it("matches external patterns as esbuild does: one wildcard, or a package and its subpaths", () => {
    expect(isExternal("@aws-sdk/client-ecs", ["@aws-sdk/*"])).toBe(true);
    expect(isExternal("@aws-sdk/lib-dynamodb", ["@aws-sdk/client-*"])).toBe(false);
    expect(isExternal("@aws-sdk/client-ecs", ["@aws-sdk/client-ecs"])).toBe(true);
    expect(isExternal("@aws-sdk/client-ecs/dist-cjs/index.js", ["@aws-sdk/client-ecs"])).toBe(true);
    expect(isExternal("@aws-sdk/client-ecs2", ["@aws-sdk/client-ecs"])).toBe(false);
    expect(isExternal("@aws-sdk/client-ecs", [])).toBe(false);
  });

  it("a package other than the SDK is bundled as before", async () => {
    const { file, inputs } = await bundle('import { parse } from "yaml";\nexport const value = parse("a: 1");');
    expect(readFileSync(file, "utf8")).not.toMatch(/require\("yaml"\)/);
    expect(inputs.some((input) => input.includes("node_modules/yaml/"))).toBe(true);
  });
});
