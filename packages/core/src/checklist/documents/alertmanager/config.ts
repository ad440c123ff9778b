import {
  failAt,
  isRecord,
  kindOf,
  type LocatedDocument,
  readSingleYaml,
  type YamlPath,
} from "../located-yaml/located-yaml";
import { type DocumentFile, type DocumentFinding, type DocumentPlace, describePlace } from "../types";
import { type Matcher, newMatcher, parseMatchers } from "./matchers";
import { checkInhibitRules } from "./inhibit-rules";
import { checkGlobal, checkNotifier } from "./notifier-checks";
import { checkRouteSettings, goString } from "./route-checks";
import { checkTimeIntervals } from "./time-intervals";

/**
 * An Alertmanager configuration as its routing needs it: the route tree with each route's own
 * matchers (legacy `match`/`match_re` and `matchers`), `continue`, and the receiver it inherits
 * when it names none; and the receivers with how many notifiers each has. What Alertmanager 0.25
 * would refuse to load (no root receiver, matchers on the root, an undefined receiver, a bad
 * matcher or regex, an unknown route field) is a problem with its place, as `amtool check-config`
 * reports it.
 */

export interface Route {
  /** `route`, `route.routes[2]`, … as written in the file. */
  readonly path: string;
  readonly place: DocumentPlace;
  /** The receiver this route delivers to: its own, or the one it inherits. */
  readonly receiver: string;
  readonly matchers: readonly Matcher[];
  readonly continue: boolean;
  readonly routes: readonly Route[];
}

export interface Receiver {
  readonly name: string;
  readonly place: DocumentPlace;
  /** Entries of its `*_configs` lists (email, slack, pagerduty, webhook, …). */
  readonly notifiers: number;
}

export interface AlertmanagerConfig {
  readonly root: Route;
  readonly receivers: ReadonlyMap<string, Receiver>;
}

export type ConfigReading =
  | { readonly ok: true; readonly config: AlertmanagerConfig }
  | { readonly ok: false; readonly problems: readonly DocumentFinding[] };

const TOP_LEVEL = new Set([
  "global",
  "route",
  "receivers",
  "inhibit_rules",
  "templates",
  "mute_time_intervals",
  "time_intervals",
]);
const ROUTE_FIELDS = new Set([
  "receiver",
  "group_by",
  "continue",
  "match",
  "match_re",
  "matchers",
  "group_wait",
  "group_interval",
  "repeat_interval",
  "mute_time_intervals",
  "active_time_intervals",
  "routes",
]);
/** Notifier lists of Alertmanager up to 0.28; a misspelt one is refused, as Alertmanager refuses it. */
const NOTIFIERS = new Set(
  "discord email incidentio jira msteams msteamsv2 opsgenie pagerduty pushover rocketchat slack sns telegram victorops webex webhook wechat"
    .split(" ")
    .map((kind) => `${kind}_configs`),
);
/**
 * Alertmanager reads its configuration with Go's yaml.v2, which merges `<<: *anchor` keys; its
 * matcher lists append what they decode, so a route's own `matchers` add to merged ones.
 */
const APPENDING_LISTS: ReadonlySet<string> = new Set(["matchers", "source_matchers", "target_matchers"]);
/** Deeper trees are not followed (no real tree comes near; each level costs a stack frame). */
const MAX_DEPTH = 64;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const readAlertmanagerConfig = (file: DocumentFile): ConfigReading => {
  const reading = readSingleYaml(file, { goYamlV2Merge: { appendingLists: APPENDING_LISTS } });
  if (!reading.ok) return { ok: false, problems: [reading.finding] };
  return new ConfigReader(reading.document).read();
};

class ConfigReader {
  private readonly problems: DocumentFinding[] = [];
  /** Regexes RE2 accepts but readiness cannot reproduce: the routing cannot be decided. */
  private readonly undecided: DocumentFinding[] = [];
  /** Names of the time intervals the file defines, which routes may name. */
  private timeIntervals: ReadonlySet<string> = new Set();

  constructor(private readonly doc: LocatedDocument) {}

  read(): ConfigReading {
    const data = this.doc.data;
    if (!isRecord(data))
      return { ok: false, problems: [this.problem([], `expected a mapping at the top level, got ${kindOf(data)}`)] };
    if (typeof data.apiVersion === "string" && typeof data.kind === "string")
      // amtool lists apiVersion, kind, metadata… as unknown fields and then the missing route; the reason is the kind.
      return {
        ok: false,
        problems: [
          this.problem(
            ["kind"],
            `this is a Kubernetes ${data.kind} resource, not an Alertmanager configuration file: amtool check-config refuses it (field apiVersion not found). ${
              data.kind === "Secret" || data.kind === "ConfigMap"
                ? "Give readiness the configuration it holds (the alertmanager.yaml under stringData or data)"
                : "Give readiness the alertmanager.yaml Alertmanager loads (for prometheus-operator's resources, the configuration the operator generates from them)"
            }`,
          ),
        ],
      };
    for (const key of Object.keys(data))
      if (!TOP_LEVEL.has(key)) this.problem([key], `field ${key} not found in the Alertmanager configuration`);
    for (const found of checkGlobal(data.global)) this.problem(found.at, found.message);
    const intervals = checkTimeIntervals(data);
    this.timeIntervals = intervals.names;
    for (const found of [...intervals.problems, ...checkInhibitRules(data.inhibit_rules)])
      this.problem(found.at, found.message);
    if (data.templates !== undefined && data.templates !== null && !Array.isArray(data.templates))
      this.problem(["templates"], `templates: expected a list of file globs, got ${kindOf(data.templates)}`);
    const receivers = this.receivers(data.receivers, data.global);
    const rootData = data.route;
    if (!isRecord(rootData)) {
      this.problem(
        ["route"],
        rootData === undefined
          ? "no route provided (the routing tree's root `route:` is missing)"
          : `route: expected a mapping, got ${kindOf(rootData)}`,
      );
      return { ok: false, problems: this.problems };
    }
    if (!goString(rootData.receiver)) this.problem(["route"], "root route must specify a default receiver");
    if (rootData.match !== undefined || rootData.match_re !== undefined || rootData.matchers !== undefined)
      this.problem(["route"], "root route must not have any matchers");
    if (rootData.continue === true) this.problem(["route", "continue"], "cannot have continue in root route");
    const root = this.route(rootData, ["route"], "route", goString(rootData.receiver) ?? "", receivers);
    if (this.problems.length > 0) return { ok: false, problems: this.problems };
    if (this.undecided.length > 0) return { ok: false, problems: this.undecided };
    return { ok: true, config: { root, receivers } };
  }

  private receivers(value: unknown, global: unknown): Map<string, Receiver> {
    const receivers = new Map<string, Receiver>();
    if (value === undefined) return receivers;
    if (!Array.isArray(value)) {
      this.problem(["receivers"], `receivers: expected a list, got ${kindOf(value)}`);
      return receivers;
    }
    value.forEach((entry, index) => {
      const path = ["receivers", index];
      const name = isRecord(entry) ? goString(entry.name) : undefined;
      if (!isRecord(entry) || !name) {
        this.problem(path, "missing name in receiver");
        return;
      }
      if (receivers.has(name)) this.problem(path, `notification config name "${name}" is not unique`);
      let notifiers = 0;
      for (const [key, configs] of Object.entries(entry)) {
        if (key === "name") continue;
        if (!NOTIFIERS.has(key)) this.problem([...path, key], `field ${key} not found in receiver "${name}"`);
        else if (configs !== null && !Array.isArray(configs))
          this.problem([...path, key], `${key}: expected a list, got ${kindOf(configs)}`);
        else {
          notifiers += configs?.length ?? 0;
          (configs ?? []).forEach((config: unknown, index: number) => {
            for (const found of checkNotifier(key, config, global, [...path, key, index]))
              this.problem(found.at, `receiver "${name}": ${found.message}`);
          });
        }
      }
      receivers.set(name, { name, place: this.doc.placeOf(path), notifiers });
    });
    return receivers;
  }

  private route(
    data: Record<string, unknown>,
    at: YamlPath,
    path: string,
    inherited: string,
    receivers: ReadonlyMap<string, Receiver>,
  ): Route {
    for (const key of Object.keys(data))
      if (!ROUTE_FIELDS.has(key)) this.problem([...at, key], `field ${key} not found in route`);
    for (const found of checkRouteSettings(data, at, at.length === 1, this.timeIntervals))
      this.problem(found.at, found.message);
    const own = data.receiver === undefined || data.receiver === null ? undefined : goString(data.receiver);
    if (data.receiver !== undefined && data.receiver !== null && own === undefined)
      this.problem([...at, "receiver"], `receiver: expected a string, got ${kindOf(data.receiver)}`);
    const receiver = own ? own : inherited;
    if (own && !receivers.has(own)) this.problem([...at, "receiver"], `undefined receiver "${own}" used in route`);
    const isContinue = data.continue ?? false;
    if (typeof isContinue !== "boolean")
      this.problem([...at, "continue"], `continue: expected true or false, got ${kindOf(isContinue)}`);
    const matchers = this.matchers(data, at);
    const children: Route[] = [];
    const depth = (at.length - 1) / 2;
    if (depth >= MAX_DEPTH && Array.isArray(data.routes) && data.routes.length > 0)
      this.undecided.push({
        status: "unknown",
        reason: `${describePlace(this.doc.placeOf(at))}: routes nested deeper than ${MAX_DEPTH} levels: readiness does not follow them, so the routing is not decided`,
        place: this.doc.placeOf(at),
      });
    else if (data.routes !== undefined && data.routes !== null) {
      if (!Array.isArray(data.routes))
        this.problem([...at, "routes"], `routes: expected a list, got ${kindOf(data.routes)}`);
      else
        data.routes.forEach((child, index) => {
          const childAt = [...at, "routes", index];
          if (!isRecord(child)) this.problem(childAt, `route: expected a mapping, got ${kindOf(child)}`);
          else children.push(this.route(child, childAt, `${path}.routes[${index}]`, receiver, receivers));
        });
    }
    return { path, place: this.doc.placeOf(at), receiver, matchers, continue: isContinue === true, routes: children };
  }

  /** The order of Alertmanager's `NewRoute`: `match`, then `match_re`, then `matchers`. */
  private matchers(data: Record<string, unknown>, at: YamlPath): Matcher[] {
    const result: Matcher[] = [];
    for (const [field, type] of [
      ["match", "="],
      ["match_re", "=~"],
    ] as const) {
      const map = data[field];
      if (map === undefined || map === null) continue;
      if (!isRecord(map)) {
        this.problem([...at, field], `${field}: expected a mapping of label names to values, got ${kindOf(map)}`);
        continue;
      }
      for (const [name, value] of Object.entries(map)) {
        if (!LABEL_NAME.test(name)) this.problem([...at, field, name], `invalid label name "${name}"`);
        else if (goString(value) === undefined)
          this.problem([...at, field, name], `${field}.${name}: expected a string, got ${kindOf(value)}`);
        else {
          const made = newMatcher(type, name, goString(value)!);
          if (made.ok) result.push(made.matcher);
          else this.matcherProblem([...at, field, name], made.kind, made.message);
        }
      }
    }
    const lines = data.matchers;
    if (lines !== undefined && lines !== null) {
      if (!Array.isArray(lines))
        this.problem([...at, "matchers"], `matchers: expected a list of strings, got ${kindOf(lines)}`);
      else
        lines.forEach((line, index) => {
          if (typeof line !== "string") {
            this.problem([...at, "matchers", index], `matchers: expected a string, got ${kindOf(line)}`);
            return;
          }
          const parsed = parseMatchers(line);
          if (parsed.ok) result.push(...parsed.matchers);
          else this.matcherProblem([...at, "matchers", index], parsed.kind, parsed.message);
        });
    }
    return result;
  }

  private matcherProblem(at: YamlPath, kind: "invalid" | "unsupported", message: string): void {
    if (kind === "invalid") this.problem(at, message);
    else
      this.undecided.push({
        status: "unknown",
        reason: `${failAt(this.doc.placeOf(at), "").reason}${message}: readiness cannot reproduce it, so the routing is not decided`,
        place: this.doc.placeOf(at),
      });
  }

  private problem(at: YamlPath, message: string): DocumentFinding {
    const finding = failAt(this.doc.placeOf(at), `invalid Alertmanager configuration: ${message}`);
    this.problems.push(finding);
    return finding;
  }
}
