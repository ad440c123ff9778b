import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decideAlertRouting, type RequiredAlert } from "./decide";

const teams = {
  path: "monitoring/alertmanager.yml",
  text: readFileSync(join(import.meta.dirname, "fixtures/teams.yml"), "utf8"),
};
const rules = (line: number) => ({ file: "monitoring/rules/api.yaml", line });
const alert = (name: string, labels: Record<string, string>, line = 10): RequiredAlert => ({
  name,
  labels,
  place: rules(line),
});

describe("alert-routing", () => {
  it("Compliance: every required alert reaches a notifying receiver that is not the root default", () => {
    const verdict = decideAlertRouting({
      alertmanager: teams,
      alerts: [
        alert("HighErrorRate", { team: "payments", severity: "critical", env: "prod" }),
        alert("QueueDepthHigh", { team: "orders", service: "worker" }),
      ],
    });
    expect(verdict.status).toBe("pass");
    expect(verdict.findings.map((f) => f.reason)).toEqual([
      'alert HighErrorRate {alertname="HighErrorRate", env="prod", severity="critical", team="payments"} (monitoring/rules/api.yaml:10) → receiver pager via route.routes[0] (monitoring/alertmanager.yml:8:7)',
      'alert QueueDepthHigh {alertname="QueueDepthHigh", service="worker", team="orders"} (monitoring/rules/api.yaml:10) → receiver orders via route.routes[2] (monitoring/alertmanager.yml:20:7)',
    ]);
  });

  it("Compliance with a team: the alert carries the team label and a route matching on the team delivers it", () => {
    const verdict = decideAlertRouting({
      alertmanager: teams,
      alerts: [alert("HighErrorRate", { team: "payments", severity: "critical", env: "prod" })],
      team: "payments",
    });
    // pager (reached first, through a severity route) does not match on the team; payments-pager does.
    expect(verdict).toMatchObject({
      status: "pass",
      reason: "1 required alert(s) reach a notifying receiver of team payments",
    });
    expect(verdict.findings[0]!.reason).toMatch(/→ receiver payments-pager via route\.routes\[1\]\.routes\[0\]/);
  });

  it("Noncompliance 1: an alert no route matches ends at the root default receiver", () => {
    const verdict = decideAlertRouting({
      alertmanager: teams,
      alerts: [alert("ScrapeTargetDown", { severity: "warning" }, 31)],
    });
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toBe(
      'alert ScrapeTargetDown {alertname="ScrapeTargetDown", severity="warning"} (monitoring/rules/api.yaml:31): reaches only the root default receiver default (no route below the root matches); add a route that sends it to a receiver with a notifier (monitoring/alertmanager.yml)',
    );
  });

  it("Noncompliance 2: a receiver without notifiers does not count", () => {
    const verdict = decideAlertRouting({ alertmanager: teams, alerts: [alert("HighLatencyP99", { team: "search" })] });
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toMatch(
      /reaches only receiver catch-all via route\.routes\[4\] \(monitoring\/alertmanager\.yml:25:7\), which has no notifier \(monitoring\/alertmanager\.yml:47:5\)/,
    );
  });

  it("Noncompliance 3: with a team, an alert without the team label, or delivered only by catch-all routes, fails", () => {
    const missing = decideAlertRouting({
      alertmanager: teams,
      alerts: [alert("HighErrorRate", { severity: "critical" })],
      team: "payments",
    });
    expect(missing.reason).toMatch(/: carries no team label; the service's team is "payments"$/);
    const other = decideAlertRouting({
      alertmanager: teams,
      alerts: [alert("HighErrorRate", { team: "orders" })],
      team: "payments",
    });
    expect(other.reason).toMatch(/carries team="orders", but the service's team is "payments"/);
    const config = {
      path: "am.yml",
      text: `route:
  receiver: default
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
    - matchers: ['team=~".+"']
      receiver: everyone
receivers:
  - name: default
  - { name: pager, pagerduty_configs: [{ routing_key: k }] }
  - { name: everyone, webhook_configs: [{ url: "http://x" }] }
`,
    };
    const viaSeverity = decideAlertRouting({
      alertmanager: config,
      alerts: [alert("A", { team: "payments", severity: "critical" })],
      team: "payments",
    });
    expect(viaSeverity.reason).toMatch(
      /reaches receiver pager via route\.routes\[0\] \(am\.yml:4:7\) matching \{severity="critical"\}, but no route on the way matches on team="payments"/,
    );
    const viaCatchAll = decideAlertRouting({
      alertmanager: config,
      alerts: [alert("A", { team: "payments" })],
      team: "payments",
    });
    expect(viaCatchAll.status).toBe("fail");
    expect(viaCatchAll.reason).toMatch(
      /receiver everyone via route\.routes\[1\].*but no route on the way matches on team="payments"/,
    );
  });

  it("a child route that names no receiver inherits its parent's, and the root's is still the root default", () => {
    const config = {
      path: "am.yml",
      text: "route:\n  receiver: default\n  routes:\n    - matchers: [team=payments]\nreceivers:\n  - name: default\n    email_configs: [{to: a@example.com, from: am@example.com, smarthost: 'smtp.example.com:25'}]\n",
    };
    const verdict = decideAlertRouting({ alertmanager: config, alerts: [alert("A", { team: "payments" })] });
    expect(verdict.reason).toMatch(
      /reaches only the root default receiver default through route\.routes\[0\] \(am\.yml:4:7\), which names no receiver of its own/,
    );
  });

  it("bad documents and missing inputs give reasons, never a throw and never a pass", () => {
    expect(decideAlertRouting({ alerts: [alert("A", {})] })).toMatchObject({
      status: "unknown",
      reason: "no Alertmanager configuration configured (documents.alertmanager)",
    });
    expect(decideAlertRouting({ alertmanager: teams, alerts: [] }).status).toBe("unknown");
    const invalid = decideAlertRouting({
      alertmanager: { path: "am.yml", text: "route: {receiver: x\n" },
      alerts: [alert("A", {})],
    });
    expect(invalid).toMatchObject({ status: "fail", reason: expect.stringMatching(/^am\.yml:\d+:\d+: invalid YAML/) });
    const wrongSchema = decideAlertRouting({
      alertmanager: { path: "am.yml", text: "- just\n- a list\n" },
      alerts: [alert("A", {})],
    });
    expect(wrongSchema).toMatchObject({
      status: "fail",
      reason: "am.yml:1:1: invalid Alertmanager configuration: expected a mapping at the top level, got a list",
    });
  });
});
