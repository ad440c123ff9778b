import { setTimeout as sleep } from "node:timers/promises";
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { EVALUATIONS_INDEX } from "../results/evaluations";
import { DemoError } from "./errors";

export interface GateTableNames {
  readonly results: string;
  readonly idempotency: string;
}

export const DEMO_TABLES: GateTableNames = {
  results: "readiness-demo-results",
  idempotency: "readiness-demo-idempotency",
};

const index = (name: string, partitionKey: string, sortKey: string) => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: partitionKey, KeyType: "HASH" as const },
    { AttributeName: sortKey, KeyType: "RANGE" as const },
  ],
  Projection: { ProjectionType: "ALL" as const },
});

/**
 * The results table and the Powertools idempotency table with the key schemas, indexes and TTL
 * attributes of stacks/Storage.ts (results: pk/sk, gsi1, gsi2, TTL `expiresAt`; idempotency: `id`,
 * TTL `expiration`), created on the emulator and waited on until ACTIVE.
 */
export const createGateTables = async (
  dynamodb: DynamoDBClient,
  names: GateTableNames = DEMO_TABLES,
): Promise<void> => {
  const attribute = (name: string) => ({ AttributeName: name, AttributeType: "S" as const });
  await createTable(
    dynamodb,
    {
      TableName: names.results,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"].map(attribute),
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [index(EVALUATIONS_INDEX, "gsi1pk", "gsi1sk"), index("gsi2", "gsi2pk", "gsi2sk")],
    },
    "expiresAt",
  );
  await createTable(
    dynamodb,
    {
      TableName: names.idempotency,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [attribute("id")],
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
