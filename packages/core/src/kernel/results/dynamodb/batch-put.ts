import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { ResultsTable, StoredItem } from "../table";

/** BatchWriteItem takes at most 25 requests. */
const BATCH_WRITE_LIMIT = 25;
const MAX_BATCH_ATTEMPTS = 5;

export interface BatchPutOptions {
  /** Waits between retries of unprocessed items (tests pass a fake clock). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Puts the items 25 per BatchWriteItem, retrying unprocessed items with backoff; fails when some stay unprocessed. */
export const batchPutItems = async (
  table: ResultsTable,
  what: string,
  items: readonly StoredItem[],
  options: BatchPutOptions = {},
): Promise<void> => {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const requests = items.map((Item) => ({ PutRequest: { Item } }));
  for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT)
    await writeBatch(table, what, requests.slice(start, start + BATCH_WRITE_LIMIT), sleep);
};

const writeBatch = async (
  table: ResultsTable,
  what: string,
  requests: { PutRequest: { Item: StoredItem } }[],
  sleep: (ms: number) => Promise<void>,
): Promise<void> => {
  let pending = requests;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_BATCH_ATTEMPTS)
      throw table.failure(
        what,
        new Error(`${pending.length} items stayed unprocessed after ${MAX_BATCH_ATTEMPTS} BatchWriteItem attempts`),
      );
    if (attempt > 1) await sleep(50 * 2 ** (attempt - 2));
    const response = await table.call(what, (documents) =>
      documents.send(new BatchWriteCommand({ RequestItems: { [table.name]: pending } })),
    );
    const unprocessed = response.UnprocessedItems?.[table.name] ?? [];
    pending = unprocessed.flatMap((r) => (r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : []));
  }
};
