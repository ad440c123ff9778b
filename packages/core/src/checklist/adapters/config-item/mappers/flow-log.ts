import type { ItemMapper } from "../support";
import { configurationOf, defined, identity, tagList, text } from "../support";

/** The item names the captured resource by id only; its type follows from the id's prefix. */
const TARGET_TYPES: readonly [string, string][] = [
  ["vpc-", "VPC"],
  ["subnet-", "Subnet"],
  ["eni-", "NetworkInterface"],
  ["tgw-attach-", "TransitGatewayAttachment"],
  ["tgw-", "TransitGateway"],
];

/**
 * AWS::EC2::FlowLog: camelCase → CloudFormation properties. The flow log's status is a fact the
 * vpc-flow-logs rule reads from `observed.flowLogStatus`, as it does for live resources.
 */
export const flowLog: ItemMapper = (item) => {
  const c = configurationOf(item);
  const target = text(c.resourceId);
  const status = text(c.flowLogStatus);
  return {
    ...identity(item, c.flowLogId),
    properties: defined({
      ResourceId: target,
      ResourceType: target ? TARGET_TYPES.find(([prefix]) => target.startsWith(prefix))?.[1] : undefined,
      TrafficType: c.trafficType,
      LogDestinationType: c.logDestinationType,
      LogDestination: c.logDestination,
      LogGroupName: c.logGroupName,
      DeliverLogsPermissionArn: c.deliverLogsPermissionArn,
      LogFormat: c.logFormat,
      MaxAggregationInterval: c.maxAggregationInterval,
      Tags: tagList(item, c.tags),
    }),
    ...(status ? { observed: { flowLogStatus: status } } : {}),
  };
};
