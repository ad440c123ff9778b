import { describe, expect, it } from "vitest";
import { CHECKLIST } from "../catalogue/items";
import { CLUSTER_SCOPE, sampleReport, scopedReport } from "@readiness/devkit/fixtures/report";
import { formatJson } from "./json";

describe("formatJson", () => {
  const parsed = JSON.parse(formatJson(sampleReport("template.yaml")));

  it("has the documented top-level fields and counts", () => {
    expect(Object.keys(parsed)).toEqual(["schemaVersion", "source", "summary", "items"]);
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.source).toBe("template.yaml");
    expect(parsed.summary).toEqual({ pass: 1, fail: 2, unknown: 2 });
  });

  it("gives every item the documented fields with the catalogue's metadata", () => {
    for (const item of parsed.items) {
      expect(Object.keys(item)).toEqual([
        "id",
        "section",
        "title",
        "status",
        "summary",
        "kinds",
        "severity",
        "remediation",
        "parts",
        "findings",
      ]);
      const catalogued = CHECKLIST.find((c) => c.id === item.id)!;
      expect(item.title).toBe(catalogued.title);
      expect(item.remediation).toBe(catalogued.remediation);
      expect(["pass", "fail", "unknown"]).toContain(item.status);
    }
  });

  it("keeps findings with resource, type, status, reason, kind and location only when known", () => {
    const dlq = parsed.items.find((i: { id: string }) => i.id === "dlq-coverage");
    expect(dlq.findings[0]).toEqual({
      resource: "OrdersQueue",
      type: "AWS::SQS::Queue",
      status: "fail",
      reason: `queue <orders> & "co" has no 'RedrivePolicy' | DLQ`,
      kind: "config",
      location: { file: "template.yaml", line: 4, column: 3 },
    });
    const loadTested = parsed.items.find((i: { id: string }) => i.id === "load-tested");
    expect(loadTested.findings).toEqual([]);
    expect(loadTested.parts).toEqual([
      { kind: "evidence", status: "unknown", reason: "needs evidence: no load test recorded" },
    ]);
  });

  it("says which scope ran, after the source", () => {
    const scoped = JSON.parse(formatJson(scopedReport("template.yaml")));
    expect(Object.keys(scoped)).toEqual(["schemaVersion", "source", "scope", "summary", "items"]);
    expect(scoped.scope).toEqual(CLUSTER_SCOPE);
  });
});
