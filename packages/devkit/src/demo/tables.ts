import { setTimeout as sleep } from "node:timers/promises";
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { resultsTableDefinition } from "@readiness/core/kernel/results/layout";
import { DemoError } from "./errors";

export interface GateTableNames {
  readonly results: string;
  readonly idempotency: string;
}

export const DEMO_TABLES: GateTableNames = {
  results: "readiness-demo-results",
  idempotency: "readiness-demo-idempotency",
};

/**
 * The results table (as its layout defines it: packages/core/src/kernel/results/layout.ts) and the
 * Powertools idempotency table (key `id`, TTL `expiration`, as stacks/Storage.ts defines it),
 * created on the emulator and waited on until ACTIVE.
 */
export const createGateTables = async (
  dynamodb: DynamoDBClient,
  names: GateTableNames = DEMO_TABLES,
): Promise<void> => {
  const results = resultsTableDefinition(names.results);
  await createTable(dynamodb, results.table, results.ttlAttribute);
  await createTable(
    dynamodb,
    {
      TableName: names.idempotency,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    },
    "expiration",
  );
};

const createTable = async (
  dynamodb: DynamoDBClient,
  input: CreateTableCommandInput,
  ttlAttribute: string,
): Promise<void> => {
  await dynamodb.send(new CreateTableCommand(input));
  for (let attempt = 0; ; attempt++) {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: input.TableName }));
    if (Table?.TableStatus === "ACTIVE") break;
    if (attempt >= 50) throw new DemoError(`table ${input.TableName} did not become ACTIVE`);
    await sleep(100);
  }
  await dynamodb.send(
    new UpdateTimeToLiveCommand({
      TableName: input.TableName,
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
    }),
  );
};
