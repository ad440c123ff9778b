import { asArray, asRecord } from "../../../model/value";
import type { ItemMapper } from "../support";
import { configurationOf, defined, identity, tagList, text } from "../support";

/** AWS::ElasticLoadBalancingV2::Listener: Config already uses the CloudFormation shape. */
export const elbv2Listener: ItemMapper = (item) => {
  const configuration = configurationOf(item);
  return { ...identity(item, configuration.ListenerArn), properties: { ...configuration } };
};

/**
 * AWS::ElasticLoadBalancingV2::LoadBalancer: Config uses the DescribeLoadBalancers camelCase shape
 * (subnets inside availabilityZones); CloudFormation lists Subnets and SecurityGroups directly.
 */
export const elbv2LoadBalancer: ItemMapper = (item) => {
  const c = configurationOf(item);
  const zones = asArray(c.availabilityZones).map(asRecord);
  return {
    ...identity(item, c.loadBalancerArn, c.loadBalancerName, c.dNSName ?? c.dnsName),
    properties: defined({
      Name: c.loadBalancerName,
      Type: c.type,
      Scheme: c.scheme,
      IpAddressType: c.ipAddressType,
      Subnets: zones.map((z) => z.subnetId).filter((s) => text(s) !== undefined),
      SecurityGroups: Array.isArray(c.securityGroups) ? c.securityGroups : undefined,
      VpcId: c.vpcId,
      Tags: tagList(item),
    }),
  };
};
