import { CHECKLIST } from "@readiness/core/checklist/catalogue/items";
import { describe, expect, it } from "vitest";
import { readiness } from "./helpers";

describe("readiness items", () => {
  it("lists every checklist item grouped by section", async () => {
    const result = await readiness(["items"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("Reliability");
    expect(result.stdout).toMatch(/ {2}dlq-coverage +config +DLQ exists for all SQS queues; DLQ processor deployed/);
    expect(result.stdout.match(/^ {2}[a-z0-9-]+ {2,}/gm)).toHaveLength(CHECKLIST.length);
  });

  it("--params shows parameters with types and defaults", async () => {
    const result = await readiness(["items", "--params"]);
    expect(result.stdout).toMatch(/minDesiredCount: integer = 2/);
    expect(result.stdout).toMatch(/allowNames: string\[\] = \[\]/);
  });

  it("--format json --params gives the catalogue with parameter defaults", async () => {
    const items = JSON.parse((await readiness(["items", "--format", "json", "--params"])).stdout);
    expect(items).toHaveLength(CHECKLIST.length);
    expect(items.find((i: { id: string }) => i.id === "log-retention")).toMatchObject({
      section: "Operations",
      kinds: ["config"],
      params: { minRetentionDays: 7 },
    });
  });
});

describe("readiness config", () => {
  it("schema prints the JSON Schema of readiness.yml", async () => {
    const result = await readiness(["config", "schema"]);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe("readiness.yml");
    expect(schema.properties.services.items.properties.role.enum).toEqual(["api", "worker", "dlq-processor"]);
  });

  it("validate accepts a good file (exit 0)", async () => {
    const result = await readiness(["config", "validate"], { cwd: "test/cli/fixtures/with-config" });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("readiness.yml: valid (1 service, parameters for 0 items)\n");
  });

  it("validate rejects a bad file with its place (exit 2)", async () => {
    const result = await readiness(["config", "validate", "--config", "test/cli/fixtures/bad/bad-readiness.yml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: test\/cli\/fixtures\/bad\/bad-readiness\.yml:4:11: invalid value "db"/);
  });

  it("validate without any file is a usage error", async () => {
    const result = await readiness(["config", "validate"], { cwd: "test/cli/fixtures/bad" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: no readiness\.yml in /);
  });
});

describe("help and version", () => {
  it("--version prints the package version", async () => {
    const result = await readiness(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("0.1.0\n");
  });

  it.each([
    ["--help"],
    ["check", "--help"],
    ["items", "--help"],
    ["config", "--help"],
    ["config", "schema", "--help"],
    ["config", "validate", "--help"],
  ])("%s %s has usage and examples", async (...args) => {
    const result = await readiness(args.filter(Boolean));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: readiness/);
    expect(result.stdout).toMatch(/Examples?:\n {2}\$ readiness /);
  });

  it("no command prints the help and exits 2", async () => {
    const result = await readiness([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: readiness");
  });
});
