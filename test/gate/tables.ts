import { CreateTableCommand, type DynamoDBClient, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { resultsTableDefinition } from "@readiness/core/kernel/results/layout";

/** The results table as its layout defines it (packages/core/src/kernel/results/layout.ts, which stacks/Storage.ts declares). */
export async function createResultsTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  const { table, ttlAttribute } = resultsTableDefinition(tableName);
  await dynamodb.send(new CreateTableCommand(table));
  await dynamodb.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
    }),
  );
}

/** The Powertools idempotency table as stacks/Storage.ts defines it (key `id`, TTL `expiration`). */
export async function createIdempotencyTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    }),
  );
  await dynamodb.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: "expiration", Enabled: true },
    }),
  );
}
