/*
 * private-subnets (load balancers): VPC: API and Worker in private subnets; ALB in public subnet only.
 * Given an internal load balancer, Then not applicable.
 * Given an internet-facing load balancer (Scheme absent means internet-facing),
 *   Then every subnet (Subnets or SubnetMappings) must route to an internet gateway.
 */
import { isDangling } from "../../inventory/relations/ecs";
import {
  LOAD_BALANCER,
  loadBalancerSubnets,
  SUBNET_ROUTING_TYPES,
  subnetInternetGateway,
} from "../../inventory/relations/network";
import { isUnknown } from "../../model/value";
import { combine, compliant, defineRule, nonCompliant, notApplicable, type RuleOutcome, undecided } from "../rule";

export const privateSubnetsLoadBalancers = defineRule({
  itemId: "private-subnets",
  resourceTypes: [LOAD_BALANCER],
  readsTypes: SUBNET_ROUTING_TYPES,
  evaluate(lb, { inventory }) {
    const scheme = lb.properties.Scheme ?? "internet-facing";
    if (isUnknown(scheme)) return undecided(`Scheme unknown (${scheme.reason})`);
    if (scheme === "internal") return notApplicable("internal load balancer");
    const subnets = loadBalancerSubnets(inventory, lb);
    if (isUnknown(subnets)) return undecided(`subnets unknown (${subnets.reason})`);
    if (subnets.length === 0) return undecided("load balancer lists no subnets");
    const checks = subnets.map((subnet): RuleOutcome => {
      if (isUnknown(subnet)) return undecided(`a subnet is unknown (${subnet.reason})`);
      if (isDangling(subnet)) return undecided(`subnet ${subnet.dangling} is not in the inventory`);
      const gateway = subnetInternetGateway(inventory, subnet);
      if (isUnknown(gateway)) return undecided(gateway.reason);
      if (gateway === false)
        return nonCompliant(`internet-facing load balancer in private subnet ${subnet.id} (no internet gateway route)`);
      return compliant(`subnet ${subnet.id} routes to internet gateway ${gateway}`);
    });
    return combine(checks, "internet-facing load balancer sits only in public subnets");
  },
});
