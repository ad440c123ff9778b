/**
 * Wall-clock time in an IANA time zone with `Intl` alone: on-call days, handoffs and restrictions
 * are local to the schedule's zone, and a day in a zone that changes to or from summer time lasts
 * 23 or 25 hours. Instants are epoch milliseconds.
 */

export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** A calendar date, `YYYY-MM-DD`. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterOf = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

export const isTimeZone = (name: string): boolean => {
  try {
    formatterOf(name);
    return true;
  } catch {
    return false;
  }
};

/** The wall-clock time at `instant` in `timeZone`. */
export const localOf = (timeZone: string, instant: number): LocalDateTime => {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(instant)))
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
};

const wallAsUtc = (local: LocalDateTime): number =>
  Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);

/** Milliseconds the zone is ahead of UTC at `instant`. */
const offsetAt = (timeZone: string, instant: number): number =>
  wallAsUtc(localOf(timeZone, Math.floor(instant / 1000) * 1000)) - Math.floor(instant / 1000) * 1000;

/**
 * The instant a wall-clock time names in `timeZone`. A time that does not exist (skipped when the
 * clocks go forward) is taken as the same moment of the clock before the change, i.e. later by the
 * skipped hour; a time that exists twice (when the clocks go back) is its first occurrence.
 */
export const instantOf = (timeZone: string, local: LocalDateTime): number => {
  const wall = wallAsUtc(local);
  const before = wall - offsetAt(timeZone, wall - 86_400_000);
  const after = wall - offsetAt(timeZone, wall + 86_400_000);
  // Either offset may be the one in force; the earliest candidate that shows this wall time wins.
  for (const candidate of [Math.min(before, after), Math.max(before, after)])
    if (wallAsUtc(localOf(timeZone, candidate)) === wall) return candidate;
  return before;
};

export const addDays = (date: LocalDate, days: number): LocalDate => {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
};

/** ISO weekday: 1 Monday … 7 Sunday. */
export const weekdayOf = (date: LocalDate): number => {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return day === 0 ? 7 : day;
};

export const parseLocalDate = (text: string): LocalDate | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = addDays(date, 0);
  return check.year === date.year && check.month === date.month && check.day === date.day ? date : undefined;
};

export const formatDate = (date: LocalDate): string =>
  `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;

/** The instants a local day starts and ends at. */
export const dayBounds = (timeZone: string, date: LocalDate): { start: number; end: number } => ({
  start: instantOf(timeZone, { ...date, hour: 0, minute: 0, second: 0 }),
  end: instantOf(timeZone, { ...addDays(date, 1), hour: 0, minute: 0, second: 0 }),
});

/** "09:30" (or "09:30:15"), local to the zone; the end of `day` reads "24:00". */
export const formatTime = (timeZone: string, instant: number, day?: LocalDate): string => {
  const local = localOf(timeZone, instant);
  if (day && (local.year !== day.year || local.month !== day.month || local.day !== day.day)) return "24:00";
  const hm = `${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}`;
  return local.second ? `${hm}:${String(local.second).padStart(2, "0")}` : hm;
};
