import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Expression, ItemKey } from "../layout";
import { isConditionFailure, type ResultsTable } from "../table";

/** UpdateItem. With a condition: false when it did not hold (nothing changed). */
export const updateItem = async (
  table: ResultsTable,
  what: string,
  key: ItemKey,
  update: Expression,
  condition?: Expression,
): Promise<boolean> => {
  const names = { ...update.names, ...condition?.names };
  const values = { ...update.values, ...condition?.values };
  try {
    await table.documents.send(
      new UpdateCommand({
        TableName: table.name,
        Key: { ...key },
        UpdateExpression: update.expression,
        ...(condition ? { ConditionExpression: condition.expression } : {}),
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (condition && isConditionFailure(error)) return false;
    throw table.failure(what, error);
  }
};
