import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { ItemKey } from "../layout";
import type { ResultsTable, StoredItem } from "../table";

// Apart from read.ts's Query: a bundle that only queries (the nightly) compiles in no GetItem call.

/** GetItem, strongly consistent: undefined when absent. */
export const getItem = async (table: ResultsTable, what: string, key: ItemKey): Promise<StoredItem | undefined> => {
  const found = await table.call(what, (documents) =>
    documents.send(new GetCommand({ TableName: table.name, Key: { ...key }, ConsistentRead: true })),
  );
  return found.Item;
};
