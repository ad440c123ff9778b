import type { YamlPath } from "../located-yaml/located-yaml";
import { parseDuration } from "../prometheus/duration";
import type { ConfigProblem } from "./notifier-checks";

/**
 * What Alertmanager 0.25 checks in a route besides its receiver and matchers (`Route.UnmarshalYAML`
 * and `Config.UnmarshalYAML`), with amtool's messages: durations, group_by, and the time intervals
 * it names. None changes where an alert goes, but each makes Alertmanager refuse the file.
 */

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A YAML scalar as Go's yaml.v2 decodes it into a string field (`code: 500` is "500"). */
export const goString = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : undefined;

const durationProblems = (data: Readonly<Record<string, unknown>>, at: YamlPath): ConfigProblem[] =>
  ["group_wait", "group_interval", "repeat_interval"].flatMap((field) => {
    const value = data[field];
    if (value === undefined || value === null) return [];
    const parsed = parseDuration(goString(value) ?? "");
    if (!parsed.ok) return [{ at: [...at, field], message: parsed.error }];
    if (parsed.ms === 0 && field !== "group_wait") return [{ at: [...at, field], message: `${field} cannot be zero` }];
    return [];
  });

const groupByProblems = (groupBy: unknown, at: YamlPath): ConfigProblem[] => {
  if (groupBy === undefined || groupBy === null) return [];
  const where = [...at, "group_by"];
  if (!Array.isArray(groupBy)) return [{ at: where, message: "group_by: expected a list of label names" }];
  const labels = groupBy.map((label) => goString(label) ?? "");
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const label of labels) {
    if (label === "...") continue;
    if (!LABEL_NAME.test(label))
      problems.push({ at: where, message: `invalid label name ${JSON.stringify(label)} in group_by list` });
    else if (seen.has(label))
      problems.push({ at: where, message: `duplicated label ${JSON.stringify(label)} in group_by` });
    seen.add(label);
  }
  if (labels.includes("...") && labels.length > 1)
    problems.push({
      at: where,
      message: "cannot have wildcard group_by (`...`) and other other labels at the same time",
    });
  return problems;
};

const timeIntervalProblems = (
  data: Readonly<Record<string, unknown>>,
  at: YamlPath,
  isRoot: boolean,
  timeIntervals: ReadonlySet<string>,
): ConfigProblem[] =>
  (["mute_time_intervals", "active_time_intervals"] as const).flatMap((field) => {
    const names = data[field];
    if (names === undefined || names === null) return [];
    const where = [...at, field];
    if (!Array.isArray(names)) return [{ at: where, message: `${field}: expected a list of time interval names` }];
    if (isRoot && names.length > 0)
      return [
        {
          at: where,
          message: `root route must not have any ${field === "mute_time_intervals" ? "mute" : "active"} time intervals`,
        },
      ];
    return names.flatMap((name) => {
      const text = goString(name) ?? "";
      return timeIntervals.has(text)
        ? []
        : [{ at: where, message: `undefined time interval ${JSON.stringify(text)} used in route` }];
    });
  });

export const checkRouteSettings = (
  data: Readonly<Record<string, unknown>>,
  at: YamlPath,
  isRoot: boolean,
  timeIntervals: ReadonlySet<string>,
): ConfigProblem[] => [
  ...durationProblems(data, at),
  ...groupByProblems(data.group_by, at),
  ...timeIntervalProblems(data, at, isRoot, timeIntervals),
];
