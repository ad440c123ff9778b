import type { ItemId } from "../../checklist/catalogue/items";
import type { Status } from "../../checklist/model/finding";
import type { SnapshotRecord } from "../../kernel/results/snapshots";

/** One item whose status differs from the previous snapshot's. */
export interface StatusChange {
  /** Service ARN. */
  readonly service: string;
  readonly serviceName: string;
  readonly item: ItemId;
  readonly from: Status;
  readonly to: Status;
  /** Why it has its new status (the item's summary today). */
  readonly reason: string;
  /** The day of the snapshot that changed. */
  readonly snapshotDate: string;
  /** The day of the snapshot it changed from. */
  readonly previousDate: string;
}

/**
 * The items whose status changed between two snapshots of a service, in the current snapshot's
 * order. Without a previous snapshot nothing changed (the first snapshot is the baseline); an item
 * the previous snapshot did not have (new in the checklist) has nothing to change from either.
 */
export const statusChanges = (previous: SnapshotRecord | undefined, current: SnapshotRecord): StatusChange[] => {
  if (!previous) return [];
  const before = new Map(previous.verdicts.map((v) => [v.item, v.status]));
  return current.verdicts.flatMap((verdict) => {
    const from = before.get(verdict.item);
    if (from === undefined || from === verdict.status) return [];
    return [
      {
        service: current.service,
        serviceName: current.serviceName,
        item: verdict.item,
        from,
        to: verdict.status,
        reason: verdict.reason,
        snapshotDate: current.date,
        previousDate: previous.date,
      },
    ];
  });
};
