import { asArray, asRecord, pathOf } from "../../../model/value";
import type { ItemMapper } from "../support";
import { configurationOf, defined, identity, pascalKeys, tagList, text } from "../support";

/**
 * AWS::DynamoDB::Table: camelCase DescribeTable shape → CloudFormation properties. The billing
 * mode lives in `billingModeSummary` (absent on tables that were always provisioned); on-demand
 * tables report zero provisioned throughput, which CloudFormation would not have, so it is dropped.
 */
export const dynamodbTable: ItemMapper = (item) => {
  const c = configurationOf(item);
  const billingMode = text(pathOf(c, "billingModeSummary", "billingMode")) ?? "PROVISIONED";
  const provisioned = billingMode === "PROVISIONED";
  const throughput = (value: unknown): Record<string, unknown> | undefined =>
    provisioned && value !== undefined
      ? defined({
          ReadCapacityUnits: asRecord(value).readCapacityUnits,
          WriteCapacityUnits: asRecord(value).writeCapacityUnits,
        })
      : undefined;
  const pointInTimeRecovery = text(
    pathOf(
      item.supplementaryConfiguration,
      "ContinuousBackupsDescription",
      "pointInTimeRecoveryDescription",
      "pointInTimeRecoveryStatus",
    ),
  );
  const gsis = asArray(c.globalSecondaryIndexes).map(asRecord);
  return {
    ...identity(item, c.tableName, c.tableArn),
    properties: defined({
      TableName: c.tableName,
      BillingMode: billingMode,
      AttributeDefinitions: pascalKeys(c.attributeDefinitions),
      KeySchema: pascalKeys(c.keySchema),
      ProvisionedThroughput: throughput(c.provisionedThroughput),
      GlobalSecondaryIndexes: gsis.length
        ? gsis.map((gsi) =>
            defined({
              IndexName: gsi.indexName,
              KeySchema: pascalKeys(gsi.keySchema),
              Projection: pascalKeys(gsi.projection),
              ProvisionedThroughput: throughput(gsi.provisionedThroughput),
            }),
          )
        : undefined,
      LocalSecondaryIndexes: c.localSecondaryIndexes === undefined ? undefined : pascalKeys(c.localSecondaryIndexes),
      StreamSpecification: c.streamSpecification === undefined ? undefined : pascalKeys(c.streamSpecification),
      SSESpecification: c.sSEDescription === undefined ? undefined : pascalKeys(c.sSEDescription),
      PointInTimeRecoverySpecification: pointInTimeRecovery
        ? { PointInTimeRecoveryEnabled: pointInTimeRecovery === "ENABLED" }
        : undefined,
      Tags: tagList(item, item.supplementaryConfiguration.Tags),
    }),
  };
};
