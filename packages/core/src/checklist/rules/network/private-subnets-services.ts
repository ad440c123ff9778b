/*
 * private-subnets (services): VPC: API and Worker in private subnets; ALB in public subnet only.
 * Given an ECS service (any role: a DLQ processor in a public subnet is as exposed as an API),
 *   Then AssignPublicIp must not be ENABLED, and every subnet must not map public IPs on launch
 *   and must have no route to an internet gateway (explicit route table association, else the
 *   VPC's main route table: a template's own VPC has only the local route there; otherwise
 *   neither known → unknown).
 * Given a service without an awsvpc network configuration, Then it is unknown (the instances'
 *   subnets are not in the model).
 */
import type { Inventory } from "../../inventory/inventory";
import {
  ECS_SERVICE,
  isDangling,
  type Resolved,
  serviceAssignPublicIp,
  serviceSubnets,
} from "../../inventory/relations/ecs";
import { SUBNET_ROUTING_TYPES, subnetInternetGateway } from "../../inventory/relations/network";
import { isUnknown, pathOf } from "../../model/value";
import { combine, defineRule, nonCompliant, type RuleOutcome, undecided } from "../rule";

/** One subnet of a task: private when it neither maps public IPs nor routes to an internet gateway. */
export const checkTaskSubnet = (inventory: Inventory, subnet: Resolved): RuleOutcome => {
  if (isUnknown(subnet)) return undecided(`a subnet is unknown (${subnet.reason})`);
  if (isDangling(subnet)) return undecided(`subnet ${subnet.dangling} is not in the inventory`);
  const checks: RuleOutcome[] = [];
  const mapPublicIp = subnet.properties.MapPublicIpOnLaunch;
  if (mapPublicIp === true || mapPublicIp === "true")
    checks.push(nonCompliant(`subnet ${subnet.id} maps public IPs on launch`));
  else if (isUnknown(mapPublicIp)) checks.push(undecided(`subnet ${subnet.id}: MapPublicIpOnLaunch unknown`));
  const gateway = subnetInternetGateway(inventory, subnet);
  if (isUnknown(gateway)) checks.push(undecided(gateway.reason));
  else if (gateway) checks.push(nonCompliant(`subnet ${subnet.id} routes to internet gateway ${gateway}`));
  return combine(checks, `subnet ${subnet.id} is private`);
};

export const privateSubnetsServices = defineRule({
  itemId: "private-subnets",
  resourceTypes: [ECS_SERVICE],
  readsTypes: SUBNET_ROUTING_TYPES,
  evaluate(service, { inventory }) {
    if (pathOf(service.properties, "NetworkConfiguration", "AwsvpcConfiguration") === undefined)
      return undecided("service has no awsvpc network configuration: its instances' subnets are not known");
    const checks: RuleOutcome[] = [];
    const assignPublicIp = serviceAssignPublicIp(service);
    if (assignPublicIp === "ENABLED") checks.push(nonCompliant("AssignPublicIp is ENABLED"));
    else if (isUnknown(assignPublicIp)) checks.push(undecided(`AssignPublicIp unknown (${assignPublicIp.reason})`));
    const subnets = serviceSubnets(inventory, service);
    if (isUnknown(subnets)) checks.push(undecided(`subnets unknown (${subnets.reason})`));
    else if (subnets.length === 0) checks.push(undecided("service lists no subnets"));
    else checks.push(...subnets.map((subnet) => checkTaskSubnet(inventory, subnet)));
    return combine(checks, "tasks run in private subnets without public IPs");
  },
});
