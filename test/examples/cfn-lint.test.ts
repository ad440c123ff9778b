import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PLATFORM_DIR } from "./platform";

const VALIDATE = join(PLATFORM_DIR, "validate.sh");

const validate = (directory?: string) =>
  spawnSync("bash", directory ? [VALIDATE, directory] : [VALIDATE], { encoding: "utf8", timeout: 120_000 });

describe("examples/task-platform/validate.sh (cfn-lint)", () => {
  const scratch: string[] = [];
  afterEach(() => {
    for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("Compliance: both example templates lint without errors", () => {
    const result = validate();
    expect(result.error).toBeUndefined();
    expect(result.stdout + result.stderr).toContain("ok   compliant.yaml");
    expect(result.stdout + result.stderr).toContain("ok   broken.yaml");
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it("Noncompliance: a template with a schema error makes validate.sh exit non-zero", () => {
    const dir = mkdtempSync(join(tmpdir(), "task-platform-lint-"));
    scratch.push(dir);
    copyFileSync(join(PLATFORM_DIR, "compliant.yaml"), join(dir, "compliant.yaml"));
    writeFileSync(
      join(dir, "invalid.yaml"),
      [
        "Resources:",
        "  Queue:",
        "    Type: AWS::SQS::Queue",
        "    Properties:",
        "      MessageRetentionPeriod: 10",
        "",
      ].join("\n"),
    );
    const result = validate(dir);
    expect(result.stdout).toContain("FAIL invalid.yaml");
    expect(result.stdout).toContain("ok   compliant.yaml");
    expect(result.status).toBe(1);
  });
});
