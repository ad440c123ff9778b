import { failAt, isRecord, kindOf, type LocatedDocument, type YamlPath } from "../located-yaml/located-yaml";
import type { DocumentFinding } from "../types";
import type { Layer, Restriction, Schedule } from "./schedule";
import { isTimeZone } from "./time-zone";

/**
 * A PagerDuty schedule as its REST API returns it (`GET /schedules/{id}`: `{ "schedule": {…} }`, or
 * the schedule object itself): `time_zone`, and `schedule_layers` each with `start`, `end` (null:
 * no end), `rotation_virtual_start`, `rotation_turn_length_seconds`, `users` (`{ user: { id,
 * summary } }`, in rotation order) and `restrictions` (`daily_restriction` or `weekly_restriction`
 * with `start_time_of_day`, `duration_seconds` and, weekly, `start_day_of_week`). Layers are listed
 * lowest precedence first. Overrides are not part of this object and are not read.
 */

export type ScheduleReading =
  | { readonly ok: true; readonly schedule: Schedule }
  | { readonly ok: false; readonly problems: readonly DocumentFinding[] };

export const isPagerDutySchedule = (data: unknown): boolean =>
  isRecord(data) && (isRecord(data.schedule) || Array.isArray(data.schedule_layers) || "schedule_layers" in data);

const MIN_TURN_SECONDS = 60;

export const readPagerDutySchedule = (doc: LocatedDocument): ScheduleReading => {
  const root = doc.data as Record<string, unknown>;
  const base: YamlPath = isRecord(root.schedule) ? ["schedule"] : [];
  const data = (isRecord(root.schedule) ? root.schedule : root) as Record<string, unknown>;
  const problems: DocumentFinding[] = [];
  const problem = (path: YamlPath, message: string) => problems.push(failAt(doc.placeOf([...base, ...path]), message));
  const name = typeof data.name === "string" ? data.name : typeof data.id === "string" ? data.id : "(unnamed)";
  const timeZone = data.time_zone;
  if (typeof timeZone !== "string" || !isTimeZone(timeZone))
    problem(
      ["time_zone"],
      `schedule ${name}: time_zone must be an IANA time zone (e.g. Europe/Berlin), got ${kindOf(timeZone)}`,
    );
  const layersData = data.schedule_layers;
  if (layersData === undefined && Array.isArray(data.rotations)) {
    problem(
      ["rotations"],
      `schedule ${name} is in PagerDuty's v3 form (rotations), which readiness does not read: save it from the v2 API (GET /schedules/{id}, with schedule_layers)`,
    );
    return { ok: false, problems };
  }
  if (!Array.isArray(layersData) || layersData.length === 0) {
    problem(["schedule_layers"], `schedule ${name} has no schedule_layers: no one is ever on call`);
    return { ok: false, problems };
  }
  const instant = (value: unknown, path: YamlPath, what: string, optional = false): number | undefined => {
    if (optional && (value === null || value === undefined)) return undefined;
    const parsed = typeof value === "string" && /\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(parsed)) problem(path, `${what} must be an ISO 8601 date-time, got ${kindOf(value)}`);
    return parsed;
  };
  const layers: Layer[] = [];
  layersData.forEach((layer, index) => {
    const at = ["schedule_layers", index];
    if (!isRecord(layer)) {
      problem(at, `layer ${index + 1}: expected a mapping, got ${kindOf(layer)}`);
      return;
    }
    const label = `layer ${typeof layer.name === "string" ? `"${layer.name}"` : index + 1}`;
    const start = instant(layer.start, [...at, "start"], `${label}: start`);
    const end = instant(layer.end, [...at, "end"], `${label}: end`, true);
    const virtualStart = instant(
      layer.rotation_virtual_start,
      [...at, "rotation_virtual_start"],
      `${label}: rotation_virtual_start`,
    );
    const turn = layer.rotation_turn_length_seconds;
    if (typeof turn !== "number" || !Number.isInteger(turn) || turn < MIN_TURN_SECONDS)
      problem(
        [...at, "rotation_turn_length_seconds"],
        `${label}: rotation_turn_length_seconds must be a whole number of seconds, at least ${MIN_TURN_SECONDS}, got ${kindOf(turn)}`,
      );
    const users = Array.isArray(layer.users) ? layer.users.map(userName) : [];
    if (users.length === 0) problem([...at, "users"], `${label} has no users: it puts no one on call`);
    users.forEach((user, i) => {
      if (user === undefined) problem([...at, "users", i], `${label}: a user entry needs user.id or user.summary`);
    });
    const restrictions = restrictionsOf(layer.restrictions, (path, message) =>
      problem([...at, "restrictions", ...path], `${label}: ${message}`),
    );
    if (problems.length > 0) return;
    layers.push({
      name: typeof layer.name === "string" ? layer.name : `layer ${index + 1}`,
      place: doc.placeOf([...base, ...at]),
      start: start!,
      ...(end !== undefined ? { end } : {}),
      virtualStart: virtualStart!,
      turnSeconds: turn as number,
      users: users as string[],
      restrictions,
    });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, schedule: { name, timeZone: timeZone as string, place: doc.placeOf(base), layers } };
};

const userName = (entry: unknown): string | undefined => {
  const user = isRecord(entry) && isRecord(entry.user) ? entry.user : entry;
  if (!isRecord(user)) return undefined;
  for (const key of ["summary", "name", "email", "id"])
    if (typeof user[key] === "string" && user[key] !== "") return user[key] as string;
  return undefined;
};

/** `HH:MM:SS` (PagerDuty) or `HH:MM` as seconds after midnight. */
export const secondOfDay = (text: unknown): number | undefined => {
  const match = typeof text === "string" ? /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text) : null;
  if (!match) return undefined;
  const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  return h < 24 && m < 60 && s < 60 ? h * 3600 + m * 60 + s : undefined;
};

const restrictionsOf = (value: unknown, problem: (path: YamlPath, message: string) => void): Restriction[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problem([], `restrictions must be a list, got ${kindOf(value)}`);
    return [];
  }
  const restrictions: Restriction[] = [];
  for (const [index, entry] of value.entries()) {
    const restriction = restrictionOf(entry, (path, message) =>
      problem([index, ...path], `restriction ${index + 1}: ${message}`),
    );
    if (restriction) restrictions.push(restriction);
  }
  return restrictions;
};

const restrictionOf = (entry: unknown, problem: (path: YamlPath, message: string) => void): Restriction | undefined => {
  if (!isRecord(entry)) {
    problem([], `expected a mapping, got ${kindOf(entry)}`);
    return undefined;
  }
  const type =
    entry.type === "daily_restriction" ? "daily" : entry.type === "weekly_restriction" ? "weekly" : undefined;
  if (!type) {
    problem(["type"], `type must be daily_restriction or weekly_restriction, got ${kindOf(entry.type)}`);
    return undefined;
  }
  const start = secondOfDay(entry.start_time_of_day);
  if (start === undefined) {
    problem(["start_time_of_day"], `start_time_of_day must be HH:MM:SS, got ${kindOf(entry.start_time_of_day)}`);
    return undefined;
  }
  const limit = type === "daily" ? 86_400 : 604_800;
  const duration = entry.duration_seconds;
  if (typeof duration !== "number" || duration <= 0 || duration > limit) {
    problem(["duration_seconds"], `duration_seconds must be between 1 and ${limit}, got ${kindOf(duration)}`);
    return undefined;
  }
  const day = entry.start_day_of_week;
  if (type === "weekly" && (typeof day !== "number" || !Number.isInteger(day) || day < 1 || day > 7)) {
    problem(
      ["start_day_of_week"],
      `a weekly_restriction needs start_day_of_week 1 (Monday) to 7 (Sunday), got ${kindOf(day)}`,
    );
    return undefined;
  }
  return {
    type,
    startSecondOfDay: start,
    durationSeconds: duration,
    ...(type === "weekly" ? { startDayOfWeek: day as number } : {}),
  };
};
