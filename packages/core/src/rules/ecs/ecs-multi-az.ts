/*
 * Given a service in subnets of ≥ minAvailabilityZones AZs and DesiredCount ≥ minDesiredCount (and, live, running tasks in ≥ that many AZs) → compliant.
 * Given subnets in fewer AZs, or DesiredCount below the minimum (absent = 1), or running tasks in fewer AZs → non_compliant.
 * Given a subnet or its AZ is unknown or outside the inventory, or the service has no awsvpc subnets → unknown (unless it already fails).
 * Given a DAEMON service → the desired count is not checked (one task per instance).
 */
import { ECS_SERVICE, isDangling, serviceSubnets } from "../../inventory/relations/ecs";
import { numberOf } from "../../inventory/relations/containers";
import type { Inventory } from "../../inventory/inventory";
import { displayName, type Resource } from "../../model/resource";
import { isUnknown } from "../../model/value";
import { defineRule } from "../rule";
import { Problems } from "./support";

export const SUBNET = "AWS::EC2::Subnet";

export const ecsMultiAz = defineRule({
  itemId: "ecs-multi-az",
  resourceTypes: [ECS_SERVICE],
  readsTypes: [SUBNET],
  // DescribeContainerInstances: a task on an EC2 instance reports its AZ through the instance.
  liveActions: [
    "ecs:DescribeServices",
    "ecs:ListTasks",
    "ecs:DescribeTasks",
    "ecs:DescribeContainerInstances",
    "ec2:DescribeSubnets",
  ],
  evaluate(service, { inventory, params }) {
    const problems = new Problems();
    const zones = subnetZones(inventory, service);
    const zoneList = [...zones.known].sort();
    if (zoneList.length < params.minAvailabilityZones) {
      if (zones.unknown.length) for (const reason of zones.unknown) problems.unknown(reason);
      else if (zones.subnetCount > 0)
        problems.fail(`subnets span ${azs(zoneList)}, need ≥ ${params.minAvailabilityZones}`);
    }

    const daemon = service.properties.SchedulingStrategy === "DAEMON";
    const desired = numberOf(service.properties.DesiredCount);
    if (isUnknown(desired)) problems.unknown(`desired count unknown: ${desired.reason}`);
    else if (!daemon) {
      const count = desired ?? 1;
      if (count < params.minDesiredCount)
        problems.fail(
          `desired count ${count}${desired === undefined ? " (not set, ECS default)" : ""}, need ≥ ${params.minDesiredCount}`,
        );
    }

    const running = service.observed?.runningTaskAvailabilityZones;
    if (isUnknown(running)) problems.unknown(`running task AZs unknown: ${running.reason}`);
    else if (Array.isArray(running)) {
      const runningZones = [...new Set(running.filter((z): z is string => typeof z === "string"))].sort();
      if (running.length === 0) problems.fail("no running tasks");
      else if (runningZones.length < params.minAvailabilityZones)
        problems.fail(`running tasks in ${azs(runningZones)}, need ≥ ${params.minAvailabilityZones}`);
    }

    const countText = daemon ? "daemon" : `desired count ${desired ?? 1}`;
    return problems.outcome(`subnets span ${azs(zoneList)}, ${countText}`);
  },
});

const azs = (zones: readonly string[]): string =>
  `${zones.length} AZ${zones.length === 1 ? "" : "s"} (${zones.join(", ")})`;

interface SubnetZones {
  readonly known: Set<string>;
  /** Why some subnets' AZs could not be read. */
  readonly unknown: string[];
  readonly subnetCount: number;
}

const subnetZones = (inventory: Inventory, service: Resource): SubnetZones => {
  const known = new Set<string>();
  const unknown: string[] = [];
  const subnets = serviceSubnets(inventory, service);
  if (isUnknown(subnets)) return { known, unknown: [`subnets unknown: ${subnets.reason}`], subnetCount: 0 };
  if (subnets.length === 0) {
    unknown.push("no awsvpc subnets: AZ spread depends on the cluster's container instances");
    return { known, unknown, subnetCount: 0 };
  }
  for (const subnet of subnets) {
    if (isUnknown(subnet)) unknown.push(`subnet unknown: ${subnet.reason}`);
    else if (isDangling(subnet)) unknown.push(`subnet ${subnet.dangling} not in the inventory`);
    else {
      const zone = subnet.properties.AvailabilityZone ?? subnet.properties.AvailabilityZoneId;
      if (typeof zone === "string") known.add(zone);
      else if (isUnknown(zone)) unknown.push(`subnet ${displayName(subnet)}: AZ unknown (${zone.reason})`);
      else unknown.push(`subnet ${displayName(subnet)}: AZ not set`);
    }
  }
  return { known, unknown, subnetCount: subnets.length };
};
