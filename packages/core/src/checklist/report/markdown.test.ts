import { describe, expect, it } from "vitest";
import { sampleReport, scopedReport } from "@readiness/devkit/fixtures/report";
import { formatMarkdown } from "./markdown";

describe("formatMarkdown", () => {
  const text = formatMarkdown(sampleReport("template.yaml"));

  it("is a checklist: ticked items pass, the others say why", () => {
    expect(text).toContain(
      "- [x] Container: read-only root filesystem; non-root user; drop ALL capabilities (`container-hardening`)",
    );
    expect(text).toContain(
      "- [ ] DLQ exists for all SQS queues; DLQ processor deployed (`dlq-coverage`): **failed**: 1 of 2 resources fail",
    );
    expect(text).toContain(
      "- [ ] Load tested at 500 req/s; SLOs met (`load-tested`): _unknown_: needs evidence: no load test recorded",
    );
    expect(text).toContain("**1 passed, 2 failed, 2 unknown of 5 items**");
    expect(text).toContain("## Reliability");
  });

  it("tabulates findings with pipes and markup escaped, then the fix", () => {
    expect(text).toContain("  | Resource | Type | Location | Reason |");
    expect(text).toContain(
      `  | OrdersQueue | AWS::SQS::Queue | template.yaml:4 | queue &lt;orders&gt; & "co" has no 'RedrivePolicy' \\| DLQ |`,
    );
    expect(text).toContain("  Fix: Give every source queue");
    for (const row of text.split("\n").filter((l) => l.startsWith("  | OrdersQueue")))
      expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(6);
  });

  it("says which scope ran under the heading", () => {
    expect(formatMarkdown(scopedReport("template.yaml")).split("\n").slice(0, 7)).toEqual([
      "# Production readiness: template.yaml",
      "",
      "Scope: clusters platform",
      "",
      "Roles: api → api (load balancer target: target group api-tg); worker → worker (name: worker)",
      "",
      "**1 passed, 2 failed, 2 unknown of 5 items**",
    ]);
  });
});
