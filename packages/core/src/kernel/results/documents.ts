import { putItem } from "./dynamodb/put";
import { queryAll } from "./dynamodb/read";
import { latestDocumentQuery, serviceKey } from "./layout";
import { type DocumentVerdictRecord, documentVerdictItem, documentVerdictOfItem } from "./records/documents";
import type { ResultsTable } from "./table";

export type { DocumentProvenance, DocumentVerdictRecord } from "./records/documents";

/** Published document verdicts in the results table (keys: layout.ts): written by CI, read newest first. */
export class DocumentVerdictStore {
  constructor(private readonly table: ResultsTable) {}

  async publish(records: readonly DocumentVerdictRecord[]): Promise<void> {
    for (const record of records) await putItem(this.table, "publish a document verdict", documentVerdictItem(record));
  }

  /** The newest verdict of an item for a service (`<cluster>/<service>`), or undefined when none was published. */
  async latest(service: string, itemId: string): Promise<DocumentVerdictRecord | undefined> {
    const [item] = await queryAll(
      this.table,
      "read published document verdicts",
      latestDocumentQuery(service, itemId),
      1,
    );
    return item ? documentVerdictOfItem(item) : undefined;
  }
}

/** Reads the newest verdict of an item for a service by its ARN (live runs and the Config evaluator). */
export const publishedDocumentReader =
  (table: ResultsTable) =>
  (serviceArn: string, itemId: string): Promise<DocumentVerdictRecord | undefined> =>
    new DocumentVerdictStore(table).latest(serviceKey(serviceArn), itemId);
