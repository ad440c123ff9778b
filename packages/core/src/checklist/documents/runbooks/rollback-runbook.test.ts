import { describe, expect, it } from "vitest";
import { decideRollbackRunbook } from "./rollback-runbook";

const requiredSections = ["Symptoms", "Diagnosis", "Mitigation", "Escalation"];
const body =
  "## Symptoms\nA bad deploy.\n\n## Diagnosis\nCompare revisions.\n\n## Mitigation\nRedeploy the last good task definition.\n\n## Escalation\nPage the owner.\n";
const library = (files: Record<string, string>) => ({
  folder: "ops/runbooks",
  files: Object.entries(files).map(([path, text]) => ({ path, text })),
});

describe("rollback-tested, document part", () => {
  it("Compliance: a runbook titled as the rollback procedure, or tagged so in its front matter", () => {
    expect(
      decideRollbackRunbook(
        { runbooks: library({ "ops/runbooks/deploy.md": `# Roll back a deployment\n\n${body}` }) },
        { requiredSections },
      ).status,
    ).toBe("pass");
    const tagged = `---\ntitle: Undo a release\ntags: [deploy, rollback]\n---\n${body}`;
    expect(
      decideRollbackRunbook({ runbooks: library({ "ops/runbooks/undo.md": tagged }) }, { requiredSections }),
    ).toMatchObject({
      status: "pass",
      reason: "rollback runbook ops/runbooks/undo.md has the sections Symptoms, Diagnosis, Mitigation, Escalation",
    });
  });

  it("recognises the rollback procedure as runbooks word it: rolling back, rollbacks, a roll-back tag", () => {
    for (const [name, text] of [
      ["rolling.md", `# Rolling back a release\n\n${body}`],
      ["plural.md", `# Deploys and rollbacks\n\n${body}`],
      ["tagged.md", `---\ntitle: Undo a release\ntags: [Roll-Back]\n---\n${body}`],
    ])
      expect(
        decideRollbackRunbook({ runbooks: library({ [`ops/runbooks/${name}`]: text }) }, { requiredSections }).status,
        name,
      ).toBe("pass");
    // Words that only contain the letters are not the procedure.
    expect(
      decideRollbackRunbook(
        { runbooks: library({ "ops/runbooks/x.md": `# Enrolling backend nodes\n\n${body}` }) },
        { requiredSections },
      ).status,
    ).toBe("fail");
  });

  it("Noncompliance 1: no rollback runbook", () => {
    expect(
      decideRollbackRunbook(
        { runbooks: library({ "ops/runbooks/x.md": `# High error rate\n${body}` }) },
        { requiredSections },
      ).reason,
    ).toBe("no runbook titled or tagged as the rollback procedure among the 1 runbook(s) in ops/runbooks");
  });

  it("Noncompliance 2: the rollback runbook lacks a section", () => {
    const verdict = decideRollbackRunbook(
      {
        runbooks: library({
          "ops/runbooks/rollback.md": "# Rollback\n\n## Symptoms\nx\n\n## Mitigation\n\n## Escalation\ny\n",
        }),
      },
      { requiredSections },
    );
    expect(verdict.reason).toBe(
      "rollback runbook ops/runbooks/rollback.md lacks the section(s) Diagnosis; section Mitigation (ops/runbooks/rollback.md:6) is empty",
    );
  });

  it("no runbooks folder decides nothing", () => {
    expect(decideRollbackRunbook({}, { requiredSections }).status).toBe("unknown");
  });
});
