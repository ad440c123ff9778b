/*
 * sg-alb-only: Security groups: tasks only accept traffic from ALB SG (not 0.0.0.0/0).
 * Given a security group no in-scope ECS service attaches, Then not applicable.
 * Given a task security group, Then every ingress rule (inline and standalone
 *   AWS::EC2::SecurityGroupIngress) must take its traffic from a security group attached to a load
 *   balancer; CIDR ranges, prefix lists and other security groups fail, naming the rule.
 * Given a task security group with no ingress at all (a worker), Then it passes.
 */
import type { Inventory } from "../../inventory/inventory";
import { ECS_SERVICE } from "../../inventory/relations/ecs";
import {
  describePorts,
  ingressRulesOf,
  LOAD_BALANCER,
  loadBalancerSecurityGroups,
  SECURITY_GROUP,
  SECURITY_GROUP_INGRESS,
  servicesUsingSecurityGroup,
} from "../../inventory/relations/network";
import type { Resource } from "../../model/resource";
import { isUnknown } from "../../model/value";
import { combine, compliant, defineRule, nonCompliant, notApplicable, type RuleOutcome, undecided } from "../rule";

const checkIngress = (inventory: Inventory, group: Resource, rule: Record<string, unknown>): RuleOutcome => {
  const ports = describePorts(rule);
  for (const cidr of [rule.CidrIp, rule.CidrIpv6]) {
    if (isUnknown(cidr)) return undecided(`${ports}: source CIDR unknown (${cidr.reason})`);
    if (typeof cidr === "string") return nonCompliant(`ingress ${ports} from ${cidr} (not the load balancer's SG)`);
  }
  const prefixList = rule.SourcePrefixListId;
  if (prefixList !== undefined) return nonCompliant(`ingress ${ports} from prefix list ${String(prefixList)}`);
  const source = rule.SourceSecurityGroupId ?? rule.SourceSecurityGroupName;
  if (source === undefined) return nonCompliant(`ingress ${ports} has no source security group`);
  if (isUnknown(source)) return undecided(`${ports}: source security group unknown (${source.reason})`);
  const found = inventory.lookupOfType(source, SECURITY_GROUP);
  if (isUnknown(found)) return undecided(`${ports}: source security group unknown (${found.reason})`);
  if (!found) return undecided(`ingress ${ports} from ${String(source)}: security group not in the inventory`);
  if (found === group) return nonCompliant(`ingress ${ports} from the group itself (not the load balancer's SG)`);
  if (!loadBalancerSecurityGroups(inventory).has(found.id))
    return nonCompliant(`ingress ${ports} from ${found.id}, which is not a load balancer's security group`);
  return compliant(`ingress ${ports} from load balancer SG ${found.id}`);
};

export const sgAlbOnly = defineRule({
  itemId: "sg-alb-only",
  resourceTypes: [SECURITY_GROUP],
  readsTypes: [SECURITY_GROUP_INGRESS, LOAD_BALANCER, ECS_SERVICE],
  evaluate(group, { inventory, scope }) {
    const services = servicesUsingSecurityGroup(inventory, group).filter((s) => scope.includes(s));
    if (services.length === 0) return notApplicable("not attached to an in-scope ECS service");
    const rules = ingressRulesOf(inventory, group);
    if (isUnknown(rules)) return undecided(`ingress rules unknown (${rules.reason})`);
    if (rules.length === 0) return compliant("task security group has no ingress");
    return combine(
      rules.map((rule) => checkIngress(inventory, group, rule)),
      "task security group accepts traffic only from the load balancer's security group",
    );
  },
});
