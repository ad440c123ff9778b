import type { ItemId } from "../../../checklist/catalogue/items";
import type { Status } from "../../../checklist/model/finding";
import { expiryOf, RECORD_KIND, snapshotKey } from "../layout";
import type { StoredItem } from "../table";

/** One checklist item's verdict for the service on the snapshot's day, as the checklist shows it (✓ ✗ ?). */
export interface SnapshotVerdict {
  readonly item: ItemId;
  readonly status: Status;
  /** Why: the item's one-line summary. */
  readonly reason: string;
}

/** One service's verdict on every checklist item, taken by the nightly run on one (UTC) day. */
export interface SnapshotRecord {
  /** ECS service ARN. */
  readonly service: string;
  readonly serviceName: string;
  readonly cluster: string;
  /** YYYY-MM-DD (UTC): the day the snapshot stands for. */
  readonly date: string;
  /** ISO-8601: when it was taken. */
  readonly takenAt: string;
  /** The checklist in catalogue order. */
  readonly verdicts: readonly SnapshotVerdict[];
  /** Who took it (the function's name) and from which commit, when known. */
  readonly provenance: { readonly recordedBy: string; readonly commit?: string };
}

const STATUSES: ReadonlySet<string> = new Set<Status>(["pass", "fail", "unknown"]);

/** The stored item: keyed by service and day, kept RETENTION_DAYS.snapshot from its day. */
export const snapshotItem = (record: SnapshotRecord): StoredItem => ({
  ...snapshotKey(record.service, record.date),
  kind: RECORD_KIND.snapshot,
  ...record,
  verdicts: record.verdicts.map((v) => ({ ...v })),
  ...expiryOf("snapshot", Date.parse(`${record.date}T00:00:00.000Z`)),
});

/** The record of a stored item; undefined for an item that is not a snapshot. Unknown verdict rows are dropped. */
export const snapshotOfItem = (item: StoredItem): SnapshotRecord | undefined => {
  const { kind, service, serviceName, cluster, date, takenAt, verdicts, provenance } = item;
  if (
    kind !== RECORD_KIND.snapshot ||
    typeof service !== "string" ||
    typeof date !== "string" ||
    typeof takenAt !== "string" ||
    !Array.isArray(verdicts)
  )
    return undefined;
  const recorded = (provenance ?? {}) as Record<string, unknown>;
  return {
    service,
    serviceName: typeof serviceName === "string" ? serviceName : service,
    cluster: typeof cluster === "string" ? cluster : "",
    date,
    takenAt,
    verdicts: verdicts.flatMap((v: Record<string, unknown>) =>
      typeof v?.item === "string" && typeof v.status === "string" && STATUSES.has(v.status)
        ? [{ item: v.item as ItemId, status: v.status as Status, reason: typeof v.reason === "string" ? v.reason : "" }]
        : [],
    ),
    provenance: {
      recordedBy: typeof recorded.recordedBy === "string" ? recorded.recordedBy : "",
      ...(typeof recorded.commit === "string" ? { commit: recorded.commit } : {}),
    },
  };
};
