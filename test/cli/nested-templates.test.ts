import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readiness, REPO } from "./helpers";

const FOLDER = join(REPO, "test/fixtures/templates/nested-folders");
const scratch = mkdtempSync(join(tmpdir(), "readiness-nested-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The nested-folders repository with services/payments/ deleted: main.yaml still nests it. */
const withoutPayments = (): string => {
  const root = join(scratch, "without-payments");
  cpSync(FOLDER, root, { recursive: true });
  rmSync(join(root, "services/payments"), { recursive: true });
  return root;
};

describe("readiness check --template on nested stacks", () => {
  it("Compliance: a folder with its nested templates in subfolders is read whole (every queue is judged)", async () => {
    const result = await readiness(["check", "--template", FOLDER, "--only", "dlq-coverage", "--format", "json"]);
    const report = JSON.parse(result.stdout);
    expect(report.items[0].findings.map((f: { resource: string }) => f.resource).sort()).toEqual([
      "Orders/OrdersDeadLetterQueue",
      "Orders/OrdersQueue",
      "Payments/PaymentsDeadLetterQueue",
      "Payments/PaymentsQueue",
    ]);
    expect(report.input).toMatchObject({ complete: true, missingNestedStacks: [] });
    // The orders and payments DLQs have no consumer: a real failure, judged because they were read.
    expect(result.code).toBe(1);
  });

  it("Noncompliance: a nested stack whose template is missing is in the report and fails the exit code (3)", async () => {
    const root = withoutPayments();
    const result = await readiness(["check", "--template", root, "--only", "sg-alb-only"]);
    expect(result.stdout).toContain(
      `\nInput\n  ✗ not read: nested stack Payments (${join(root, "main.yaml")}:21): its template https://s3.amazonaws.com/orders-platform-templates/services/payments/service.yaml was not found (no file under ${root} matches it); none of its resources were checked\n      fix: `,
    );
    expect(result.stdout).toMatch(/0 passed, 0 failed, 1 unknown of 1 items; INCOMPLETE: 1 nested stack not read\n$/);
    expect(result.code).toBe(3);
  });

  it("Noncompliance: every format says so (json input, junit failure, sarif notification, markdown)", async () => {
    const root = withoutPayments();
    const run = (format: string) =>
      readiness(["check", "--template", root, "--only", "sg-alb-only", "--format", format]);
    const [json, junit, sarif, markdown] = await Promise.all(["json", "junit", "sarif", "markdown"].map(run));
    expect(JSON.parse(json.stdout).input).toMatchObject({
      complete: false,
      missingNestedAllowed: false,
      missingNestedStacks: [{ resource: "Payments", location: { line: 21, stack: "main" } }],
    });
    expect(junit.stdout).toContain('<testcase classname="Input" name="nested stack Payments">');
    expect(junit.stdout).toContain('<failure message="not read" type="incomplete">');
    const invocation = JSON.parse(sarif.stdout).runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications[0]).toMatchObject({
      level: "error",
      locations: [{ physicalLocation: { region: { startLine: 21 } } }],
    });
    expect(markdown.stdout).toContain("- **not read**: nested stack Payments");
    expect([json, junit, sarif, markdown].map((r) => r.code)).toEqual([3, 3, 3, 3]);
  });

  it("--allow-missing-nested accepts it knowingly: still reported, exit 0", async () => {
    const result = await readiness([
      "check",
      "--template",
      withoutPayments(),
      "--only",
      "sg-alb-only",
      "--allow-missing-nested",
    ]);
    expect(result.stdout).toContain("  ? not read: nested stack Payments");
    expect(result.stdout).toMatch(/; 1 nested stack not read \(accepted with --allow-missing-nested\)\n$/);
    expect(result.code).toBe(0);
  });

  it("a failed item still exits 1 when a nested stack is also missing", async () => {
    const result = await readiness(["check", "--template", withoutPayments(), "--only", "dlq-coverage"]);
    expect(result.stdout).toContain("INCOMPLETE: 1 nested stack not read");
    expect(result.code).toBe(1);
  });

  it("--allow-missing-nested with --live is a usage error", async () => {
    const result = await readiness(["check", "--live", "--allow-missing-nested"]);
    expect(result.stderr).toContain("--allow-missing-nested only applies with --template");
    expect(result.code).toBe(2);
  });
});
