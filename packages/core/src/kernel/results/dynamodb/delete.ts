import { DeleteCommand } from "@aws-sdk/lib-dynamodb";
import type { ItemKey } from "../layout";
import type { ResultsTable } from "../table";

/** DeleteItem (absent is no error). */
export const deleteItem = async (table: ResultsTable, what: string, key: ItemKey): Promise<void> => {
  await table.call(what, (documents) => documents.send(new DeleteCommand({ TableName: table.name, Key: { ...key } })));
};
