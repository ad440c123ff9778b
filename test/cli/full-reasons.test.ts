import { describe, expect, it } from "vitest";
import { REPORT_FORMATS } from "@readiness/core/checklist/report/formats";
import { readiness } from "./helpers";

// Seven findings on one task definition: together far longer than AWS Config's 256-character
// annotation. Only that annotation is cut (the evaluator's job); a report shows every finding.
const MANY_FINDINGS = "test/cli/fixtures/many-findings.yaml";
const VARIABLES = [
  "DATABASE_PASSWORD",
  "STRIPE_API_KEY",
  "SESSION_SECRET",
  "GITHUB_ACCESS_TOKEN",
  "SIGNING_PRIVATE_KEY",
  "SMTP_PASSWORD",
  "ZZZ_LAST_CLIENT_SECRET",
];

describe("reports carry every finding in full", () => {
  it.each(REPORT_FORMATS)(
    "Compliance: --format %s names every offending variable, none behind a count",
    async (format) => {
      const result = await readiness([
        "check",
        "--template",
        MANY_FINDINGS,
        "--only",
        "no-env-secrets",
        "--format",
        format,
      ]);
      expect(result.code).toBe(1);
      for (const variable of VARIABLES)
        expect(result.stdout).toContain(`env ${variable}: name looks like a credential`);
      expect(result.stdout).not.toMatch(/and \d+ more|\(\+\d+ more\)/);
    },
  );
});
