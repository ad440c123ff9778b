import type { ItemId } from "@readiness/core/checklist/catalogue/items";
import type { Status } from "@readiness/core/checklist/model/finding";
import type { SnapshotRecord } from "@readiness/core/kernel/results/snapshots";

/** A day's mark in a sparkline: the checklist's ✓ ✗ ?, and · for a day without a snapshot (a missed night). */
export const DAY_MARK: Readonly<Record<Status | "none", string>> = { pass: "✓", fail: "✗", unknown: "?", none: "·" };

/** One item over the days shown: its status each day (null: no snapshot that day, or it had no such item). */
export interface ItemHistory {
  readonly item: ItemId;
  readonly statuses: readonly (Status | null)[];
  /** Its newest verdict, with the day it is from. */
  readonly latest: { readonly status: Status; readonly reason: string; readonly date: string };
  /** How many times its status changed between consecutive snapshots shown. */
  readonly changes: number;
}

export interface ServiceHistory {
  readonly service: string;
  readonly serviceName: string;
  readonly cluster: string;
  /** Every day from the first to the last shown, oldest first (YYYY-MM-DD). */
  readonly days: readonly string[];
  /** How many of those days have a snapshot. */
  readonly snapshots: number;
  readonly items: readonly ItemHistory[];
}

const DAY_MS = 86_400_000;

/** The `count` days ending at `last` (YYYY-MM-DD), oldest first. */
export const daysEndingAt = (last: string, count: number): string[] => {
  const end = Date.parse(`${last}T00:00:00.000Z`);
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
};

/**
 * A service's history over `days` (oldest first) from its snapshots: one row per item, in the
 * newest snapshot's (catalogue) order, then any item only older snapshots had.
 */
export const historyOf = (snapshots: readonly SnapshotRecord[], days: readonly string[]): ServiceHistory => {
  const byDay = new Map(snapshots.map((s) => [s.date, s]));
  const shown = days.flatMap((day) => byDay.get(day) ?? []);
  const newest = shown[shown.length - 1];
  if (!newest) throw new Error("historyOf needs at least one snapshot within the days shown");
  const order: ItemId[] = [];
  for (const snapshot of [...shown].reverse())
    for (const v of snapshot.verdicts) if (!order.includes(v.item)) order.push(v.item);
  const items = order.map((item): ItemHistory => {
    const statuses = days.map((day) => byDay.get(day)?.verdicts.find((v) => v.item === item)?.status ?? null);
    let latest: ItemHistory["latest"] | undefined;
    for (const snapshot of shown) {
      const verdict = snapshot.verdicts.find((v) => v.item === item);
      if (verdict) latest = { status: verdict.status, reason: verdict.reason, date: snapshot.date };
    }
    const seen = statuses.filter((s): s is Status => s !== null);
    const changes = seen.filter((s, i) => i > 0 && s !== seen[i - 1]).length;
    return { item, statuses, latest: latest as ItemHistory["latest"], changes };
  });
  return {
    service: newest.service,
    serviceName: newest.serviceName,
    cluster: newest.cluster,
    days: [...days],
    snapshots: shown.length,
    items,
  };
};

/** A status per day as one string of marks, oldest → newest. */
export const sparkline = (statuses: readonly (Status | null)[]): string =>
  statuses.map((status) => DAY_MARK[status ?? "none"]).join("");

const clip = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** The history as a table: item, sparkline, newest status, and why. */
export const formatHistoryTable = (history: ServiceHistory, table: string): string => {
  const first = history.days[0];
  const last = history.days[history.days.length - 1];
  const itemWidth = Math.max(4, ...history.items.map((i) => i.item.length));
  const sparkWidth = Math.max(7, history.days.length);
  const lines = [
    `${history.cluster}/${history.serviceName}: ${history.snapshots} snapshot${history.snapshots === 1 ? "" : "s"} from ${first} to ${last} (${table})`,
    `${DAY_MARK.pass} pass  ${DAY_MARK.fail} fail  ${DAY_MARK.unknown} undecided  ${DAY_MARK.none} no snapshot; oldest → newest`,
    "",
    `${"ITEM".padEnd(itemWidth)}  ${"HISTORY".padEnd(sparkWidth)}  NOW  REASON`,
  ];
  for (const item of history.items)
    lines.push(
      `${item.item.padEnd(itemWidth)}  ${sparkline(item.statuses).padEnd(sparkWidth)}  ${DAY_MARK[item.latest.status]}    ${clip(item.latest.reason, 100)}`,
    );
  const counts = { pass: 0, fail: 0, unknown: 0 };
  for (const item of history.items) counts[item.latest.status]++;
  const changed = history.items.filter((i) => i.changes > 0).length;
  lines.push(
    "",
    `now: ${counts.pass} pass, ${counts.fail} fail, ${counts.unknown} undecided; ${changed} item${changed === 1 ? "" : "s"} changed status in these days`,
  );
  return `${lines.join("\n")}\n`;
};

/** The history as JSON for scripts. */
export const formatHistoryJson = (history: ServiceHistory, table: string): string =>
  `${JSON.stringify({ table, ...history }, null, 2)}\n`;
