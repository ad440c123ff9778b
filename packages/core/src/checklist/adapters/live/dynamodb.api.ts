import type { Api } from "./run";

export const DYNAMODB_TABLE = "AWS::DynamoDB::Table";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  listTables: { action: "dynamodb:ListTables", types: [DYNAMODB_TABLE] },
  describeTable: { action: "dynamodb:DescribeTable", types: [DYNAMODB_TABLE] },
} satisfies Record<string, Api>;
