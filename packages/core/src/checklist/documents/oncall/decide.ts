/*
 * oncall, document part.
 * Given a PagerDuty schedule (REST API JSON) or readiness's rotation YAML that puts a primary on call at every moment of launchDate and of today (local days of the schedule's time zone) → pass, naming who is primary when.
 * Given a gap of any length on either day → fail, naming the day, each gap and who is primary around it.
 * Given an empty schedule (no layers or rotations, a layer without users), a missing field or an unreadable file → fail with file:line.
 * Given no launchDate → today is still checked, and the launch day is unknown. Given no on-call file → unknown.
 */
import { failAt, readSingleYaml } from "../located-yaml/located-yaml";
import { neverThrows } from "../decider-guard/decider-guard";
import { describePlace, type DocumentFile, type DocumentFinding, type DocumentVerdict, verdictOf } from "../types";
import { isPagerDutySchedule, readPagerDutySchedule, type ScheduleReading } from "./pagerduty";
import { isRotationFile, readRotationFile } from "./rotation";
import { primaryShifts, type Schedule, type Shift } from "./schedule";
import { dayBounds, formatDate, formatTime, type LocalDate, localOf, parseLocalDate } from "./time-zone";

export interface OncallInput {
  readonly file?: DocumentFile;
  /** readiness.yml's `launchDate`, `YYYY-MM-DD`, a day of the schedule's time zone. */
  readonly launchDate?: string;
  /** The moment "today" is taken from (injected: deciders never read the clock). */
  readonly now: Date;
}

const decideOncallUnguarded = ({ file, launchDate, now }: OncallInput): DocumentVerdict => {
  if (!file) return verdictOf([{ status: "unknown", reason: "no on-call rotation configured (documents.oncall)" }], "");
  const reading = readSchedule(file);
  if (!reading.ok) return verdictOf(reading.problems, "");
  const { schedule } = reading;
  const today = localOf(schedule.timeZone, now.getTime());
  const days: { label: string; date: LocalDate }[] = [];
  const findings: DocumentFinding[] = [];
  if (launchDate === undefined)
    findings.push({
      status: "unknown",
      reason: "no launchDate in readiness.yml: the launch day's primary is not decided",
    });
  else {
    const date = parseLocalDate(launchDate);
    if (!date) findings.push({ status: "fail", reason: `launchDate "${launchDate}" is not a date (YYYY-MM-DD)` });
    else days.push({ label: "launch day", date });
  }
  const todayDate = { year: today.year, month: today.month, day: today.day };
  if (!days.some((d) => formatDate(d.date) === formatDate(todayDate))) days.push({ label: "today", date: todayDate });
  else days[0] = { label: "launch day (today)", date: todayDate };

  const passes: string[] = [];
  for (const { label, date } of days) {
    const { start, end } = dayBounds(schedule.timeZone, date);
    const shifts = primaryShifts(schedule, start, end);
    const when = `${label} ${formatDate(date)} (${schedule.timeZone})`;
    const gaps = shifts.filter((s) => s.user === undefined);
    const primaries = shifts.filter((s) => s.user !== undefined);
    const who = primaries.map((s) => `${s.user} ${span(schedule, s, date)} (${s.layer})`).join(", ");
    if (gaps.length > 0)
      findings.push({
        status: "fail",
        reason: `${describePlace(schedule.place)}: schedule ${schedule.name}, ${when}: no primary ${gaps.map((g) => span(schedule, g, date)).join(", ")}; ${who ? `primary ${who}` : "no one is primary all day"}`,
        place: schedule.place,
        subject: label,
      });
    else {
      findings.push({ status: "pass", reason: `${when}: ${who}`, place: schedule.place, subject: label });
      passes.push(`${when}: ${who}`);
    }
  }
  return verdictOf(findings, `schedule ${schedule.name}: ${passes.join("; ")}`);
};

const span = (schedule: Schedule, shift: Shift, date: LocalDate): string =>
  `${formatTime(schedule.timeZone, shift.from, date)}–${formatTime(schedule.timeZone, shift.to, date)}`;

const readSchedule = (file: DocumentFile): ScheduleReading => {
  const reading = readSingleYaml(file);
  if (!reading.ok) return { ok: false, problems: [reading.finding] };
  const { document } = reading;
  if (isPagerDutySchedule(document.data)) return readPagerDutySchedule(document);
  if (isRotationFile(document.data)) return readRotationFile(document, file.path);
  return {
    ok: false,
    problems: [
      failAt(
        document.placeOf([]),
        "not an on-call schedule: expected a PagerDuty schedule (its REST API JSON: schedule.schedule_layers) or readiness's rotation YAML (timeZone, rotations)",
      ),
    ],
  };
};

export const decideOncall = neverThrows(
  "oncall",
  (input: OncallInput) => (input.file ? [input.file.path] : []),
  decideOncallUnguarded,
);
