import type { Status } from "../../../checklist/model/finding";
import { documentKeyOf, RECORD_KIND } from "../layout";
import type { StoredItem } from "../table";

/** Where a published verdict comes from: the repository, commit and CI run, and the files it read. */
export interface DocumentProvenance {
  readonly publishedBy: string;
  /** `owner/name` (GITHUB_REPOSITORY), when known. */
  readonly repository?: string;
  /** The commit the documents were read at (GITHUB_SHA, else `git rev-parse HEAD`), when known. */
  readonly commit?: string;
  /** The CI run that published it (GitHub Actions: server/repository/actions/runs/id), when known. */
  readonly runUrl?: string;
  /** Each document file read, with its SHA-256 (`sha256:<hex>`), paths relative to readiness.yml. */
  readonly files: readonly { readonly path: string; readonly digest: string }[];
}

/**
 * One queue's depth as the published documents cover it (golden-signals), without CloudWatch: a
 * run that reads the published verdict weighs it with the alarms it sees itself (either source
 * counts). Matched to the run's queues by name (`queue_name`).
 */
export interface PublishedQueueDepth {
  readonly queue: string;
  readonly dlq: boolean;
  /** The recording rule or dashboard query that covers it, with its place; absent: none does. */
  readonly coveredBy?: string;
}

/**
 * One golden signal of a service as the published documents alone cover it (golden-signals,
 * without CloudWatch): a run reading the verdict weighs it with the alarms it sees itself.
 */
export interface PublishedSignal {
  /** latency, traffic, errors or saturation. */
  readonly signal: string;
  /** `errors of worker (job "task-worker")`. */
  readonly what: string;
  readonly coveredBy?: string;
}

/** One item's document verdict for one service, as `readiness publish` stored it. */
export interface DocumentVerdictRecord {
  /** `<cluster>/<service>`. */
  readonly service: string;
  readonly itemId: string;
  readonly status: Status;
  readonly reason: string;
  readonly publishedAt: string;
  /** After this moment the verdict is stale, and stale is non-compliant. */
  readonly validUntil: string;
  /** The verdict weighs the item's configuration source too (golden-signals: either source counts). */
  readonly weighsConfig?: boolean;
  /**
   * The item judges nothing on this service (golden-signals on a DLQ processor: no API or Worker
   * signals): readers leave the service out of the item's part instead of calling it undecided.
   */
  readonly notApplicable?: boolean;
  /** golden-signals: this service's signals as the documents alone cover them. */
  readonly signals?: readonly PublishedSignal[];
  /** golden-signals: the depth of each queue of the template published against, as the documents alone cover it. */
  readonly queueDepth?: readonly PublishedQueueDepth[];
  readonly provenance: DocumentProvenance;
}

export const documentVerdictItem = (record: DocumentVerdictRecord): StoredItem => ({
  ...documentKeyOf(record.service, record.itemId, record.publishedAt),
  kind: RECORD_KIND.document,
  ...record,
});

const isSignal = (entry: unknown): entry is PublishedSignal => {
  const { signal, what, coveredBy } = (entry ?? {}) as Record<string, unknown>;
  return (
    typeof signal === "string" && typeof what === "string" && (coveredBy === undefined || typeof coveredBy === "string")
  );
};

const isQueueDepth = (entry: unknown): entry is PublishedQueueDepth => {
  const { queue, dlq, coveredBy } = (entry ?? {}) as Record<string, unknown>;
  return (
    typeof queue === "string" && typeof dlq === "boolean" && (coveredBy === undefined || typeof coveredBy === "string")
  );
};

const STATUSES: readonly string[] = ["pass", "fail", "unknown"];

export const documentVerdictOfItem = (item: StoredItem): DocumentVerdictRecord | undefined => {
  const {
    service,
    itemId,
    status,
    reason,
    publishedAt,
    validUntil,
    weighsConfig,
    notApplicable,
    signals,
    queueDepth,
    provenance,
  } = item;
  if (typeof service !== "string" || typeof itemId !== "string" || typeof publishedAt !== "string") return undefined;
  if (typeof status !== "string" || !STATUSES.includes(status) || typeof validUntil !== "string") return undefined;
  return {
    service,
    itemId,
    status: status as Status,
    reason: typeof reason === "string" ? reason : "",
    publishedAt,
    validUntil,
    ...(weighsConfig === true ? { weighsConfig: true } : {}),
    ...(notApplicable === true ? { notApplicable: true } : {}),
    ...(Array.isArray(signals) ? { signals: signals.filter(isSignal) } : {}),
    ...(Array.isArray(queueDepth) ? { queueDepth: queueDepth.filter(isQueueDepth) } : {}),
    provenance: (provenance ?? { publishedBy: "unknown", files: [] }) as DocumentProvenance,
  };
};
