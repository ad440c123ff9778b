import { defaultDeps } from "@readiness/cli/deps";
import { describe, expect, it } from "vitest";
import { readinessInProcess } from "./helpers";

/** `readiness history`'s input errors, found before any AWS call (the reads run in test/nightly/nightly.emulator.test.ts). */
const history = (...args: string[]) => readinessInProcess(["history", "--results-table", "T", ...args], defaultDeps);

describe("readiness history: bad input exits 2 before reading anything", () => {
  it("Noncompliance: --days outside 1..400", async () => {
    for (const days of ["0", "401", "1.5", "a week"]) {
      const result = await history("--service", "api", "--days", days);
      expect(result.code, days).toBe(2);
      expect(result.stderr).toContain(`error: invalid --days "${days}"`);
    }
  });

  it("Noncompliance: a service ARN and a --cluster that contradicts it", async () => {
    const result = await history(
      "--service",
      "arn:aws:ecs:us-east-1:123456789012:service/prod/api",
      "--cluster",
      "staging",
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--cluster staging contradicts the service ARN's cluster prod");
  });

  it("Noncompliance: a service name with a slash, and missing required flags", async () => {
    const slash = await history("--service", "prod/api");
    expect(slash.code).toBe(2);
    expect(slash.stderr).toContain('invalid --service "prod/api"');
    const missing = await readinessInProcess(["history", "--service", "api"], defaultDeps);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--results-table");
  });
});
