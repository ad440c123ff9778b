import type { Api } from "./run";

export const ALARM = "AWS::CloudWatch::Alarm";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  describeAlarms: { action: "cloudwatch:DescribeAlarms", types: [ALARM] },
} satisfies Record<string, Api>;
