/**
 * readiness over a corpus of real-shaped inputs (issue 8): CloudFormation reference-architecture
 * repositories with nested stacks in subfolders, AWS sample-style templates, Copilot environment
 * and workload stacks, SAM, language extensions, and CDK apps synthesized here from aws-cdk-lib.
 *
 * Every template is first shown valid by cfn-lint (no error). Then the real bin checks each
 * input: a valid template is never rejected (exit 2) and nothing is skipped (a nested template
 * not found fails the exit code). What "read whole" means is decided by an oracle that shares no
 * code with readiness: cfn-lint's decoder, its language-extensions transform and the SAM
 * translator list each template's resources; every one must be in readiness's inventory.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadTemplateInventory } from "@readiness/core/checklist/adapters/template/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, readiness } from "../cli/helpers";
import { synthNestedStackApp, synthStageApp, synthStageWithNestedStack } from "./cdk-apps";

const run = promisify(execFile);
const CORPUS = join(REPO, "test/fixtures/templates/corpus");
const ORACLE = join(REPO, "test/templates/cfn-resources.py");
const scratch = mkdtempSync(join(tmpdir(), "readiness-corpus-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Inputs as a user passes them to --template: a file, a repository folder, or a cdk.out. */
const SINGLE = readdirSync(join(CORPUS, "single")).map((name) => `single/${name}`);
const REPOSITORIES = readdirSync(join(CORPUS, "repositories")).map((name) => `repositories/${name}`);
const CDK_APPS = {
  "cdk/stage-alb-fargate": (outdir: string) => synthStageApp(outdir),
  "cdk/queue-processing-nested-stack": (outdir: string) => synthNestedStackApp(outdir),
  "cdk/queue-processing-nested-stack-no-metadata": (outdir: string) =>
    synthNestedStackApp(outdir, { pathMetadata: false }),
  "cdk/stage-nested-stack-no-metadata": (outdir: string) => synthStageWithNestedStack(outdir, { pathMetadata: false }),
};
const ENTRIES = [...SINGLE, ...REPOSITORIES, ...Object.keys(CDK_APPS)];

const pathOf = (entry: string): string => (entry.startsWith("cdk/") ? join(scratch, entry) : join(CORPUS, entry));

const TEMPLATE_FILE = /\.(ya?ml|json|template)$/;
/** The template files of an input, listed here without readiness: every file of a folder, a cloud assembly's *.template.json. */
const templateFilesOf = (path: string): string[] => {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .map((name) => join(path, name))
    .filter((file) => statSync(file).isFile() && TEMPLATE_FILE.test(file))
    .filter((file) => !/(manifest|tree|\.assets|cdk\.out)\.json$|\/cdk\.out$/.test(file))
    .filter((file) => !path.includes("/cdk/") || file.endsWith(".template.json"))
    .sort();
};

interface OracleEntry {
  readonly resources: string[];
  readonly conditional: string[];
  readonly errors: string[];
}
interface LintMatch {
  readonly Filename: string;
  readonly Level: string;
  readonly Rule: { readonly Id: string };
  readonly Message: string;
}

let oracle: Map<string, OracleEntry>;
let lintErrors: Map<string, string[]>;

beforeAll(async () => {
  for (const [entry, synth] of Object.entries(CDK_APPS)) synth(pathOf(entry));
  const files = ENTRIES.flatMap((entry) => templateFilesOf(pathOf(entry)));
  const options = { maxBuffer: 64 * 1024 * 1024 };
  // cfn-lint exits non-zero when it finds anything (a bit mask): its JSON output is what counts.
  const lint = await run("cfn-lint", ["--format", "json", "--", ...files], options).catch(
    (error: { stdout?: string; code?: number }) => {
      if (typeof error.stdout !== "string" || error.stdout === "") throw error;
      return { stdout: error.stdout };
    },
  );
  lintErrors = new Map(files.map((file) => [file, []]));
  for (const match of JSON.parse(lint.stdout) as LintMatch[])
    if (match.Level === "Error") lintErrors.get(match.Filename)?.push(`${match.Rule.Id} ${match.Message}`);
  const listed = await run("python3", [ORACLE, ...files], options);
  oracle = new Map(
    listed.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as OracleEntry & { file: string })
      .map(({ file, ...rest }) => [file, rest]),
  );
}, 300_000);

/** SAM suffixes some generated ids with a content hash (ServerlessRestApiDeployment81f6279ecd); readiness does not. */
const withoutSamHash = (id: string): string => id.replace(/(Deployment|Version|[a-z])[0-9a-f]{10}$/, "$1");

const logicalIdOf = (inventoryId: string): string => inventoryId.slice(inventoryId.lastIndexOf("/") + 1);

describe("the corpus", () => {
  it("holds at least twenty templates in every style the issue names", () => {
    const templates = ENTRIES.flatMap((entry) => templateFilesOf(pathOf(entry)));
    expect(templates.length).toBeGreaterThanOrEqual(20);
    const text = (pattern: RegExp) => SINGLE.filter((entry) => pattern.test(entry));
    expect(text(/^single\/sam-/).length).toBeGreaterThan(0);
    expect(text(/^single\/foreach-/).length).toBeGreaterThan(0);
    expect(REPOSITORIES).toEqual(expect.arrayContaining(["repositories/copilot", "repositories/refarch"]));
  });
});

describe.each(ENTRIES)("%s", (entry) => {
  it("is valid: cfn-lint finds no error in any of its templates", () => {
    const files = templateFilesOf(pathOf(entry));
    expect(files.length).toBeGreaterThan(0);
    expect(Object.fromEntries(files.map((file) => [file, lintErrors.get(file)]))).toEqual(
      Object.fromEntries(files.map((file) => [file, []])),
    );
  });

  it("is never rejected, and no template of it is skipped (readiness check --template)", async () => {
    const result = await readiness(["check", "--template", pathOf(entry), "--format", "json", "--progress"]);
    expect(result.stderr).not.toContain("error:");
    expect([0, 1]).toContain(result.code);
    const report = JSON.parse(result.stdout);
    expect(report.input).toMatchObject({ complete: true, missingNestedStacks: [] });
    const loaded = /loaded (\d+) resources? from (\d+) template files?/.exec(result.stderr);
    expect(loaded).not.toBeNull();
    const files = templateFilesOf(pathOf(entry));
    expect(Number(loaded?.[2])).toBe(files.length);
    expect(Number(loaded?.[1])).toBeGreaterThan(0);
  });

  it("reads every resource the oracle lists for each of its templates (after SAM and language extensions)", async () => {
    const { inventory, files } = await loadTemplateInventory(pathOf(entry));
    expect([...files].sort()).toEqual(templateFilesOf(pathOf(entry)));
    for (const file of files) {
      const expected = oracle.get(file);
      expect(expected?.errors, file).toEqual([]);
      const read = new Set([...inventory.all()].filter((r) => r.location?.file === file).map((r) => logicalIdOf(r.id)));
      const unconditional = expected!.resources.filter((id) => !expected!.conditional.includes(id));
      expect(
        unconditional.map(withoutSamHash).filter((id) => !read.has(id)),
        file,
      ).toEqual([]);
      const listed = new Set(expected!.resources.map(withoutSamHash));
      expect(
        [...read].filter((id) => !listed.has(id)),
        file,
      ).toEqual([]);
    }
  });
});

describe("an input whose nested template is not there", () => {
  it("Noncompliance: the run says so and fails the exit code (3); what is there is still read", async () => {
    const path = join(CORPUS, "incomplete/missing-nested");
    const result = await readiness([
      "check",
      "--template",
      path,
      "--format",
      "json",
      "--only",
      "sg-alb-only",
      "--progress",
    ]);
    const report = JSON.parse(result.stdout);
    expect(report.input.missingNestedStacks.map((m: { resource: string }) => m.resource)).toEqual(["Billing"]);
    // The two nested stack resources, and the shipping stack's two queues.
    expect(result.stderr).toContain("loaded 4 resources from 2 template files");
    expect(result.code).toBe(3);
  });
});
