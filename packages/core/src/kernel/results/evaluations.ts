import type { ItemId } from "../../checklist/catalogue/items";
import { batchPutItems } from "./dynamodb/batch-put";
import { queryAll } from "./dynamodb/read";
import { evaluationHistoryQuery, latestEvaluationsQuery, RESULTS_INDEXES, RETENTION_DAYS } from "./layout";
import { type EvaluationRecord, evaluationItems, evaluationOfItem } from "./records/evaluations";
import type { ResultsTable } from "./table";

export type { EvaluationRecord } from "./records/evaluations";

/**
 * Config rule evaluations in the results table (keys: layout.ts): a history row per evaluation,
 * newest first with a reverse query and bounded by the TTL, and the latest row of each item ×
 * resource, which alone joins the latest-evaluation index (gsi1), so that index holds exactly one
 * item per item × resource: the scheduled run compares it with what still exists.
 */
export const EVALUATIONS_INDEX = RESULTS_INDEXES.latestEvaluationByItem.name;

export interface EvaluationStoreOptions {
  /** History kept for this long (default RETENTION_DAYS.evaluationHistory); DynamoDB TTL removes older items. */
  readonly historyDays?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class EvaluationResultsStore {
  private readonly historyDays: number;

  constructor(
    private readonly table: ResultsTable,
    private readonly options: EvaluationStoreOptions = {},
  ) {
    this.historyDays = options.historyDays ?? RETENTION_DAYS.evaluationHistory;
  }

  get tableName(): string {
    return this.table.name;
  }

  /** Writes a history item and the latest item per evaluation, 25 per BatchWriteItem, retrying unprocessed items. */
  async write(records: readonly EvaluationRecord[]): Promise<void> {
    const items = records.flatMap((record) => evaluationItems(record, this.historyDays));
    await batchPutItems(this.table, "write evaluations", items, { sleep: this.options.sleep });
  }

  /** The latest evaluation of every resource of an item (all pages). */
  async latestOfItem(itemId: ItemId): Promise<EvaluationRecord[]> {
    const items = await queryAll(
      this.table,
      `query the latest evaluations of ${itemId}`,
      latestEvaluationsQuery(itemId),
    );
    return items.flatMap((item) => evaluationOfItem(item) ?? []);
  }

  /** Evaluation history of one item × resource, newest first. */
  async history(itemId: ItemId, resourceId: string, limit = 20): Promise<EvaluationRecord[]> {
    const items = await queryAll(
      this.table,
      `query the evaluation history of ${itemId} ${resourceId}`,
      evaluationHistoryQuery(itemId, resourceId, limit),
      limit,
    );
    return items.flatMap((item) => evaluationOfItem(item) ?? []);
  }
}
