import { describe, expect, it } from "vitest";
import { ONCALL_DOCUMENT_FINDING, sampleReport, scopedReport } from "@readiness/devkit/fixtures/report";
import { formatTable } from "./table";

describe("formatTable", () => {
  const text = formatTable(sampleReport("template.yaml"));
  const lines = text.split("\n");

  it("groups items by section with ✓ ✗ ? and the verbatim title", () => {
    expect(lines[0]).toBe("readiness: template.yaml");
    expect(lines).toContain("Reliability");
    expect(lines).toContain("Security");
    expect(lines.indexOf("Reliability")).toBeLessThan(lines.indexOf("Security"));
    expect(text).toContain("  ✗ DLQ exists for all SQS queues; DLQ processor deployed  [dlq-coverage]");
    expect(text).toContain("  ? Load tested at 500 req/s; SLOs met  [load-tested]");
    expect(text).toContain(
      "  ✓ Container: read-only root filesystem; non-root user; drop ALL capabilities  [container-hardening]",
    );
  });

  it("lists each offending resource with its type, place and reason, then the fix, under a failed item", () => {
    const at = lines.findIndex((l) => l.includes("[dlq-coverage]"));
    expect(lines[at + 1]).toBe(
      `      - OrdersQueue (AWS::SQS::Queue template.yaml:4): queue <orders> & "co" has no 'RedrivePolicy' | DLQ`,
    );
    expect(lines[at + 2]).toMatch(/^ {6}fix: Give every source queue a `RedrivePolicy`/);
    expect(text).not.toContain("TasksQueue");
  });

  it("a document's finding is its reason alone, which names the file and line", () => {
    const report = sampleReport("template.yaml");
    const oncall = {
      ...report.items[0],
      id: "oncall" as const,
      title: "Oncall rotation defined; who is the primary on Day 1?",
      status: "fail" as const,
      findings: [ONCALL_DOCUMENT_FINDING],
    };
    const shown = formatTable({ ...report, items: [oncall] }).split("\n");
    expect(shown[shown.findIndex((l) => l.includes("[oncall]")) + 1]).toBe(
      "      - ops/oncall.json:2:3: launch day 2026-12-15: no primary 10:00–24:00",
    );
  });

  it("gives the reason under an unknown item", () => {
    const at = lines.findIndex((l) => l.includes("[load-tested]"));
    expect(lines[at + 1]).toBe("      needs evidence: no load test recorded");
    const secrets = lines.findIndex((l) => l.includes("[no-env-secrets]"));
    expect(lines[secrets + 2]).toContain("ApiTask (AWS::ECS::TaskDefinition template.yaml:20): environment is unknown");
  });

  it("closes with the summary line and uses no colour unless asked", () => {
    expect(lines.at(-2)).toBe("1 passed, 2 failed, 2 unknown of 5 items");
    expect(text).not.toContain("\u001b[");
  });

  it("colours marks and the summary when asked", () => {
    const coloured = formatTable(sampleReport("template.yaml"), { color: true });
    expect(coloured).toContain("\u001b[31m✗\u001b[0m");
    expect(coloured).toContain("\u001b[32m✓\u001b[0m");
    expect(coloured).toContain("\u001b[31m1 passed, 2 failed, 2 unknown of 5 items\u001b[0m");
  });

  it("says which scope ran under the source", () => {
    expect(formatTable(scopedReport("template.yaml")).split("\n").slice(0, 4)).toEqual([
      "readiness: template.yaml",
      "scope: clusters platform",
      "roles: api → api (load balancer target: target group api-tg); worker → worker (name: worker)",
      "",
    ]);
  });
});
