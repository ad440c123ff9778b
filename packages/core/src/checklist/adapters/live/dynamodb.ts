import { DescribeTableCommand, paginateListTables, type TableDescription } from "@aws-sdk/client-dynamodb";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { defined, identifiedBy } from "./shape";
import { DYNAMODB_TABLE, api } from "./dynamodb.api";

export { DYNAMODB_TABLE } from "./dynamodb.api";

export async function collectTables(clients: LiveClients, run: LiveRun): Promise<void> {
  const names = await run.readAll(
    api.listTables,
    paginateListTables({ client: clients.dynamodb }, {}),
    (p) => p.TableNames,
  );
  if (!names.ok) return;
  await run.forEach("dynamodb tables", names.value, async (name) => {
    const described = await run.read(api.describeTable, () =>
      clients.dynamodb.send(new DescribeTableCommand({ TableName: name })),
    );
    if (described.ok && described.value.Table) run.add(tableResource(described.value.Table));
  });
}

const throughput = (
  value: { ReadCapacityUnits?: number; WriteCapacityUnits?: number } | undefined,
  billingMode: string,
) =>
  billingMode === "PROVISIONED" && value
    ? { ReadCapacityUnits: value.ReadCapacityUnits, WriteCapacityUnits: value.WriteCapacityUnits }
    : undefined;

/** A table shaped like AWS::DynamoDB::Table; BillingMode comes from BillingModeSummary (absent means PROVISIONED). */
export const tableResource = (table: TableDescription): Resource => {
  const billingMode = table.BillingModeSummary?.BillingMode ?? "PROVISIONED";
  return {
    ...identifiedBy(DYNAMODB_TABLE, table.TableArn, table.TableName),
    properties: defined({
      TableName: table.TableName,
      BillingMode: billingMode,
      KeySchema: table.KeySchema,
      AttributeDefinitions: table.AttributeDefinitions,
      ProvisionedThroughput: throughput(table.ProvisionedThroughput, billingMode),
      GlobalSecondaryIndexes: table.GlobalSecondaryIndexes?.map((index) =>
        defined({
          IndexName: index.IndexName,
          KeySchema: index.KeySchema,
          Projection: index.Projection,
          ProvisionedThroughput: throughput(index.ProvisionedThroughput, billingMode),
        }),
      ),
      LocalSecondaryIndexes: table.LocalSecondaryIndexes?.map((index) =>
        defined({ IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection }),
      ),
      StreamSpecification: table.StreamSpecification?.StreamEnabled
        ? { StreamViewType: table.StreamSpecification.StreamViewType }
        : undefined,
      SSESpecification: table.SSEDescription
        ? defined({
            SSEEnabled: table.SSEDescription.Status === "ENABLED",
            SSEType: table.SSEDescription.SSEType,
            KMSMasterKeyId: table.SSEDescription.KMSMasterKeyArn,
          })
        : undefined,
      TableClass: table.TableClassSummary?.TableClass,
      DeletionProtectionEnabled: table.DeletionProtectionEnabled,
    }),
    observed: defined({ status: table.TableStatus, itemCount: table.ItemCount }),
  };
};
