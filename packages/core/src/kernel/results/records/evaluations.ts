import type { ItemId } from "../../../checklist/catalogue/items";
import { type Compliance, isCompliance } from "../compliance";
import { evaluationHistoryKey, evaluationLatestKey, expiryOf } from "../layout";
import type { StoredItem } from "../table";

/** One Config rule evaluation: stored twice, as history (bounded) and as the item × resource's latest row. */
export interface EvaluationRecord {
  readonly itemId: ItemId;
  readonly ruleName: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly compliance: Compliance;
  readonly annotation: string;
  /** ISO-8601. */
  readonly evaluatedAt: string;
  /** Whether Config was told in test mode (nothing recorded there). */
  readonly testMode: boolean;
}

/**
 * The history row (expires `historyDays` after the evaluation) and the latest row (overwritten by
 * the next evaluation, never expires, the only one in the latest-evaluation index).
 */
export const evaluationItems = (record: EvaluationRecord, historyDays: number): [StoredItem, StoredItem] => [
  {
    ...evaluationHistoryKey(record.itemId, record.resourceId, record.evaluatedAt),
    ...record,
    ...expiryOf("evaluationHistory", Date.parse(record.evaluatedAt), historyDays),
  },
  { ...evaluationLatestKey(record.itemId, record.resourceType, record.resourceId), ...record },
];

/** The record of a stored row; undefined for a row that is not an evaluation. */
export const evaluationOfItem = (item: StoredItem): EvaluationRecord | undefined => {
  const { itemId, ruleName, resourceType, resourceId, compliance, annotation, evaluatedAt, testMode } = item;
  if (
    typeof itemId !== "string" ||
    typeof resourceType !== "string" ||
    typeof resourceId !== "string" ||
    typeof evaluatedAt !== "string" ||
    !isCompliance(compliance)
  )
    return undefined;
  return {
    itemId: itemId as ItemId,
    ruleName: typeof ruleName === "string" ? ruleName : "",
    resourceType,
    resourceId,
    compliance,
    annotation: typeof annotation === "string" ? annotation : "",
    evaluatedAt,
    testMode: testMode === true,
  };
};
