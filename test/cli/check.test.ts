import { CHECKLIST } from "@readiness/core/checklist/catalogue/items";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readiness } from "./helpers";

const FAILING = "test/cli/fixtures/failing.yaml";
const QUEUES = "test/cli/fixtures/queues.yaml";
const UNRELATED = "test/cli/fixtures/unrelated.json";
// The two items queues.yaml satisfies; other rules may have opinions about its queues.
const PASSING_ITEMS = ["--only", "dlq-coverage,dynamodb-capacity"];

describe("readiness check --template (happy paths)", () => {
  it("Compliance: exit 0 and ✓ lines when every decided item passes", async () => {
    const result = await readiness(["check", "--template", QUEUES, ...PASSING_ITEMS]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("  ✓ DLQ exists for all SQS queues; DLQ processor deployed  [dlq-coverage]");
    expect(result.stdout).toContain("2 passed, 0 failed, 0 unknown of 2 items");
  });

  it("Compliance: unknown items do not fail the run (exit 0)", async () => {
    const result = await readiness(["check", "--template", UNRELATED]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`0 passed, 0 failed, ${CHECKLIST.length} unknown of ${CHECKLIST.length} items`));
    expect(result.stdout).toContain(
      "  ? Load tested at 500 req/s; SLOs met  [load-tested]\n      needs evidence: no load test recorded",
    );
  });

  it("Noncompliance: exit 1 with each offending resource, its place and the fix", async () => {
    const result = await readiness(["check", "--template", FAILING]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("  ✗ DLQ exists for all SQS queues; DLQ processor deployed  [dlq-coverage]");
    expect(result.stdout).toContain(`- OrdersQueue (AWS::SQS::Queue ${FAILING}:4): queue orders has no RedrivePolicy`);
    expect(result.stdout).toMatch(/\n {6}fix: Give every source queue a `RedrivePolicy`/);
    expect(result.stdout).toMatch(new RegExp(`\\d+ passed, [1-9]\\d* failed, \\d+ unknown of ${CHECKLIST.length} items\\n$`));
    expect(result.stdout).not.toContain("\u001b[");
  });

  it("--format json follows the documented contract", async () => {
    const result = await readiness([
      "check",
      "--template",
      FAILING,
      "--format",
      "json",
      "--only",
      "dlq-coverage,load-tested",
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ schemaVersion: 1, source: FAILING, summary: { pass: 0, fail: 1, unknown: 1 } });
    expect(report.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      ["dlq-coverage", "fail"],
      ["load-tested", "unknown"],
    ]);
    expect(report.items[0].findings[0]).toMatchObject({
      resource: "OrdersQueue",
      type: "AWS::SQS::Queue",
      status: "fail",
      location: { file: FAILING, line: 4 },
    });
  });

  it("--format markdown is a checklist", async () => {
    const result = await readiness(["check", "--template", QUEUES, "--format", "markdown", ...PASSING_ITEMS]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("- [x] DLQ exists for all SQS queues; DLQ processor deployed (`dlq-coverage`)");
  });

  it("--format junit has a testcase per item and a failure for the failed one", async () => {
    const result = await readiness([
      "check",
      "--template",
      FAILING,
      "--format",
      "junit",
      "--only",
      "dlq-coverage,load-tested",
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(result.stdout.match(/<testcase /g)).toHaveLength(2);
    expect(result.stdout).toContain('<failure message="1 of 1 resources fail"');
    expect(result.stdout).toContain('<skipped message="needs evidence: no load test recorded">');
  });

  it("--format sarif locates failures in the template by relative path and line", async () => {
    const result = await readiness(["check", "--template", FAILING, "--format", "sarif", "--only", "dlq-coverage"]);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].tool.driver.rules).toHaveLength(CHECKLIST.length);
    const [finding] = log.runs[0].results;
    expect(finding.ruleId).toBe("dlq-coverage");
    expect(finding.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: FAILING },
      region: { startLine: 4, startColumn: 3 },
    });
    expect(finding.locations[0].logicalLocations).toEqual([
      { name: "OrdersQueue", kind: "resource", fullyQualifiedName: "AWS::SQS::Queue/OrdersQueue" },
    ]);
  });

  it("a build-output directory: each finding points at its own template file", async () => {
    const result = await readiness([
      "check",
      "--template",
      "test/cli/fixtures/build",
      "--format",
      "sarif",
      "--only",
      "dlq-coverage",
    ]);
    expect(result.code).toBe(1);
    const [finding] = JSON.parse(result.stdout).runs[0].results;
    expect(finding.locations[0].physicalLocation.artifactLocation.uri).toBe(
      "test/cli/fixtures/build/Queues.template.json",
    );
    expect(finding.locations[0].logicalLocations[0].name).toBe("Queues/OrdersQueue");
  });

  it("--output writes the report to the file and the summary line to stderr", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "readiness-cli-")), "report.json");
    const result = await readiness([
      "check",
      "--template",
      FAILING,
      "--format",
      "json",
      "--output",
      out,
      "--only",
      "dlq-coverage",
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`0 passed, 1 failed, 0 unknown of 1 items (report written to ${out})\n`);
    expect(JSON.parse(readFileSync(out, "utf8")).summary).toEqual({ pass: 0, fail: 1, unknown: 0 });
  });

  it("--skip drops items; --only and --skip accept repeated values", async () => {
    const result = await readiness([
      "check",
      "--template",
      FAILING,
      "--only",
      "dlq-coverage",
      "--only",
      "dynamodb-capacity",
      "--skip",
      "dynamodb-capacity",
      "--format",
      "json",
    ]);
    expect(JSON.parse(result.stdout).items.map((i: { id: string }) => i.id)).toEqual(["dlq-coverage"]);
  });

  it("--parameter values reach the template; unused ones are warned about", async () => {
    const result = await readiness(["check", "--template", UNRELATED, "--parameter", "Env=prod", "--only", "mtls"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: parameter Env was given a value but no template declares it");
  });

  it("--progress writes progress lines to stderr", async () => {
    const result = await readiness(["check", "--template", UNRELATED, "--progress", "--only", "mtls"]);
    expect(result.stderr).toBe(
      `… no readiness.yml: default configuration\n… reading ${UNRELATED}\n… loaded 1 resource from 1 template file\n`,
    );
  });

  it("picks up ./readiness.yml from the working directory", async () => {
    const result = await readiness(["check", "--template", "failing.yaml", "--only", "dlq-coverage"], {
      cwd: join("test", "cli", "fixtures", "with-config"),
    });
    expect(result.stderr).toContain('warning: readiness.yml service "ghost" matches no ECS service');
    const verbose = await readiness(["check", "--template", "failing.yaml", "--only", "dlq-coverage", "--progress"], {
      cwd: join("test", "cli", "fixtures", "with-config"),
    });
    expect(verbose.stderr).toContain("… configuration from readiness.yml\n");
  });
});
