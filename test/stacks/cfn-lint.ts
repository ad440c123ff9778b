import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Template } from "aws-cdk-lib/assertions";

/**
 * cfn-lint checks skipped, each for CDK's own output: W3005 (a DependsOn also implied by a
 * GetAtt) is how CDK makes every function wait for its role's policy, on purpose.
 */
const IGNORED_LINT_CHECKS = ["W3005"];

/**
 * Writes synthesized templates to files and runs cfn-lint on them: its output (empty when clean)
 * and exit status. A missing cfn-lint fails loudly with how to install it.
 */
export const lintTemplates = (templates: Readonly<Record<string, Template>>): { output: string; status: number } => {
  const dir = mkdtempSync(join(tmpdir(), "readiness-lint-"));
  try {
    const files = Object.entries(templates).map(([name, template]) => {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(template.toJSON(), null, 2));
      return file;
    });
    try {
      const output = execFileSync(
        "cfn-lint",
        ["--regions", "us-east-1", "--ignore-checks", ...IGNORED_LINT_CHECKS, "--", ...files],
        { encoding: "utf8" },
      );
      return { output, status: 0 };
    } catch (error) {
      const failure = error as { status?: number; stdout?: string; stderr?: string; code?: string };
      if (failure.code === "ENOENT") throw new Error("cfn-lint is not installed: pip install 'cfn-lint>=1.51'");
      return { output: `${failure.stdout ?? ""}${failure.stderr ?? ""}`, status: failure.status ?? -1 };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
