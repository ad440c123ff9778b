import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configProblemsOf as problemsOf, yaml } from "@readiness/devkit/fixtures/readiness-yml";
import { describe, expect, it } from "vitest";
import { CHECKLIST } from "../catalogue/items";
import { readinessConfigJsonSchema } from "./json-schema";
import { ConfigValidationError, loadConfig, loadConfigFile, parseConfig } from "./load";
import { DEFAULT_CONFIG } from "./schema";

/** What `call` throws, undefined when it returns: asserted outside any try, so no catch can swallow the assertion. */
const thrownBy = (call: () => unknown): unknown => {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
};

const tempDir = (): string => mkdtempSync(join(tmpdir(), "readiness-config-"));

describe("parseConfig", () => {
  it("Compliance: a full file parses with defaults filled in", () => {
    const config = parseConfig(
      yaml(
        "version: 1",
        "services:",
        "  - service: task-api",
        "    role: api",
        "  - service: task-worker",
        "    role: worker",
        "    consumes: [tasks]",
        "rules:",
        "  ecs-multi-az:",
        "    minDesiredCount: 3",
      ),
      "readiness.yml",
    );
    expect(config.services).toEqual([
      { service: "task-api", role: "api", consumes: [] },
      { service: "task-worker", role: "worker", consumes: ["tasks"] },
    ]);
    expect(config.rules["ecs-multi-az"]).toEqual({ minAvailabilityZones: 2, minDesiredCount: 3 });
  });

  it("Noncompliance 1: an invalid enum value names the field path, line:column and the allowed values", () => {
    const [problem] = problemsOf(
      yaml("version: 1", "services:", "  - service: api", "    role: api", "  - service: worker", "    role: wrker"),
    );
    expect(problem.place).toMatchObject({ file: "readiness.yml", line: 6, column: 11, path: "services[1].role" });
    expect(problem.message).toBe('invalid value "wrker"');
    expect(problem.hint).toContain("allowed values: api, worker, dlq-processor");
    expect(problem.hint).toContain('did you mean "worker"?');
  });

  it("Noncompliance 2: an unknown key is an error with did you mean, at the key's position", () => {
    const [problem] = problemsOf(yaml("version: 1", "servics: []"));
    expect(problem.place).toMatchObject({ line: 2, column: 1, path: "servics" });
    expect(problem.message).toBe('unknown field "servics"');
    expect(problem.hint).toContain('did you mean "services"?');
  });

  it("Noncompliance 3: an unknown item id under rules suggests the closest id", () => {
    const [problem] = problemsOf(yaml("version: 1", "rules:", "  load-testd:", "    validityDays: 7"));
    expect(problem.place).toMatchObject({ line: 3, column: 3, path: "rules.load-testd" });
    expect(problem.hint).toContain('did you mean "load-tested"?');
  });

  it("Noncompliance 3b: an unknown parameter of an item suggests the item's parameter", () => {
    const [problem] = problemsOf(yaml("version: 1", "rules:", "  log-retention:", "    minRetention: 3"));
    expect(problem.place).toMatchObject({ line: 4, column: 5, path: "rules.log-retention.minRetention" });
    expect(problem.hint).toBe('did you mean "minRetentionDays"? allowed fields here: minRetentionDays');
  });

  it("Noncompliance 4: a missing required field points at its parent and says what to add", () => {
    const [problem] = problemsOf(yaml("version: 1", "services:", "  - service: api"));
    expect(problem.message).toBe('missing required field "role"');
    expect(problem.place).toMatchObject({ line: 3, column: 5, path: "services[0].role" });
    expect(problem.hint).toBe('add "role: api | worker | dlq-processor"');
  });

  it("Noncompliance 5: a missing version says to add version: 1", () => {
    const [problem] = problemsOf(yaml("services: []"));
    expect(problem.message).toBe('missing required field "version"');
    expect(problem.hint).toBe('add "version: 1"');
  });

  it("Noncompliance 6: wrong types and out-of-range numbers are all reported, in file order", () => {
    const problems = problemsOf(
      yaml("version: 1", "rules:", "  load-tested:", "    minRequestsPerSecond: fast", "    validityDays: 0"),
    );
    expect(problems.map((p) => [p.place?.line, p.place?.path])).toEqual([
      [4, "rules.load-tested.minRequestsPerSecond"],
      [5, "rules.load-tested.validityDays"],
    ]);
    expect(problems[0].message).toBe('expected a number, got string "fast"');
    expect(problems[1].hint).toBe("use a value > 0");
  });

  it("Noncompliance 7: invalid YAML is reported with its line and column", () => {
    const [problem] = problemsOf(yaml("version: 1", "services: [", "  - a"));
    expect(problem.message).toMatch(/^invalid YAML: /);
    expect(problem.place?.file).toBe("readiness.yml");
    expect(problem.place?.line).toBeGreaterThanOrEqual(2);
  });

  it("Noncompliance 8: duplicate keys are invalid YAML", () => {
    const [problem] = problemsOf(yaml("version: 1", "version: 1"));
    expect(problem.message).toContain("unique");
    expect(problem.place?.line).toBe(2);
  });

  it("Noncompliance 9: an empty file and a list at the top level are rejected", () => {
    expect(problemsOf("")[0].message).toBe("the file is empty");
    expect(problemsOf(yaml("- version: 1"))[0].message).toContain("expected a mapping of fields at the top level");
  });

  it("describes several problems on one line each with its hint", () => {
    const error = thrownBy(() => parseConfig(yaml("version: 2", "servics: []"), "cfg.yml"));
    expect(error).toBeInstanceOf(ConfigValidationError);
    const text = (error as ConfigValidationError).describe();
    expect(text).toContain("2 problems in cfg.yml");
    expect(text).toContain("cfg.yml:1:10: invalid value 2 (at version)");
    expect(text).toContain("cfg.yml:2:1: unknown field");
  });
});

describe("loadConfig", () => {
  it("returns the defaults when no file is given and the cwd has no readiness.yml", async () => {
    expect(await loadConfigFile(undefined, { cwd: tempDir() })).toEqual({ config: DEFAULT_CONFIG });
  });

  it("uses ./readiness.yml from the cwd when no file is given", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "readiness.yml"), yaml("version: 1", "services:", "  - service: api", "    role: api"));
    const loaded = await loadConfigFile(undefined, { cwd: dir });
    expect(loaded.file).toBe(join(dir, "readiness.yml"));
    expect(loaded.config.services[0].service).toBe("api");
  });

  it("Noncompliance: problems in the implicit ./readiness.yml name it as readiness.yml", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "readiness.yml"), yaml("version: 1", "servces: []"));
    await expect(loadConfig(undefined, { cwd: dir })).rejects.toMatchObject({
      place: { file: "readiness.yml", line: 2 },
    });
  });

  it("Noncompliance: a given file that does not exist is an error naming it", async () => {
    await expect(loadConfig("missing.yml", { cwd: tempDir() })).rejects.toMatchObject({
      name: "ConfigFileError",
      message: "cannot read readiness config: file not found",
      place: { file: "missing.yml" },
    });
  });

  it("Noncompliance: errors in a file carry its path", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.yml"), yaml("version: 1", "services:", "  - service: api", "    role: db"));
    await expect(loadConfig("bad.yml", { cwd: dir })).rejects.toMatchObject({
      place: { file: "bad.yml", line: 4, column: 11 },
    });
  });
});

describe("readinessConfigJsonSchema", () => {
  it("describes the input shape: version required, services with the role enum, rules per item", () => {
    const schema = readinessConfigJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: {
        services: { items: { properties: { role: { enum: string[] } }; required: string[] } };
        rules: { properties: Record<string, unknown> };
      };
    };
    expect(schema.required).toEqual(["version"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.services.items.properties.role.enum).toEqual(["api", "worker", "dlq-processor"]);
    expect(schema.properties.services.items.required).toEqual(["service", "role"]);
    expect(Object.keys(schema.properties.rules.properties)).toEqual(CHECKLIST.map((item) => item.id));
  });
});
