import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@readiness/core/checklist/config/load";
import { defaultDeps } from "@readiness/cli/deps";
import { readinessInProcess } from "./helpers";

const folder = (files: Record<string, string> = {}): string => {
  const root = mkdtempSync(join(tmpdir(), "readiness-init-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
};

const init = (cwd: string, ...args: string[]) => readinessInProcess(["init", ...args], defaultDeps, { cwd });

describe("readiness init", () => {
  it("Compliance: writes a commented starter that is a valid readiness.yml, its documents section commented out", async () => {
    const cwd = folder();
    const result = await init(cwd);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("wrote readiness.yml");
    const text = readFileSync(join(cwd, "readiness.yml"), "utf8");
    expect(parseConfig(text, "readiness.yml")).toMatchObject({ version: 1, services: [] });
    expect(parseConfig(text, "readiness.yml").documents).toBeUndefined();
    for (const key of [
      "slo",
      "failureModes",
      "prometheusRules",
      "alertmanager",
      "dashboards",
      "runbooks",
      "runbookBaseUrl",
      "ciWorkflows",
      "oncall",
      "costEstimate",
    ])
      expect(text).toMatch(new RegExp(`^ {2}# ${key}: `, "m"));
    expect(text).toContain("# launchDate: ");
  });

  it("fills in the documents found at their usual places, relative to the file written", async () => {
    const cwd = folder({
      ".github/workflows/ci.yml": "on: push\n",
      "ops/runbooks/rollback.md": "# Rollback\n",
      "monitoring/rules/alerts.yaml": "groups: []\n",
    });
    const result = await init(cwd);
    expect(result.stdout).toContain("documents found: prometheusRules, runbooks, ciWorkflows");
    const config = parseConfig(readFileSync(join(cwd, "readiness.yml"), "utf8"), "readiness.yml");
    expect(config.documents).toEqual({
      prometheusRules: ["monitoring/rules/*.yaml"],
      runbooks: "ops/runbooks/",
      ciWorkflows: [".github/workflows/*.yml"],
    });
  });

  it("Noncompliance: refuses to overwrite an existing file unless --force", async () => {
    const cwd = folder({ "readiness.yml": "version: 1\n# mine\n" });
    const refused = await init(cwd);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("readiness.yml already exists");
    expect(refused.stderr).toContain("--force");
    expect(readFileSync(join(cwd, "readiness.yml"), "utf8")).toBe("version: 1\n# mine\n");
    const forced = await init(cwd, "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, "readiness.yml"), "utf8")).toContain("readiness init");
  });

  it("--output writes elsewhere and finds documents next to that file", async () => {
    const cwd = folder({ "deploy/ops/oncall.json": "{}" });
    const result = await init(cwd, "--output", "deploy/readiness.yml");
    expect(result.code).toBe(0);
    const config = parseConfig(readFileSync(join(cwd, "deploy/readiness.yml"), "utf8"), "readiness.yml");
    expect(config.documents).toEqual({ oncall: "ops/oncall.json" });
  });
});
