import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Expression } from "../layout";
import { isConditionFailure, type ResultsTable, type StoredItem } from "../table";

/**
 * PutItem. With a condition: false when it did not hold (nothing written), so claims read as
 * answers; without one, always true.
 */
export const putItem = async (
  table: ResultsTable,
  what: string,
  item: StoredItem,
  condition?: Expression,
): Promise<boolean> => {
  try {
    await table.documents.send(
      new PutCommand({
        TableName: table.name,
        Item: item,
        ...(condition
          ? {
              ConditionExpression: condition.expression,
              ...(condition.names ? { ExpressionAttributeNames: { ...condition.names } } : {}),
              ...(condition.values ? { ExpressionAttributeValues: { ...condition.values } } : {}),
            }
          : {}),
      }),
    );
    return true;
  } catch (error) {
    if (condition && isConditionFailure(error)) return false;
    throw table.failure(what, error);
  }
};
