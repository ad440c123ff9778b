import { describe, expect, it } from "vitest";
import { decideAlertsDefined } from "./alerts-defined";

const required = { requiredAlerts: ["HighErrorRate", "ScrapeTargetDown"] };

const rules = (body: string) => ({
  path: "monitoring/rules/service.yaml",
  text: `groups:\n  - name: service\n    rules:\n${body}`,
});

const alert = (name: string, extra = "        for: 5m\n        labels:\n          severity: critical\n") =>
  `      - alert: ${name}\n        expr: up == 0\n${extra}`;

describe("alerts-defined", () => {
  it("Compliance: every required alert with an expression, a for duration and a severity", () => {
    const verdict = decideAlertsDefined(
      { ruleFiles: [rules(alert("HighErrorRate") + alert("ScrapeTargetDown"))] },
      required,
    );
    expect(verdict.status).toBe("pass");
    expect(verdict.findings.map((f) => f.reason)).toContain(
      "alert HighErrorRate (monitoring/rules/service.yaml:4:16): for 5m, severity critical",
    );
  });

  it("Noncompliance 1: a required alert is missing, named with the number of files read", () => {
    const verdict = decideAlertsDefined({ ruleFiles: [rules(alert("HighErrorRate"))] }, required);
    expect(verdict).toMatchObject({
      status: "fail",
      reason: "no alerting rule named ScrapeTargetDown in the 1 Prometheus rule file(s)",
    });
  });

  it("Noncompliance 2: no for duration, no severity; each rule of the name is checked", () => {
    const verdict = decideAlertsDefined(
      {
        ruleFiles: [
          rules(
            alert("HighErrorRate") +
              alert("HighErrorRate", "        labels:\n          severity: warning\n") +
              alert("ScrapeTargetDown", "        for: 0s\n"),
          ),
        ],
      },
      required,
    );
    expect(verdict.status).toBe("fail");
    expect(verdict.findings.filter((f) => f.status === "fail").map((f) => f.reason)).toEqual([
      "alert HighErrorRate (monitoring/rules/service.yaml:9:16) lacks a `for` duration (without one it fires on the first evaluation that matches)",
      "alert ScrapeTargetDown (monitoring/rules/service.yaml:13:16) lacks a `for` duration (without one it fires on the first evaluation that matches) and a `severity` label",
    ]);
  });

  it("Noncompliance 3: a file promtool refuses fails the item, and its alerts do not count", () => {
    const verdict = decideAlertsDefined(
      {
        ruleFiles: [
          rules(alert("HighErrorRate")),
          {
            path: "monitoring/rules/broken.yaml",
            text: rules(`${alert("ScrapeTargetDown")}        annotations:\n          summary: "{{ $nope }}"\n`).text,
          },
        ],
      },
      required,
    );
    expect(verdict.status).toBe("fail");
    const reasons = verdict.findings.filter((f) => f.status === "fail").map((f) => f.reason);
    expect(reasons).toEqual([
      'monitoring/rules/broken.yaml:10: group "service", rule 1, "ScrapeTargetDown": annotation "summary": template: undefined variable "$nope" (promtool check rules refuses this file, so Prometheus loads none of its rules)',
      "alert ScrapeTargetDown is only in monitoring/rules/broken.yaml, which promtool check rules refuses (Prometheus would not load it)",
    ]);
  });

  it("no rule files configured decides nothing", () => {
    expect(decideAlertsDefined({ ruleFiles: [] }, required).status).toBe("unknown");
  });
});
