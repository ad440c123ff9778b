/*
 * vpc-flow-logs: VPC flow logs enabled for post-incident network forensics.
 * Given a VPC with an AWS::EC2::FlowLog (ResourceType VPC, ResourceId or ResourceIds naming it),
 *   Then it passes, unless a live source observed the flow log's status and it is not ACTIVE.
 * Given a VPC with no flow log, Then it fails (unknown when some flow log's target is undeterminable).
 */
import { FLOW_LOG, flowLogsOfVpc, undeterminedFlowLogs, VPC } from "../../inventory/relations/network";
import { displayName, type Resource } from "../../model/resource";
import { compliant, defineRule, nonCompliant, undecided } from "../rule";

export const vpcFlowLogs = defineRule({
  itemId: "vpc-flow-logs",
  resourceTypes: [VPC],
  readsTypes: [FLOW_LOG],
  evaluate(vpc, { inventory }) {
    const flowLogs = flowLogsOfVpc(inventory, vpc);
    const statusOf = (flowLog: Resource): unknown => flowLog.observed?.flowLogStatus;
    const active = flowLogs.find((f) => statusOf(f) === undefined || statusOf(f) === "ACTIVE");
    if (active) return compliant(`flow log ${displayName(active)} captures the VPC's traffic`);
    if (flowLogs.length > 0)
      return nonCompliant(`flow log ${displayName(flowLogs[0]!)} is ${String(statusOf(flowLogs[0]!))}, not ACTIVE`);
    const undetermined = undeterminedFlowLogs(inventory);
    if (undetermined.length > 0)
      return undecided(`no flow log names this VPC; flow log ${displayName(undetermined[0]!)} has an unknown target`);
    return nonCompliant("VPC has no flow log");
  },
});
