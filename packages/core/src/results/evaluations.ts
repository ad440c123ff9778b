import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ItemId } from "../catalogue/items";
import { type Compliance, isCompliance } from "../evaluator/compliance";
import { ResultsStoreError } from "../evaluator/errors";

/**
 * Config rule evaluations in the results table.
 *
 * Key design (single table, string keys `pk` / `sk`):
 * - history:  pk `EVAL#<itemId>#<resourceId>`, sk `<ISO-8601 timestamp>`: one item per evaluation,
 *   newest first with a reverse query; carries `expiresAt` (epoch seconds, the table's TTL
 *   attribute) so history is bounded.
 * - latest:   same pk, sk `latest`: overwritten on every evaluation, never expires. It also carries
 *   `gsi1pk` `EVAL#<itemId>` and `gsi1sk` `<resourceType>#<resourceId>`, so the GSI `gsi1`
 *   (keys gsi1pk/gsi1sk, projection ALL) lists the latest evaluation of every resource of an item:
 *   the scheduled run compares it with what still exists. History items carry no gsi1 keys, so the
 *   index holds exactly one item per item × resource.
 */
export const EVALUATIONS_INDEX = "gsi1";
export const LATEST_SK = "latest";
/** History kept for this long by default (DynamoDB TTL removes older items). */
export const DEFAULT_HISTORY_DAYS = 90;
/** BatchWriteItem takes at most 25 requests. */
const BATCH_WRITE_LIMIT = 25;
const MAX_BATCH_ATTEMPTS = 5;

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

export interface EvaluationStoreOptions {
  readonly historyDays?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const evaluationPk = (itemId: string, resourceId: string): string => `EVAL#${itemId}#${resourceId}`;

export class EvaluationResultsStore {
  private readonly historyDays: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    options: EvaluationStoreOptions = {},
  ) {
    this.historyDays = options.historyDays ?? DEFAULT_HISTORY_DAYS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Writes a history item and the latest item per evaluation, 25 per BatchWriteItem, retrying unprocessed items. */
  async write(records: readonly EvaluationRecord[]): Promise<void> {
    const requests = records.flatMap((record) => this.itemsOf(record).map((Item) => ({ PutRequest: { Item } })));
    for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT)
      await this.writeBatch(requests.slice(start, start + BATCH_WRITE_LIMIT));
  }

  /** The latest evaluation of every resource of an item (all pages). */
  async latestOfItem(itemId: ItemId): Promise<EvaluationRecord[]> {
    const records: EvaluationRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.guard(`query the latest evaluations of ${itemId}`, () =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: EVALUATIONS_INDEX,
            KeyConditionExpression: "gsi1pk = :pk",
            ExpressionAttributeValues: { ":pk": `EVAL#${itemId}` },
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const record = recordOf(item);
        if (record) records.push(record);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return records;
  }

  /** Evaluation history of one item × resource, newest first. */
  async history(itemId: ItemId, resourceId: string, limit = 20): Promise<EvaluationRecord[]> {
    const page = await this.guard(`query the evaluation history of ${itemId} ${resourceId}`, () =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk AND sk < :latest",
          ExpressionAttributeValues: { ":pk": evaluationPk(itemId, resourceId), ":latest": LATEST_SK },
          ScanIndexForward: false,
          Limit: limit,
        }),
      ),
    );
    return (page.Items ?? []).flatMap((item) => recordOf(item) ?? []);
  }

  private itemsOf(record: EvaluationRecord): Record<string, unknown>[] {
    const pk = evaluationPk(record.itemId, record.resourceId);
    const expiresAt = Math.floor(Date.parse(record.evaluatedAt) / 1000) + this.historyDays * 86_400;
    return [
      { pk, sk: record.evaluatedAt, ...record, expiresAt },
      {
        pk,
        sk: LATEST_SK,
        ...record,
        gsi1pk: `EVAL#${record.itemId}`,
        gsi1sk: `${record.resourceType}#${record.resourceId}`,
      },
    ];
  }

  private async writeBatch(requests: { PutRequest: { Item: Record<string, unknown> } }[]): Promise<void> {
    let pending = requests;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_BATCH_ATTEMPTS)
        throw new ResultsStoreError(
          `${pending.length} evaluation items stayed unprocessed after ${MAX_BATCH_ATTEMPTS} BatchWriteItem attempts on ${this.tableName}`,
        );
      if (attempt > 1) await this.sleep(50 * 2 ** (attempt - 2));
      const response = await this.guard(`write evaluations to ${this.tableName}`, () =>
        this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } })),
      );
      const unprocessed = response.UnprocessedItems?.[this.tableName] ?? [];
      pending = unprocessed.flatMap((r) => (r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : []));
    }
  }

  private async guard<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new ResultsStoreError(`could not ${what}: ${message}`, { cause: error });
    }
  }
}

const recordOf = (item: Record<string, unknown>): EvaluationRecord | undefined => {
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
