/*
 * alert-routing, document part.
 * Given each required alert (its rule's labels plus alertname) routed through the Alertmanager tree to at least one receiver that is not the root's default and has a notifier → pass.
 * Given a service team: the alert must also carry team=<team> and reach that receiver through a route (below the root) that matches on that team; a catch-all team matcher (one that matches any value) does not count.
 * Given an alert that ends only at the root default, at a receiver without notifiers, or (with a team) only through routes that do not match on the team → fail, naming the alert, its labels, the receivers and routes it reached.
 * Given a configuration Alertmanager would refuse → fail with its file:line; a regex readiness cannot reproduce → unknown.
 * Given no Alertmanager file, or no required alert → unknown.
 */
import { neverThrows } from "../decider-guard/decider-guard";
import {
  describePlace,
  type DocumentFile,
  type DocumentFinding,
  type DocumentPlace,
  type DocumentVerdict,
  verdictOf,
} from "../types";
import { type AlertmanagerConfig, readAlertmanagerConfig } from "./config";
import { describeMatcher, type Labels, type Matcher } from "./matchers";
import { matchRoutes, type RouteMatch } from "./route-tree";

/** An alert the checklist requires, as its Prometheus rule declares it. */
export interface RequiredAlert {
  readonly name: string;
  /** The rule's static labels (series labels are unknown before the alert fires). */
  readonly labels: Readonly<Record<string, string>>;
  readonly place?: DocumentPlace;
}

export interface AlertRoutingInput {
  readonly alertmanager?: DocumentFile;
  readonly alerts: readonly RequiredAlert[];
  /** The owning team (`services[].team` in readiness.yml). */
  readonly team?: string;
}

/** A value no real team is called: a team matcher that also matches it matches every team. */
const OTHER_TEAM_PROBE = "\u0001";

const decideAlertRoutingUnguarded = (input: AlertRoutingInput): DocumentVerdict => {
  if (!input.alertmanager)
    return verdictOf(
      [{ status: "unknown", reason: "no Alertmanager configuration configured (documents.alertmanager)" }],
      "",
    );
  if (input.alerts.length === 0)
    return verdictOf(
      [{ status: "unknown", reason: "no required alert to route: none was found in the Prometheus rules" }],
      "",
    );
  const reading = readAlertmanagerConfig(input.alertmanager);
  if (!reading.ok) return verdictOf(reading.problems, "");
  const findings = input.alerts.map((alert) => routeAlert(alert, reading.config, input.alertmanager!.path, input.team));
  const teamPart = input.team ? ` of team ${input.team}` : "";
  return verdictOf(findings, `${findings.length} required alert(s) reach a notifying receiver${teamPart}`);
};

const routeAlert = (
  alert: RequiredAlert,
  config: AlertmanagerConfig,
  file: string,
  team: string | undefined,
): DocumentFinding => {
  const labels: Labels = { ...alert.labels, alertname: alert.name };
  const who = `alert ${alert.name} ${describeLabels(labels)}${alert.place ? ` (${describePlace(alert.place)})` : ""}`;
  const fail = (why: string): DocumentFinding => ({
    status: "fail",
    reason: `${who}: ${why}`,
    subject: alert.name,
    ...(alert.place ? { place: alert.place } : {}),
  });
  if (team !== undefined && labels.team !== team)
    return fail(
      labels.team === undefined
        ? `carries no team label; the service's team is "${team}"`
        : `carries team="${labels.team}", but the service's team is "${team}"`,
    );

  const matched = matchRoutes(config.root, labels);
  const rootReceiver = config.root.receiver;
  const notifying = matched.filter(
    (m) => m.route.receiver !== rootReceiver && (config.receivers.get(m.route.receiver)?.notifiers ?? 0) > 0,
  );
  const delivering = team === undefined ? notifying : notifying.filter((m) => onTeamRoute(m, team));
  if (delivering.length > 0) {
    const first = delivering[0]!;
    return {
      status: "pass",
      reason: `${who} → receiver ${first.route.receiver} via ${first.route.path} (${describePlace(first.route.place)})`,
      subject: alert.name,
      place: first.route.place,
    };
  }
  const reached = matched.map((m) => describeEnd(m, config, rootReceiver)).join("; ");
  if (notifying.length > 0)
    return fail(
      `reaches ${reached}, but no route on the way matches on team="${team}" (only the root or a catch-all route delivers it)`,
    );
  return fail(`reaches only ${reached}; add a route that sends it to a receiver with a notifier (${file})`);
};

const onTeamRoute = (match: RouteMatch, team: string): boolean =>
  match.path.slice(1).some((route) => route.matchers.some((m) => isTeamMatcher(m, team)));

const isTeamMatcher = (matcher: Matcher, team: string): boolean =>
  matcher.name === "team" &&
  ((matcher.type === "=" && matcher.value === team) ||
    (matcher.type === "=~" && matcher.regex!.test(team) && !matcher.regex!.test(OTHER_TEAM_PROBE)));

const describeEnd = (match: RouteMatch, config: AlertmanagerConfig, rootReceiver: string): string => {
  const { route } = match;
  const where = `${route.path} (${describePlace(route.place)})`;
  if (route.receiver === rootReceiver)
    return route.path === "route"
      ? `the root default receiver ${rootReceiver} (no route below the root matches)`
      : `the root default receiver ${rootReceiver} through ${where}, which names no receiver of its own`;
  const receiver = config.receivers.get(route.receiver);
  if (!receiver || receiver.notifiers === 0)
    return `receiver ${route.receiver} via ${where}, which has no notifier${receiver ? ` (${describePlace(receiver.place)})` : ""}`;
  const matchers = route.matchers.map(describeMatcher).join(", ");
  return `receiver ${route.receiver} via ${where}${matchers ? ` matching {${matchers}}` : ""}`;
};

const describeLabels = (labels: Labels): string =>
  `{${Object.keys(labels)
    .sort()
    .map((name) => `${name}="${labels[name]}"`)
    .join(", ")}}`;

export const decideAlertRouting = neverThrows(
  "alert-routing",
  (input: AlertRoutingInput) => (input.alertmanager ? [input.alertmanager.path] : []),
  decideAlertRoutingUnguarded,
);
