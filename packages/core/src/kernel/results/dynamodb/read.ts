import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ItemQuery } from "../layout";
import type { ResultsTable, StoredItem } from "../table";

/** The items a Query finds, page after page; the next page is read only when the caller asks for more. */
export async function* queryItems(table: ResultsTable, what: string, query: ItemQuery): AsyncGenerator<StoredItem> {
  const names = { ...query.keyCondition.names, ...query.filter?.names };
  const values = { ...query.keyCondition.values, ...query.filter?.values };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.call(what, (documents) =>
      documents.send(
        new QueryCommand({
          TableName: table.name,
          ...(query.index ? { IndexName: query.index } : {}),
          KeyConditionExpression: query.keyCondition.expression,
          ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
          ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          ...(query.newestFirst ? { ScanIndexForward: false } : {}),
          ...(query.consistent ? { ConsistentRead: true } : {}),
          ...(query.pageSize !== undefined ? { Limit: query.pageSize } : {}),
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every item a Query finds, or the first `limit`. */
export const queryAll = async (
  table: ResultsTable,
  what: string,
  query: ItemQuery,
  limit = Number.POSITIVE_INFINITY,
): Promise<StoredItem[]> => {
  const items: StoredItem[] = [];
  if (limit <= 0) return items;
  for await (const item of queryItems(table, what, query)) if (items.push(item) >= limit) break;
  return items;
};
