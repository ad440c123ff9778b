import { worstStatus } from "../../engine/engine";
import type { PartDecider } from "../../engine/item-evaluation";
import type { GatherContext, PublishedDocumentReader } from "../../engine/sources";
import { ECS_SERVICE } from "../../inventory/relations/ecs";
import type { Finding, Status } from "../../model/finding";
import type { DocumentVerdictRecord } from "../../../kernel/results/records/documents";
import { queueDepthFindings, type WeighedRecord } from "./published-queues";
import { weighedServiceSignals } from "./published-signals";

const DAY_MS = 86_400_000;

type Read = { readonly record?: DocumentVerdictRecord; readonly error?: string };

const age = (from: string, now: Date): string => {
  const days = Math.floor((now.getTime() - Date.parse(from)) / DAY_MS);
  return days === 1 ? "1 day" : `${days} days`;
};

const origin = (record: DocumentVerdictRecord): string => {
  const { repository, commit, runUrl } = record.provenance;
  const at = [repository, commit ? commit.slice(0, 12) : undefined].filter(Boolean).join("@");
  return [at, runUrl].filter(Boolean).join(", ") || record.provenance.publishedBy;
};

/** Where and when a verdict was published; past its validity, the stale reason with its age. */
const weigh = (record: DocumentVerdictRecord, now: Date): WeighedRecord => {
  const published = `published ${record.publishedAt} (${age(record.publishedAt, now)} ago) from ${origin(record)}`;
  if (now.getTime() > Date.parse(record.validUntil))
    return {
      record,
      stale: true,
      published: `stale: ${published}, valid until ${record.validUntil}; publish the documents again`,
    };
  return { record, stale: false, published };
};

/** One service's part from its newest published verdict: a stale one fails, with its age. */
export const verdictOfPublished = (read: Read, now: Date): { readonly status: Status; readonly reason: string } => {
  if (read.error) return { status: "unknown", reason: `cannot read published document verdicts: ${read.error}` };
  const record = read.record;
  if (!record)
    return {
      status: "unknown",
      reason: "no document verdict published for this service (run `readiness publish` in CI)",
    };
  const weighed = weigh(record, now);
  if (weighed.stale) return { status: "fail", reason: weighed.published };
  return { status: record.status, reason: `${record.reason} (${weighed.published})` };
};

/**
 * The document part from verdicts `readiness publish` stored, for a run that reads no files (the
 * Config evaluator, a live run whose readiness.yml names no documents): each ECS service's newest
 * verdict of the item, read once before the engine runs. Each service carries its own; one with
 * none published, or whose table cannot be read, is undecided. golden-signals' verdicts also carry
 * each service's signals and each queue's depth as the documents cover them: each is then decided
 * with the CloudWatch alarms this run sees (published-signals.ts, published-queues.ts).
 */
export const gatherPublished = async (
  context: GatherContext,
  reader: PublishedDocumentReader,
): Promise<PartDecider> => {
  const now = context.reach.now ?? new Date();
  const services = context.inventory.ofType(ECS_SERVICE);
  const reads = new Map<string, Read>();
  await Promise.all(
    services.map(async (service) => {
      try {
        const record = await reader(service.id, context.item.id);
        reads.set(service.id, record ? { record } : {});
      } catch (error) {
        reads.set(service.id, { error: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
  const { item: forItem, kind: forKind } = context;
  return (item, kind, scope) => {
    if (item.id !== forItem.id || kind !== forKind) return undefined;
    // A service the published documents judge nothing on (golden-signals: a DLQ processor) is left out.
    const judged = scope.services.filter((service) => !reads.get(service.resource.id)?.record?.notApplicable);
    const serviceFindings: Finding[] = judged.map((service) => {
      const read = reads.get(service.resource.id) ?? {};
      const fresh = read.record && weigh(read.record, now);
      // golden-signals: a fresh verdict's signals are weighed with the alarms this run sees.
      const weighed =
        fresh && !fresh.stale
          ? weighedServiceSignals(fresh.record, fresh.published, context.inventory, service.resource)
          : undefined;
      return {
        resource: service.resource.id,
        type: service.resource.type,
        kind: "document",
        ...(weighed ?? verdictOfPublished(read, now)),
      };
    });
    const records = [...reads.values()].flatMap((read) => (read.record ? [weigh(read.record, now)] : []));
    const findings = [...serviceFindings, ...queueDepthFindings(records, context.inventory, scope)];
    if (findings.length === 0) return undefined;
    const status = worstStatus(findings.map((f) => f.status));
    const names = new Map(scope.services.map((s) => [s.resource.id, `${s.name}: `]));
    const shown = findings.filter((f) => f.status === status).map((f) => `${names.get(f.resource) ?? ""}${f.reason}`);
    const weighs = [...reads.values()].some((read) => read.record?.weighsConfig);
    return { status, reason: shown.join("; "), findings, ...(weighs ? { weighsConfig: true } : {}) };
  };
};
