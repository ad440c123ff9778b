import type { Api } from "./run";

export const SECURITY_GROUP = "AWS::EC2::SecurityGroup";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  describeSecurityGroups: { action: "ec2:DescribeSecurityGroups", types: [SECURITY_GROUP] },
} satisfies Record<string, Api>;
