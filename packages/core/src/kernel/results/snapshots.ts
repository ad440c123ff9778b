import { putItem } from "./dynamodb/put";
import { queryAll } from "./dynamodb/read";
import { type ServiceName, snapshotsQuery } from "./layout";
import { type SnapshotRecord, snapshotItem, snapshotOfItem } from "./records/snapshots";
import type { ResultsTable } from "./table";

export type { SnapshotRecord, SnapshotVerdict } from "./records/snapshots";

/**
 * The nightly snapshots in the results table (keys: layout.ts): the nightly function writes one
 * per service and day and reads the one before it; `readiness history` reads a service's days.
 * One Put and one Query per call, strongly consistent, so a run reads what the last one wrote.
 */
export class SnapshotStore {
  constructor(private readonly table: ResultsTable) {}

  get tableName(): string {
    return this.table.name;
  }

  /** Writes (or replaces) the service's snapshot of that day. */
  async write(snapshot: SnapshotRecord): Promise<void> {
    await putItem(this.table, `write the ${snapshot.date} snapshot of ${snapshot.serviceName}`, snapshotItem(snapshot));
  }

  /**
   * The newest snapshot of a day before `date` (the one a run compares with), or the newest of all
   * without `date`; undefined when none.
   */
  async latest(service: string | ServiceName, before?: string): Promise<SnapshotRecord | undefined> {
    const [item] = await queryAll(
      this.table,
      `read the ${before ? `snapshot before ${before}` : "newest snapshot"} of ${nameOf(service)}`,
      { ...snapshotsQuery(service, before ? { before } : {}), pageSize: 1 },
      1,
    );
    return item ? snapshotOfItem(item) : undefined;
  }

  /** The service's snapshots from `since` (YYYY-MM-DD) on, or all of them, oldest first. */
  async history(service: string | ServiceName, since?: string): Promise<SnapshotRecord[]> {
    const items = await queryAll(
      this.table,
      `read the snapshots of ${nameOf(service)}`,
      snapshotsQuery(service, since ? { since } : {}),
    );
    return items.flatMap((item) => snapshotOfItem(item) ?? []).reverse();
  }
}

const nameOf = (service: string | ServiceName): string =>
  typeof service === "string" ? service : `${service.cluster}/${service.service}`;
