import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { dynamodbCapacity } from "../rules/dynamodb/dynamodb-capacity";

const params = z.strictObject({});

/** DynamoDB on-demand or provisioned with auto-scaling enabled */
export const dynamodbCapacityItem: ItemDeclaration<"dynamodb-capacity", typeof params> = declareItem({
  id: "dynamodb-capacity",
  section: "Reliability",
  title: "DynamoDB on-demand or provisioned with auto-scaling enabled",
  severity: "medium",
  decidedBy: "table (and every GSI) is PAY_PER_REQUEST, or has read and write scalable targets with a scaling policy",
  remediation:
    "Set `BillingMode: PAY_PER_REQUEST`, or register read and write scalable targets with target-tracking policies for the table and every GSI.",
  params,
  rules: [dynamodbCapacity],
});
