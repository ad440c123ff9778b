import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CheckReport } from "@readiness/core/checklist/engine/engine";
import { checkTemplate, failingResourcesByItem, PLATFORM_DIR, templatePath } from "./platform";

const expectedBrokenFailures = (): Record<string, string[]> =>
  JSON.parse(readFileSync(join(PLATFORM_DIR, "expected/broken.json"), "utf8"));

const configItems = (report: CheckReport) => report.items.filter((item) => item.kinds.includes("config"));

describe("example platform templates", () => {
  it("Compliance: every config part of the compliant platform passes", async () => {
    const report = await checkTemplate("compliant");
    const items = configItems(report);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const config = item.parts.find((part) => part.kind === "config");
      expect({ item: item.id, status: config?.status, reason: config?.reason }).toEqual({
        item: item.id,
        status: "pass",
        reason: config?.reason,
      });
      expect(
        item.findings.filter((f) => f.status !== "pass"),
        item.id,
      ).toEqual([]);
    }
  });

  it("Compliance: pure-config items pass, and other kinds stay unknown with the reason", async () => {
    const report = await checkTemplate("compliant");
    for (const item of report.items) {
      if (item.kinds.every((kind) => kind === "config")) expect(item.status, item.id).toBe("pass");
      for (const part of item.parts.filter((p) => p.kind !== "config")) {
        expect(part.status, `${item.id} ${part.kind}`).toBe("unknown");
        expect(part.reason, `${item.id} ${part.kind}`).toMatch(/\S/);
      }
      // An item with an undecided part is not ticked.
      if (item.kinds.some((kind) => kind !== "config")) expect(item.status, item.id).toBe("unknown");
    }
  });

  it("Noncompliance: the broken platform fails exactly the resources listed in expected/broken.json", async () => {
    const report = await checkTemplate("broken");
    expect(failingResourcesByItem(report)).toEqual(expectedBrokenFailures());
  });

  it("Noncompliance: every failing item of the broken platform is a defect marked in the template, and vice versa", () => {
    const marked = new Set(
      [...readFileSync(templatePath("broken"), "utf8").matchAll(/# DEFECT ([a-z0-9-]+):/g)].map((match) => match[1]),
    );
    expect([...marked].sort()).toEqual(Object.keys(expectedBrokenFailures()).sort());
  });

  it("Noncompliance: every failing finding of the broken platform says why", async () => {
    const report = await checkTemplate("broken");
    const failures = report.items.flatMap((item) => item.findings.filter((f) => f.status === "fail"));
    expect(failures.length).toBeGreaterThan(0);
    for (const finding of failures) {
      expect(finding.reason.length, finding.resource).toBeGreaterThan(10);
      expect(finding.location?.line, finding.resource).toBeGreaterThan(0);
    }
  });
});
