import type { YamlPath } from "../located-yaml/located-yaml";
import type { ConfigProblem } from "./notifier-checks";
import { goString } from "./route-checks";

/**
 * The top-level `time_intervals` and `mute_time_intervals` as Alertmanager 0.25 reads them
 * (pkg/timeinterval), with amtool's messages: names present and unique across both lists, and
 * each interval's times, weekdays, days of the month, months, years and location. Returns the
 * names routes may use.
 */
const INTERVAL_FIELDS = new Set(["times", "weekdays", "days_of_month", "months", "years", "location"]);
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const CLOCK = /^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)/;

type Data = Readonly<Record<string, unknown>>;
const isRecord = (value: unknown): value is Data =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Go's strconv.Atoi, with its message. */
const atoi = (text: string): number | string =>
  /^[+-]?[0-9]+$/.test(text) ? Number(text) : `strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`;

/** "a" or "a:b"; the parts, or the message for more. */
const rangeParts = (text: string): [string, string] | string => {
  const parts = text.split(":");
  if (parts.length > 2) return `couldn't parse range ${text}, invalid format`;
  return [parts[0]!, parts[parts.length - 1]!];
};

const weekdayProblem = (text: string): string | undefined => {
  const parts = rangeParts(text);
  if (typeof parts === "string") return parts;
  const [begin, end] = parts.map((part) => WEEKDAYS.indexOf(part.toLowerCase()));
  const bad = parts.find((part) => !WEEKDAYS.includes(part.toLowerCase()));
  if (bad !== undefined) return `${bad} is not a valid weekday`;
  return begin! > end! ? "start day cannot be before end day" : undefined;
};

const dayOfMonthProblem = (text: string): string | undefined => {
  const parts = rangeParts(text);
  if (typeof parts === "string") return parts;
  const [begin, end] = parts.map(atoi);
  for (const day of [begin, end]) if (typeof day === "string") return day;
  const [b, e] = [begin as number, end as number];
  for (const day of [b, e])
    if (day === 0 || day < -31 || day > 31) return `${day} is not a valid day of the month: out of range`;
  if (b < 0 && e > 0) return "end day must be negative if start day is negative";
  // Negative days count from the month's end, judged against the shortest month.
  const [trueBegin, trueEnd] = [b < 0 ? 28 + b : b, e < 0 ? 28 + e : e];
  return trueBegin > trueEnd ? `end day ${e} is always before start day ${b}` : undefined;
};

const monthProblem = (text: string): string | undefined => {
  const parts = rangeParts(text);
  if (typeof parts === "string") return parts;
  const months: number[] = [];
  for (const part of parts) {
    const named = MONTHS.indexOf(part.toLowerCase());
    const number = named >= 0 ? named + 1 : atoi(part);
    if (typeof number === "string") return `${part} is not a valid month`;
    months.push(number);
  }
  const [begin, end] = months as [number, number];
  const name = (month: number) => MONTHS[month - 1] ?? String(month);
  return begin > end ? `end month ${name(end)} is before start month ${name(begin)}` : undefined;
};

const yearProblem = (text: string): string | undefined => {
  const parts = rangeParts(text);
  if (typeof parts === "string") return parts;
  const [begin, end] = parts.map(atoi);
  for (const year of [begin, end]) if (typeof year === "string") return year;
  return (begin as number) > (end as number) ? `end year ${end} is before start year ${begin}` : undefined;
};

const timeProblem = (range: unknown): string | undefined => {
  if (!isRecord(range)) return "times: expected start_time and end_time";
  for (const key of Object.keys(range))
    if (key !== "start_time" && key !== "end_time") return `field ${key} not found in a time range`;
  const start = goString(range.start_time) ?? "";
  const end = goString(range.end_time) ?? "";
  if (start === "" || end === "") return "both start and end times must be provided";
  for (const clock of [start, end]) if (!CLOCK.test(clock)) return `couldn't parse timestamp ${clock}, invalid format`;
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));
  return minutes(start) >= minutes(end) ? "start time cannot be equal or greater than end time" : undefined;
};

/** Go's time.LoadLocation: "UTC", "Local", or an IANA zone name (case-sensitive). */
const locationProblem = (name: string): string | undefined => {
  if (name === "" || name === "UTC" || name === "Local") return undefined;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
    // ICU accepts any case ("europe/berlin"); Go's zoneinfo files are case-sensitive.
    if (resolved.toLowerCase() === name.toLowerCase() && name.split("/").every((part) => /^[A-Z0-9+-]/.test(part)))
      return undefined;
  } catch {
    // RangeError: no such zone.
  }
  return `unknown time zone ${name}`;
};

const LIST_CHECKS: Readonly<Record<string, (text: string) => string | undefined>> = {
  weekdays: weekdayProblem,
  days_of_month: dayOfMonthProblem,
  months: monthProblem,
  years: yearProblem,
};

const intervalProblems = (interval: unknown, at: YamlPath): ConfigProblem[] => {
  if (!isRecord(interval)) return [{ at, message: "time interval: expected a mapping" }];
  const problems: ConfigProblem[] = [];
  for (const [field, value] of Object.entries(interval)) {
    const where = [...at, field];
    if (!INTERVAL_FIELDS.has(field)) problems.push({ at: where, message: `field ${field} not found in time interval` });
    else if (field === "location") {
      const problem = locationProblem(goString(value) ?? "");
      if (problem) problems.push({ at: where, message: problem });
    } else if (value !== null && !Array.isArray(value))
      problems.push({ at: where, message: `${field}: expected a list` });
    else
      for (const item of value ?? []) {
        const problem = field === "times" ? timeProblem(item) : LIST_CHECKS[field]!(goString(item) ?? "");
        if (problem) problems.push({ at: where, message: problem });
      }
  }
  return problems;
};

export const checkTimeIntervals = (data: Data): { names: Set<string>; problems: ConfigProblem[] } => {
  const names = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const list of ["mute_time_intervals", "time_intervals"]) {
    const entries = data[list];
    if (entries === undefined || entries === null) continue;
    if (!Array.isArray(entries)) {
      problems.push({ at: [list], message: `${list}: expected a list` });
      continue;
    }
    entries.forEach((entry: unknown, index: number) => {
      const at = [list, index];
      const name = isRecord(entry) ? goString(entry.name) : undefined;
      if (!isRecord(entry) || !name) {
        problems.push({ at, message: "missing name in time interval" });
        return;
      }
      if (names.has(name)) problems.push({ at, message: `time interval ${JSON.stringify(name)} is not unique` });
      names.add(name);
      for (const key of Object.keys(entry))
        if (key !== "name" && key !== "time_intervals")
          problems.push({ at: [...at, key], message: `field ${key} not found in ${list}` });
      const intervals = entry.time_intervals;
      if (intervals !== undefined && intervals !== null && !Array.isArray(intervals))
        problems.push({ at: [...at, "time_intervals"], message: "time_intervals: expected a list" });
      else
        (intervals ?? []).forEach((interval: unknown, i: number) => {
          problems.push(...intervalProblems(interval, [...at, "time_intervals", i]));
        });
    });
  }
  return { names, problems };
};
