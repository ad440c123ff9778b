import { describe, expect, it } from "vitest";
import { readMarkdown } from "./markdown";
import { resolveRunbookUrl } from "./resolve";
import { sectionGaps } from "./sections";
import { decideRunbooks, topAlerts } from "./runbooks";
import { readRuleSet, alertingRules } from "../prometheus/rule-set";

const sections = ["Symptoms", "Diagnosis", "Mitigation", "Escalation"];
const params = { topAlerts: 3, requiredSections: sections };
const complete =
  "# High error rate\n\n## Symptoms\n5xx rise.\n\n## Diagnosis\nCheck the logs.\n\n## Mitigation\nRoll back.\n\n## Escalation\nPage the owner.\n";

const alert = (name: string, severity: string, runbook?: string) =>
  `      - alert: ${name}\n        expr: up == 0\n        for: 5m\n        labels:\n          severity: ${severity}\n${runbook ? `        annotations:\n          runbook_url: ${runbook}\n` : ""}`;
const ruleFile = (body: string) => ({
  path: "monitoring/rules/service.yaml",
  text: `groups:\n  - name: service\n    rules:\n${body}`,
});

const library = (files: Record<string, string>) => ({
  folder: "ops/runbooks/",
  baseUrl: "https://runbooks.example.com/team/",
  files: Object.entries(files).map(([path, text]) => ({ path, text })),
});

describe("runbooks", () => {
  it("ranks alerts by their most urgent severity, then by their order in the rule files", () => {
    const set = readRuleSet([
      ruleFile(
        alert("A", "warning") +
          alert("B", "info") +
          alert("C", "critical") +
          alert("A", "page") +
          alert("D", "warning"),
      ),
    ]);
    expect(topAlerts(alertingRules(set), 3).map((r) => `${r.alert}:${r.labels["severity"]}`)).toEqual([
      "C:critical",
      "A:page",
      "D:warning",
    ]);
  });

  it("resolves relative paths and URLs under runbookBaseUrl (.md added, trailing slash and fragment ignored)", () => {
    const lib = library({ "ops/runbooks/high-error-rate.md": complete, "ops/runbooks/db/throttled.md": complete });
    const path = (value: string) => {
      const resolved = resolveRunbookUrl(value, lib);
      return "file" in resolved ? resolved.file.path : resolved.error;
    };
    expect(path("ops/runbooks/high-error-rate.md")).toBe("ops/runbooks/high-error-rate.md");
    expect(path("./ops/runbooks/high-error-rate.md#mitigation")).toBe("ops/runbooks/high-error-rate.md");
    expect(path("https://runbooks.example.com/team/high-error-rate")).toBe("ops/runbooks/high-error-rate.md");
    expect(path("https://runbooks.example.com/team/db/throttled/?from=alert")).toBe("ops/runbooks/db/throttled.md");
    expect(path("https://runbooks.example.com/team/missing")).toBe(
      "runbook_url https://runbooks.example.com/team/missing maps to ops/runbooks/missing.md, which is not in the runbooks folder",
    );
    expect(path("https://wiki.example.com/high-error-rate")).toBe(
      "runbook_url https://wiki.example.com/high-error-rate is not under runbookBaseUrl https://runbooks.example.com/team/",
    );
    expect(path("https://runbooks.example.com/{{ $labels.alertname }}")).toMatch(/is a template/);
  });

  it("follows a site generator's URLs: paths lowercased (Hugo's default), a section's index page", () => {
    // Runbooks kept as KubePodCrashLooping.md are published at …/kubepodcrashlooping, as Hugo lowercases paths.
    const lib = library({
      "ops/runbooks/queues/QueueDepthHigh.md": complete,
      "ops/runbooks/queues/_index.md": complete,
      "ops/runbooks/api/README.md": complete,
      "ops/runbooks/Twin.md": complete,
      "ops/runbooks/twin.md": complete,
    });
    const path = (value: string) => {
      const resolved = resolveRunbookUrl(value, lib);
      return "file" in resolved ? resolved.file.path : resolved.error;
    };
    expect(path("https://runbooks.example.com/team/queues/queuedepthhigh")).toBe(
      "ops/runbooks/queues/QueueDepthHigh.md",
    );
    expect(path("https://runbooks.example.com/team/queues/queuedepthhigh/")).toBe(
      "ops/runbooks/queues/QueueDepthHigh.md",
    );
    expect(path("https://runbooks.example.com/team/queues/")).toBe("ops/runbooks/queues/_index.md");
    expect(path("https://runbooks.example.com/team/api")).toBe("ops/runbooks/api/README.md");
    expect(path("https://runbooks.example.com/team/twin")).toBe("ops/runbooks/twin.md");
    // Two files that differ only in case: an exact match is needed, the URL does not say which.
    expect(path("https://runbooks.example.com/team/TWIN")).toBe(
      "runbook_url https://runbooks.example.com/team/TWIN maps to ops/runbooks/TWIN.md, which is not in the runbooks folder (ops/runbooks/Twin.md, ops/runbooks/twin.md differ only in case)",
    );
  });

  it("Compliance: the top alerts link runbooks with every section", () => {
    const verdict = decideRunbooks(
      {
        ruleFiles: [
          ruleFile(
            alert("HighErrorRate", "critical", "https://runbooks.example.com/team/high-error-rate") +
              alert("Minor", "info"),
          ),
        ],
        runbooks: library({ "ops/runbooks/high-error-rate.md": complete }),
      },
      { ...params, topAlerts: 1 },
    );
    expect(verdict).toMatchObject({ status: "pass" });
  });

  it("Noncompliance: no runbook_url, a URL that resolves nowhere, missing and empty sections", () => {
    const verdict = decideRunbooks(
      {
        ruleFiles: [
          ruleFile(
            alert("HighErrorRate", "critical", "ops/runbooks/high-error-rate.md") +
              alert("QueueDepthHigh", "critical", "https://runbooks.example.com/team/queue-depth") +
              alert("ScrapeTargetDown", "critical"),
          ),
        ],
        runbooks: library({
          "ops/runbooks/high-error-rate.md":
            "# High error rate\n\n## Symptoms\n5xx.\n\n## diagnosis:\n\n<!-- TODO -->\n\n## Mitigation\nRoll back.\n",
        }),
      },
      params,
    );
    expect(verdict.status).toBe("fail");
    expect(verdict.findings.map((f) => f.reason)).toEqual([
      "alert HighErrorRate: runbook ops/runbooks/high-error-rate.md lacks the section(s) Escalation; section Diagnosis (ops/runbooks/high-error-rate.md:6) is empty",
      "alert QueueDepthHigh (monitoring/rules/service.yaml:11:16): runbook_url https://runbooks.example.com/team/queue-depth maps to ops/runbooks/queue-depth.md, which is not in the runbooks folder",
      "alert ScrapeTargetDown (monitoring/rules/service.yaml:18:16) has no runbook_url annotation",
    ]);
  });

  it("headings inside code blocks are not sections; setext headings are", () => {
    const doc = readMarkdown("Symptoms\n========\ntext\n\n```\n## Diagnosis\n```\n");
    expect(doc.sections.map((s) => [s.heading, s.line, s.hasContent])).toEqual([["Symptoms", 1, true]]);
  });

  it("a section heading may be numbered, marked with an emoji or carry a heading id", () => {
    const doc = readMarkdown(
      "# High error rate\n\n## 1. Symptoms\na\n\n## 🔍 Diagnosis\nb\n\n## 3) 🛠️ Mitigation {#fix}\nc\n\n## Escalation 📟\nd\n",
    );
    expect(sectionGaps(doc, "r.md", sections)).toEqual({ missing: [], empty: [] });
    // Only decoration goes: another word still makes another section.
    const other = readMarkdown("## Diagnosis steps\na\n## 2. Mitigation plan\nb\n");
    expect(sectionGaps(other, "r.md", ["Diagnosis", "Mitigation"]).missing).toEqual(["Diagnosis", "Mitigation"]);
  });

  it("nothing configured decides nothing", () => {
    expect(decideRunbooks({ ruleFiles: [] }, params).status).toBe("unknown");
    expect(decideRunbooks({ ruleFiles: [ruleFile(alert("A", "critical"))] }, params).status).toBe("unknown");
  });
});
