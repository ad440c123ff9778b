import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { vpcFlowLogs } from "../rules/network/vpc-flow-logs";

const params = z.strictObject({});

/** VPC flow logs enabled for post-incident network forensics */
export const vpcFlowLogsItem: ItemDeclaration<"vpc-flow-logs", typeof params> = declareItem({
  id: "vpc-flow-logs",
  section: "Security",
  title: "VPC flow logs enabled for post-incident network forensics",
  severity: "medium",
  decidedBy: "every in-scope VPC has an active flow log",
  remediation:
    "Add an `AWS::EC2::FlowLog` for each VPC (`ResourceType: VPC`, `TrafficType: ALL`) to CloudWatch Logs or S3.",
  params,
  rules: [vpcFlowLogs],
});
