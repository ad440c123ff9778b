import { failAt, isRecord, kindOf, type LocatedDocument, type YamlPath } from "../located-yaml/located-yaml";
import type { DocumentFinding } from "../types";
import type { ScheduleReading } from "./pagerduty";
import type { Layer, Restriction } from "./schedule";
import { instantOf, isTimeZone } from "./time-zone";

/**
 * readiness's own on-call rotation (docs/documents.md, "oncall"): for a team without PagerDuty, or
 * to keep the rotation in the repository.
 *
 *   timeZone: Europe/Berlin
 *   rotations:                       # the later rotation wins where its hours apply
 *     - name: primary
 *       start: "2026-12-07T09:00"    # local time: the rotation starts and first hands off
 *       handoff: 1w                  # each turn: Nh, Nd or Nw
 *       people: [alice@example.com, bob@example.com]
 *       until: "2027-06-01T00:00"    # optional end
 *       hours:                       # optional: when this rotation is on call
 *         - { days: [sat, sun], from: "00:00", to: "24:00" }   # days optional (every day)
 *
 * Each rotation becomes a PagerDuty-style layer; hours become daily restrictions, or weekly ones
 * when they name days. A `to` at or before `from` runs past midnight.
 */

export const isRotationFile = (data: unknown): boolean => isRecord(data) && "rotations" in data;

const TOP_FIELDS = new Set(["name", "timeZone", "rotations"]);
const ROTATION_FIELDS = new Set(["name", "start", "until", "handoff", "people", "hours"]);
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const UNIT_SECONDS: Record<string, number> = { h: 3600, d: 86_400, w: 604_800 };

export const readRotationFile = (doc: LocatedDocument, file: string): ScheduleReading => {
  const data = doc.data as Record<string, unknown>;
  const problems: DocumentFinding[] = [];
  const problem = (path: YamlPath, message: string) => problems.push(failAt(doc.placeOf(path), message));
  for (const key of Object.keys(data))
    if (!TOP_FIELDS.has(key)) problem([key], `unknown field ${key} (fields: name, timeZone, rotations)`);
  const timeZone = data.timeZone;
  if (typeof timeZone !== "string" || !isTimeZone(timeZone)) {
    problem(["timeZone"], `timeZone must be an IANA time zone (e.g. Europe/Berlin), got ${kindOf(timeZone)}`);
    return { ok: false, problems };
  }
  if (!Array.isArray(data.rotations) || data.rotations.length === 0) {
    problem(["rotations"], "rotations is empty: no one is ever on call");
    return { ok: false, problems };
  }
  const layers: Layer[] = [];
  data.rotations.forEach((rotation, index) => {
    const at = ["rotations", index];
    if (!isRecord(rotation)) {
      problem(at, `rotation ${index + 1}: expected a mapping, got ${kindOf(rotation)}`);
      return;
    }
    const label = typeof rotation.name === "string" ? `rotation ${rotation.name}` : `rotation ${index + 1}`;
    const fail = (field: string, message: string) => problem([...at, field], `${label}: ${message}`);
    for (const key of Object.keys(rotation))
      if (!ROTATION_FIELDS.has(key)) fail(key, `unknown field ${key} (fields: ${[...ROTATION_FIELDS].join(", ")})`);
    const start = localInstant(timeZone, rotation.start);
    if (start === undefined)
      fail("start", `start must be a local date-time like "2026-12-07T09:00", got ${kindOf(rotation.start)}`);
    const until = rotation.until === undefined ? undefined : localInstant(timeZone, rotation.until);
    if (rotation.until !== undefined && until === undefined)
      fail("until", `until must be a local date-time like "2027-06-01T00:00", got ${kindOf(rotation.until)}`);
    const turn = typeof rotation.handoff === "string" ? /^(\d+)([hdw])$/.exec(rotation.handoff) : null;
    if (!turn || Number(turn[1]) === 0)
      fail("handoff", `handoff must be a duration like 12h, 1d or 1w, got ${kindOf(rotation.handoff)}`);
    const people = rotation.people;
    if (!Array.isArray(people) || people.length === 0 || !people.every((p) => typeof p === "string" && p !== ""))
      fail("people", `people must list who rotates (names or emails), got ${kindOf(people)}`);
    const restrictions = hoursOf(rotation.hours, (path, message) =>
      problem([...at, "hours", ...path], `${label}: ${message}`),
    );
    if (problems.length > 0) return;
    layers.push({
      name: typeof rotation.name === "string" ? rotation.name : `rotation ${index + 1}`,
      place: doc.placeOf(at),
      start: start!,
      virtualStart: start!,
      ...(until !== undefined ? { end: until } : {}),
      turnSeconds: Number(turn![1]) * UNIT_SECONDS[turn![2]!]!,
      users: people as string[],
      restrictions,
    });
  });
  if (problems.length > 0) return { ok: false, problems };
  const name = typeof data.name === "string" ? data.name : file;
  return { ok: true, schedule: { name, timeZone, place: doc.placeOf([]), layers } };
};

/** `2026-12-07T09:00[:00]` in the zone, or with an explicit offset or Z. */
const localInstant = (timeZone: string, value: unknown): number | undefined => {
  if (typeof value !== "string") return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!match) return undefined;
  if (match[7]) return Date.parse(value.replace(" ", "T"));
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  return instantOf(timeZone, { year, month, day, hour, minute, second });
};

/** "09:00" → seconds after midnight; "24:00" is the end of the day. */
const clock = (value: unknown): number | undefined => {
  const match = typeof value === "string" ? /^(\d{2}):(\d{2})$/.exec(value) : null;
  if (!match) return undefined;
  const seconds = Number(match[1]) * 3600 + Number(match[2]) * 60;
  return Number(match[2]) < 60 && seconds <= 86_400 ? seconds : undefined;
};

const hoursOf = (value: unknown, problem: (path: YamlPath, message: string) => void): Restriction[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0) {
    problem([], `hours must list windows ({ days, from, to }), got ${kindOf(value)}`);
    return [];
  }
  const restrictions: Restriction[] = [];
  for (const [index, window] of value.entries()) {
    if (!isRecord(window)) {
      problem([index], `hours ${index + 1}: expected { days, from, to }, got ${kindOf(window)}`);
      continue;
    }
    const from = clock(window.from);
    const to = clock(window.to);
    if (from === undefined || from === 86_400 || to === undefined) {
      problem([index], `hours ${index + 1}: from and to must be times like "09:00" (to may be "24:00")`);
      continue;
    }
    const duration = to > from ? to - from : to - from + 86_400;
    if (window.days === undefined) {
      restrictions.push({ type: "daily", startSecondOfDay: from, durationSeconds: duration });
      continue;
    }
    const days = Array.isArray(window.days)
      ? window.days.map((d) => (typeof d === "string" ? DAYS.indexOf(d.toLowerCase().slice(0, 3)) : -1))
      : [-1];
    if (days.length === 0 || days.includes(-1)) {
      problem(
        [index, "days"],
        `hours ${index + 1}: days must list mon, tue, wed, thu, fri, sat or sun, got ${kindOf(window.days)}`,
      );
      continue;
    }
    for (const day of days)
      restrictions.push({ type: "weekly", startSecondOfDay: from, durationSeconds: duration, startDayOfWeek: day + 1 });
  }
  return restrictions;
};
