import { execFile } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, inputChangedSince } from "@readiness/cli/scripts/build.mjs";
import { type BundleStamp, bundleFreshness, STAMP_FILE } from "@readiness/cli/scripts/bundle-stamp.mjs";
import { type CliResult, REPO } from "./helpers";

const CLI = join(REPO, "packages", "cli");
const FAILING = "test/cli/fixtures/failing.yaml";

/** Runs a `readiness` bin in a child process from the repository root, as a user would. */
const runBin = (bin: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: REPO, env: { ...process.env, NO_COLOR: "", AWS_ENDPOINT_URL: "", ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });

/**
 * An installed copy of the CLI package in a temporary directory: the real bin and stamp reader copied,
 * src/ and node_modules linked to the repository's, and the real sources bundled into its dist/.
 * The repository's own dist/ is left alone: other runs of the bin may be using it.
 */
const installCopy = async (): Promise<{ root: string; bin: string; dist: string }> => {
  const root = mkdtempSync(join(tmpdir(), "readiness-bundle-"));
  const pkg = join(root, "packages", "cli");
  mkdirSync(join(pkg, "bin"), { recursive: true });
  mkdirSync(join(pkg, "scripts"));
  copyFileSync(join(CLI, "bin", "readiness.js"), join(pkg, "bin", "readiness.js"));
  copyFileSync(join(CLI, "scripts", "bundle-stamp.mjs"), join(pkg, "scripts", "bundle-stamp.mjs"));
  copyFileSync(join(CLI, "package.json"), join(pkg, "package.json"));
  symlinkSync(join(CLI, "src"), join(pkg, "src"));
  symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
  const dist = join(pkg, "dist");
  await buildCli({ outdir: dist });
  return { root, bin: join(pkg, "bin", "readiness.js"), dist };
};

describe("readiness bin: prebuilt bundle or sources", () => {
  let copy: { root: string; bin: string; dist: string };
  const sourcesBin = join(CLI, "bin", "readiness.js");
  const explain = { READINESS_CLI_BUNDLE: "explain" };

  beforeAll(async () => {
    copy = await installCopy();
  });
  afterAll(() => rmSync(copy.root, { recursive: true, force: true }));

  it("a fresh bundle is used and prints the same text report, exit code and stderr as the sources", async () => {
    const bundled = await runBin(copy.bin, ["check", "--template", FAILING], explain);
    const sources = await runBin(sourcesBin, ["check", "--template", FAILING], { READINESS_CLI_BUNDLE: "off" });
    expect(bundled.stderr).toBe("readiness: bundle (every input is as it was at build time)\n");
    expect(sources.stderr).toBe("");
    expect(bundled.code).toBe(1);
    expect(bundled.code).toBe(sources.code);
    expect(bundled.stdout).toContain("[dlq-coverage]");
    expect(bundled.stdout).toBe(sources.stdout);
  });

  it("the bundle and the sources print the same JSON report, --version and usage error", async () => {
    for (const args of [
      ["check", "--template", FAILING, "--format", "json"],
      ["--version"],
      ["check", "--template", "test/cli/fixtures/no-such-template.yaml"],
    ]) {
      const bundled = await runBin(copy.bin, args);
      const sources = await runBin(sourcesBin, args, { READINESS_CLI_BUNDLE: "off" });
      expect({ args, ...bundled }).toEqual({ args, ...sources });
    }
  });

  it("demo and smoke run from the sources even with a fresh bundle", async () => {
    for (const command of ["demo", "smoke"]) {
      const result = await runBin(copy.bin, ["--no-color", command, "--help"], explain);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(`readiness: sources through tsx (\`${command}\` runs from the sources)\n`);
      expect(result.stdout).toContain(`Usage: readiness ${command}`);
    }
  });

  it("a stale bundle is not used: the sources run, with the same output", async () => {
    const stampPath = join(copy.dist, STAMP_FILE);
    const original = readFileSync(stampPath, "utf8");
    const stamp = JSON.parse(original) as BundleStamp;
    const edited = Object.keys(stamp.inputs).find((input) => input.endsWith("packages/cli/src/program.ts"));
    expect(edited).toBeDefined();
    // As if program.ts had been saved after the build: its recorded time no longer matches the file's.
    const stale = {
      ...stamp,
      inputs: { ...stamp.inputs, [edited as string]: { ...stamp.inputs[edited as string], mtimeMs: 1 } },
    };
    writeFileSync(stampPath, JSON.stringify(stale));
    try {
      const result = await runBin(copy.bin, ["check", "--template", FAILING], explain);
      const sources = await runBin(sourcesBin, ["check", "--template", FAILING], { READINESS_CLI_BUNDLE: "off" });
      expect(result.stderr).toBe(`readiness: sources through tsx (input ${edited} changed after the build)\n`);
      expect(result.code).toBe(sources.code);
      expect(result.stdout).toBe(sources.stdout);
    } finally {
      writeFileSync(stampPath, original);
    }
  });
});

describe("bundle freshness", () => {
  const root = mkdtempSync(join(tmpdir(), "readiness-stamp-"));
  const message = join(root, "message.ts");
  const entry = join(root, "entry.ts");
  const dist = join(root, "dist");
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    writeFileSync(message, 'export const message: string = "built";\n');
    writeFileSync(entry, 'import { message } from "./message";\nconsole.log(message);\n');
    await buildCli({ entry, outdir: dist, extraInputs: [] });
  });

  it("a bundle is fresh right after its build, and its stamp lists the files it was built from", () => {
    expect(bundleFreshness(dist)).toEqual({ fresh: true, reason: "every input is as it was at build time" });
    const stamp = JSON.parse(readFileSync(join(dist, STAMP_FILE), "utf8")) as BundleStamp;
    expect(Object.keys(stamp.inputs).sort()).toEqual(["../entry.ts", "../message.ts"]);
    expect(stamp.outputs).toContain("entry.js");
  });

  it("an edited input makes it stale, even when the edit keeps the size", () => {
    const builtAt = statSync(message).mtime;
    writeFileSync(message, 'export const message: string = "BUILT";\n');
    // File times tick at the kernel's clock granularity: an edit within the build's own tick could
    // keep the recorded time. Freshness asks for the same time, so any other time is an edit; an
    // earlier one, because the next test builds again and a future time fails a build.
    const other = new Date(builtAt.getTime() - 2000);
    utimesSync(message, other, other);
    expect(bundleFreshness(dist)).toEqual({ fresh: false, reason: "input ../message.ts changed after the build" });
  });

  it("a missing input, a missing bundle file or an unreadable stamp make it stale", async () => {
    await buildCli({ entry, outdir: dist, extraInputs: [] });
    expect(bundleFreshness(dist).fresh).toBe(true);

    const chunk = readdirSync(dist).find((file) => file.endsWith(".js")) as string;
    const chunkText = readFileSync(join(dist, chunk));
    unlinkSync(join(dist, chunk));
    expect(bundleFreshness(dist)).toEqual({ fresh: false, reason: `bundle file ${chunk} is missing` });
    writeFileSync(join(dist, chunk), chunkText);

    const messageText = readFileSync(message);
    unlinkSync(message);
    expect(bundleFreshness(dist)).toEqual({ fresh: false, reason: "input ../message.ts is gone" });
    writeFileSync(message, messageText);

    writeFileSync(join(dist, STAMP_FILE), "{ not json");
    expect(bundleFreshness(dist)).toEqual({ fresh: false, reason: `no readable ${STAMP_FILE} in ${dist}` });
    rmSync(dist, { recursive: true });
    expect(bundleFreshness(dist).fresh).toBe(false);
  });
});

describe("an input that changes during the build", () => {
  const root = mkdtempSync(join(tmpdir(), "readiness-during-"));
  const entry = join(root, "entry.ts");
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("an input written in the build's first millisecond, before it started, does not count", () => {
    expect(inputChangedSince({ "../a.ts": { mtimeMs: 1000.75, size: 1 } }, 1000)).toBeUndefined();
    expect(inputChangedSince({ "../a.ts": { mtimeMs: 999.5, size: 1 } }, 1000)).toBeUndefined();
  });

  it("an input written after the build started is named", () => {
    const inputs = { "../a.ts": { mtimeMs: 999, size: 1 }, "../b.ts": { mtimeMs: 1001.2, size: 1 } };
    expect(inputChangedSince(inputs, 1000)).toBe("../b.ts");
  });

  it("a build whose input has a time in the future fails and leaves no bundle", async () => {
    writeFileSync(entry, 'console.log("built");\n');
    const inAMinute = new Date(Date.now() + 60_000);
    utimesSync(entry, inAMinute, inAMinute);
    const dist = join(root, "dist");
    await expect(buildCli({ entry, outdir: dist, extraInputs: [] })).rejects.toThrow(
      "../entry.ts changed while the bundle was being built (or its time is in the future): run the build again",
    );
    expect(readdirSync(root)).toEqual(["entry.ts"]);
  });
});
