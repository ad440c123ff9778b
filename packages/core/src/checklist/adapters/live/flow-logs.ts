import { type FlowLog, paginateDescribeFlowLogs } from "@aws-sdk/client-ec2";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { aliasesOf, cfnTags, defined } from "./shape";
import { FLOW_LOG, api } from "./flow-logs.api";

export { FLOW_LOG } from "./flow-logs.api";

export async function collectFlowLogs(clients: LiveClients, run: LiveRun): Promise<void> {
  const pages = paginateDescribeFlowLogs({ client: clients.ec2 }, {});
  await run.collectListing("ec2 flow logs", api.describeFlowLogs, pages, (p) => p.FlowLogs, flowLogResource);
}

/** The API does not say what kind of resource a flow log watches; its id's prefix does. */
export const flowLogResourceType = (resourceId: string | undefined): string | undefined => {
  if (!resourceId) return undefined;
  if (resourceId.startsWith("vpc-")) return "VPC";
  if (resourceId.startsWith("subnet-")) return "Subnet";
  if (resourceId.startsWith("eni-")) return "NetworkInterface";
  if (resourceId.startsWith("tgw-attach-")) return "TransitGatewayAttachment";
  if (resourceId.startsWith("tgw-")) return "TransitGateway";
  return undefined;
};

export const flowLogResource = (flowLog: FlowLog): Resource => ({
  id: flowLog.FlowLogId!,
  type: FLOW_LOG,
  aliases: aliasesOf(flowLog.FlowLogId),
  properties: defined({
    ResourceId: flowLog.ResourceId,
    ResourceType: flowLogResourceType(flowLog.ResourceId),
    TrafficType: flowLog.TrafficType,
    LogDestinationType: flowLog.LogDestinationType,
    LogDestination: flowLog.LogDestination,
    LogGroupName: flowLog.LogGroupName,
    DeliverLogsPermissionArn: flowLog.DeliverLogsPermissionArn,
    LogFormat: flowLog.LogFormat,
    MaxAggregationInterval: flowLog.MaxAggregationInterval,
    Tags: cfnTags(flowLog.Tags),
  }),
  observed: defined({
    flowLogStatus: flowLog.FlowLogStatus,
    deliverLogsStatus: flowLog.DeliverLogsStatus,
    deliverLogsErrorMessage: flowLog.DeliverLogsErrorMessage,
  }),
});
