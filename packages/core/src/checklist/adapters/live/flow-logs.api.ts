import type { Api } from "./run";

export const FLOW_LOG = "AWS::EC2::FlowLog";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  describeFlowLogs: { action: "ec2:DescribeFlowLogs", types: [FLOW_LOG] },
} satisfies Record<string, Api>;
