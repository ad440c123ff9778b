import type { Api } from "./run";

export const LOG_GROUP = "AWS::Logs::LogGroup";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  describeLogGroups: { action: "logs:DescribeLogGroups", types: [LOG_GROUP] },
} satisfies Record<string, Api>;
