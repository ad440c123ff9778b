import type { DocumentPlace } from "../types";
import { addDays, type LocalDate, type LocalDateTime, instantOf, localOf, weekdayOf } from "./time-zone";

/**
 * An on-call schedule as PagerDuty models it, which readiness's own rotation YAML maps onto too:
 * layers that each rotate users every turn from a virtual start, active from `start` until `end`
 * and, when they have restrictions, only inside those daily or weekly windows. Where several layers
 * are active, the later layer wins.
 *
 * Turns of whole days hand off at the same local time every time (so a weekly 09:00 handoff stays
 * at 09:00 across summer time); shorter turns are counted in elapsed seconds.
 */

export interface Restriction {
  readonly type: "daily" | "weekly";
  /** Seconds after local midnight the window opens. */
  readonly startSecondOfDay: number;
  readonly durationSeconds: number;
  /** ISO weekday the window opens on (weekly only): 1 Monday … 7 Sunday. */
  readonly startDayOfWeek?: number;
}

export interface Layer {
  readonly name: string;
  readonly place: DocumentPlace;
  readonly start: number;
  readonly end?: number;
  readonly virtualStart: number;
  readonly turnSeconds: number;
  readonly users: readonly string[];
  readonly restrictions: readonly Restriction[];
}

export interface Schedule {
  readonly name: string;
  readonly timeZone: string;
  readonly place: DocumentPlace;
  /** Lowest precedence first. */
  readonly layers: readonly Layer[];
}

export interface Shift {
  readonly from: number;
  readonly to: number;
  /** Undefined: nobody is primary (a gap). */
  readonly user?: string;
  readonly layer?: string;
}

const DAY = 86_400;

const dateOf = (local: LocalDateTime): LocalDate => ({ year: local.year, month: local.month, day: local.day });

/** The instant of handoff number `k` (0 = the virtual start; negative before it). */
const handoff = (schedule: Schedule, layer: Layer, k: number): number => {
  if (layer.turnSeconds % DAY !== 0) return layer.virtualStart + k * layer.turnSeconds * 1000;
  const local = localOf(schedule.timeZone, layer.virtualStart);
  return instantOf(schedule.timeZone, { ...local, ...addDays(dateOf(local), k * (layer.turnSeconds / DAY)) });
};

/** The number of the last handoff at or before `instant`. */
const turnAt = (schedule: Schedule, layer: Layer, instant: number): number => {
  let k = Math.floor((instant - layer.virtualStart) / (layer.turnSeconds * 1000));
  while (handoff(schedule, layer, k) > instant) k--;
  while (handoff(schedule, layer, k + 1) <= instant) k++;
  return k;
};

/** The opening instants of a restriction's windows that could contain a moment of `date`. */
const windowStarts = (schedule: Schedule, restriction: Restriction, date: LocalDate): number[] => {
  const opening = (day: LocalDate) =>
    instantOf(schedule.timeZone, {
      ...day,
      hour: Math.floor(restriction.startSecondOfDay / 3600),
      minute: Math.floor((restriction.startSecondOfDay % 3600) / 60),
      second: restriction.startSecondOfDay % 60,
    });
  if (restriction.type === "daily") return [opening(addDays(date, -1)), opening(date)];
  const back = (weekdayOf(date) - restriction.startDayOfWeek! + 7) % 7;
  const thisWeek = addDays(date, -back);
  return [opening(addDays(thisWeek, -7)), opening(thisWeek)];
};

const allows = (schedule: Schedule, layer: Layer, instant: number): boolean => {
  if (layer.restrictions.length === 0) return true;
  const date = dateOf(localOf(schedule.timeZone, instant));
  return layer.restrictions.some((restriction) =>
    windowStarts(schedule, restriction, date).some(
      (start) => start <= instant && instant < start + restriction.durationSeconds * 1000,
    ),
  );
};

/** Who a layer puts on call at `instant`, if it is active then. */
const userOf = (schedule: Schedule, layer: Layer, instant: number): string | undefined => {
  if (instant < layer.start || (layer.end !== undefined && instant >= layer.end) || layer.users.length === 0)
    return undefined;
  if (!allows(schedule, layer, instant)) return undefined;
  const n = layer.users.length;
  return layer.users[((turnAt(schedule, layer, instant) % n) + n) % n];
};

export const primaryAt = (schedule: Schedule, instant: number): { user: string; layer: string } | undefined => {
  for (let i = schedule.layers.length - 1; i >= 0; i--) {
    const layer = schedule.layers[i]!;
    const user = userOf(schedule, layer, instant);
    if (user !== undefined) return { user, layer: layer.name };
  }
  return undefined;
};

/** Every moment a layer's answer can change between `from` and `to`. */
const boundaries = (schedule: Schedule, from: number, to: number): number[] => {
  const points = new Set<number>([from, to]);
  const firstDate = dateOf(localOf(schedule.timeZone, from));
  const lastDate = dateOf(localOf(schedule.timeZone, to));
  for (const layer of schedule.layers) {
    points.add(layer.start);
    if (layer.end !== undefined) points.add(layer.end);
    for (let k = turnAt(schedule, layer, from); ; k++) {
      const at = handoff(schedule, layer, k);
      if (at > to) break;
      points.add(at);
    }
    for (const restriction of layer.restrictions)
      for (let date = firstDate; ; date = addDays(date, 1)) {
        for (const start of windowStarts(schedule, restriction, date)) {
          points.add(start);
          points.add(start + restriction.durationSeconds * 1000);
        }
        if (date.year === lastDate.year && date.month === lastDate.month && date.day === lastDate.day) break;
      }
  }
  return [...points].filter((p) => p >= from && p <= to).sort((a, b) => a - b);
};

/** Who is primary over [from, to), as consecutive shifts (a gap is a shift without a user). */
export const primaryShifts = (schedule: Schedule, from: number, to: number): Shift[] => {
  const points = boundaries(schedule, from, to);
  const shifts: Shift[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i]!, points[i + 1]!];
    const primary = primaryAt(schedule, start);
    const last = shifts[shifts.length - 1];
    if (last && last.user === primary?.user && last.layer === primary?.layer)
      shifts[shifts.length - 1] = { ...last, to: end };
    else shifts.push({ from: start, to: end, ...(primary ? { user: primary.user, layer: primary.layer } : {}) });
  }
  return shifts;
};
