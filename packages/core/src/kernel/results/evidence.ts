import { putItem } from "./dynamodb/put";
import { queryItems } from "./dynamodb/read";
import { evidencePartition, partitionQuery } from "./layout";
import { type EvidenceRecord, evidenceItem, evidenceOfItem } from "./records/evidence";
import type { ResultsTable } from "./table";

export type { EvidenceFigure, EvidenceProvenance, EvidenceRecord } from "./records/evidence";

/**
 * The evidence store: what `readiness load`, the drills, the log probe and the gate observed, one
 * record per run, beside the gate's runs in the results table. The CLI, the Config evaluator and the
 * nightly run read it through `latestEvidence`, and judge its age and revision themselves
 * (checklist/evidence/judge.ts). Records are kept (no TTL): the newest decides, older ones are history.
 */
export const recordEvidence = async (table: ResultsTable, record: EvidenceRecord): Promise<void> => {
  await putItem(table, `record ${record.itemId} evidence of ${record.service}`, evidenceItem(record));
};

/** The newest evidence of an item for a service (its ECS service ARN), or undefined. */
export const latestEvidence = async (
  table: ResultsTable,
  service: string,
  itemId: string,
): Promise<EvidenceRecord | undefined> => {
  const query = partitionQuery(evidencePartition(service, itemId), { newestFirst: true, consistent: true });
  for await (const item of queryItems(table, `read the ${itemId} evidence of ${service}`, query)) {
    const record = evidenceOfItem(item);
    if (record) return record;
  }
  return undefined;
};

/** `latestEvidence` on one table, as the part sources take it (SourceReach.readEvidence). */
export const evidenceReader =
  (table: ResultsTable) =>
  (service: string, itemId: string): Promise<EvidenceRecord | undefined> =>
    latestEvidence(table, service, itemId);
