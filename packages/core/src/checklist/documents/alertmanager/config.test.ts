import { describe, expect, it } from "vitest";
import { readAlertmanagerConfig } from "./config";

const read = (text: string) => readAlertmanagerConfig({ path: "monitoring/alertmanager.yml", text });
const problems = (text: string): string[] => {
  const reading = read(text);
  return reading.ok ? [] : reading.problems.map((p) => p.reason);
};

describe("reading an Alertmanager configuration", () => {
  it("inherits the receiver, counts notifiers and keeps every kind of matcher", () => {
    const reading = read(`route:
  receiver: default
  routes:
    - match: { team: payments }
      match_re: { service: "api|worker" }
      matchers: ['severity=~"critical|page", env!=dev']
      routes:
        - matchers: [alertname="QueueDepthHigh"]
          receiver: payments
receivers:
  - name: default
  - name: payments
    slack_configs: [{ channel: "#p", api_url: "http://x" }]
    pagerduty_configs: [{ routing_key: k }]
`);
    if (!reading.ok) throw new Error(reading.problems[0]!.reason);
    const [child] = reading.config.root.routes;
    expect(child!.receiver).toBe("default");
    expect(child!.matchers.map((m) => `${m.name}${m.type}${m.value}`)).toEqual([
      "team=payments",
      "service=~api|worker",
      "severity=~critical|page",
      "env!=dev",
    ]);
    expect(child!.routes[0]).toMatchObject({
      receiver: "payments",
      path: "route.routes[0].routes[0]",
      place: { line: 8 },
    });
    expect(reading.config.receivers.get("payments")?.notifiers).toBe(2);
    expect(reading.config.receivers.get("default")?.notifiers).toBe(0);
  });

  it("refuses, with file:line, what Alertmanager refuses to load", () => {
    expect(problems("receivers: [{name: d}]")).toEqual([
      "monitoring/alertmanager.yml:1:1: invalid Alertmanager configuration: no route provided (the routing tree's root `route:` is missing)",
    ]);
    expect(problems("route: {routes: []}\nreceivers: [{name: d}]")[0]).toMatch(
      /:1:1: .*root route must specify a default receiver/,
    );
    expect(problems("route: {receiver: d, matchers: [a=b]}\nreceivers: [{name: d}]")[0]).toMatch(
      /root route must not have any matchers/,
    );
    expect(problems("route: {receiver: d, continue: true}\nreceivers: [{name: d}]")[0]).toMatch(
      /cannot have continue in root route/,
    );
    expect(problems("route:\n  receiver: d\n  routes:\n    - receiver: x\nreceivers: [{name: d}]")).toEqual([
      'monitoring/alertmanager.yml:4:7: invalid Alertmanager configuration: undefined receiver "x" used in route',
    ]);
    expect(problems("route:\n  receiver: d\n  routes:\n    - matcher: [a=b]\nreceivers: [{name: d}]")[0]).toMatch(
      /:4:7: .*field matcher not found in route/,
    );
    expect(problems("route: {receiver: d}\nreceivers: [{name: d}, {name: d}]")[0]).toMatch(/name "d" is not unique/);
    expect(problems("route: {receiver: d}\nreceivers: [{name: d, slak_configs: []}]")[0]).toMatch(
      /field slak_configs not found/,
    );
    expect(problems("route:\n  receiver: d\n  routes:\n    - match: {a-b: x}\nreceivers: [{name: d}]")[0]).toMatch(
      /:4:15: .*invalid label name "a-b"/,
    );
    expect(
      problems("route:\n  receiver: d\n  routes:\n    - matchers: ['a=~\"(?=x)\"']\nreceivers: [{name: d}]")[0],
    ).toMatch(/:4:18: .*error parsing regexp "\(\?=x\)": invalid or unsupported Perl syntax/);
    expect(problems("route: [x]")[0]).toMatch(/route: expected a mapping, got a list/);
    expect(problems("route: {receiver: d\n")[0]).toMatch(/^monitoring\/alertmanager.yml:\d+:\d+: invalid YAML/);
  });

  it("never prints a secret URL it refuses: the parse error shows <secret> where amtool quotes the URL", () => {
    const secretPath = "T000/B000/n0tAr3alW3bh00k";
    const config = (url: string) =>
      `global:\n  slack_api_url: "${url}"\nroute:\n  receiver: team\nreceivers:\n  - name: team\n    slack_configs:\n      - channel: "#team"\n`;
    const reasons = problems(config(`https://hooks.slack.com/services/${secretPath}%zz`));
    expect(reasons).toEqual([
      'monitoring/alertmanager.yml:2:3: invalid Alertmanager configuration: parse "<secret>": invalid URL escape "%zz"',
    ]);
    // A URL that is no secret (PagerDuty's API address) is shown, as amtool shows it.
    const pagerduty = config("https://hooks.slack.com/services/x").replace(
      "global:\n",
      'global:\n  pagerduty_url: "https://events.pagerduty.com/%zz"\n',
    );
    expect(problems(pagerduty)).toEqual([
      'monitoring/alertmanager.yml:2:3: invalid Alertmanager configuration: parse "https://events.pagerduty.com/%zz": invalid URL escape "%zz"',
    ]);
  });

  it("does not follow a tree nested deeper than 64 levels", () => {
    let text = "route:\n  receiver: d\n";
    let indent = "  ";
    for (let i = 0; i < 70; i++) {
      text += `${indent}routes:\n${indent}  - receiver: d\n`;
      indent += "    ";
    }
    const reading = read(`${text}receivers: [{name: d}]\n`);
    expect(reading).toMatchObject({ ok: false, problems: [{ status: "unknown" }] });
    expect(!reading.ok && reading.problems[0]!.reason).toMatch(
      /routes nested deeper than 64 levels: readiness does not follow them/,
    );
  });

  it("leaves the routing undecided when a regex is one readiness cannot reproduce", () => {
    const reading = read("route:\n  receiver: d\n  routes:\n    - matchers: ['a=~\"x(?i)y\"']\nreceivers: [{name: d}]");
    expect(reading).toMatchObject({ ok: false, problems: [{ status: "unknown" }] });
    expect(!reading.ok && reading.problems[0]!.reason).toMatch(
      /^monitoring\/alertmanager.yml:4:18: regexp "x\(\?i\)y": .*not decided/,
    );
  });

  it("names a Kubernetes resource (a Secret holding the configuration) for what it is, at its kind", () => {
    expect(
      problems(`apiVersion: v1
kind: Secret
metadata: { name: alertmanager-main }
stringData:
  alertmanager.yaml: |
    route: { receiver: x }
    receivers: [{ name: x }]
`),
    ).toEqual([
      "monitoring/alertmanager.yml:2:1: invalid Alertmanager configuration: this is a Kubernetes Secret resource, not an Alertmanager configuration file: amtool check-config refuses it (field apiVersion not found). Give readiness the configuration it holds (the alertmanager.yaml under stringData or data)",
    ]);
  });

  it("names prometheus-operator's AlertmanagerConfig for what it is, pointing at the file Alertmanager loads", () => {
    expect(
      problems(
        "apiVersion: monitoring.coreos.com/v1alpha1\nkind: AlertmanagerConfig\nspec:\n  route: { receiver: x }\n",
      ),
    ).toEqual([
      "monitoring/alertmanager.yml:2:1: invalid Alertmanager configuration: this is a Kubernetes AlertmanagerConfig resource, not an Alertmanager configuration file: amtool check-config refuses it (field apiVersion not found). Give readiness the alertmanager.yaml Alertmanager loads (for prometheus-operator's resources, the configuration the operator generates from them)",
    ]);
  });
});
