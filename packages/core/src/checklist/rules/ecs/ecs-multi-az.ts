/*
 * Given a service in subnets of ≥ minAvailabilityZones AZs and DesiredCount ≥ minDesiredCount (and, live, running tasks in ≥ that many AZs) → compliant.
 * Given subnets in fewer AZs, or DesiredCount below the minimum (absent = 1), or running tasks in fewer AZs → non_compliant.
 * Given a scalable target of the service's desired count → its MinCapacity is the count that matters, whatever DesiredCount says: auto scaling may scale in to it, and raises a lower count to it.
 * Given a subnet or its AZ is unknown or outside the inventory, the service has no awsvpc subnets, or an ECS scalable target's MinCapacity or resource id is unknown → unknown (unless it already fails).
 * Given a DAEMON service → the desired count is not checked (one task per instance).
 */
import { ECS_SERVICE, isDangling, serviceSubnets } from "../../inventory/relations/ecs";
import { numberOf } from "../../inventory/relations/containers";
import { SCALABLE_TARGET } from "../../inventory/relations/dynamodb";
import { type ScalingOfService, scalingOfService } from "../../inventory/relations/ecs-scaling";
import type { Inventory } from "../../inventory/inventory";
import { displayName, type Resource } from "../../model/resource";
import { isUnknown } from "../../model/value";
import { defineRule } from "../rule";
import { Problems } from "./support";

export const SUBNET = "AWS::EC2::Subnet";

export const ecsMultiAz = defineRule({
  itemId: "ecs-multi-az",
  resourceTypes: [ECS_SERVICE],
  readsTypes: [SUBNET, SCALABLE_TARGET],
  // DescribeContainerInstances: a task on an EC2 instance reports its AZ through the instance.
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
    const count = daemon ? { text: "daemon" } : taskCount(service, scalingOfService(inventory, service));
    if ("unknown" in count) problems.unknown(count.unknown);
    else if (count.lowest !== undefined && count.lowest < params.minDesiredCount)
      problems.fail(`${count.text}, need ≥ ${params.minDesiredCount}`);

    const running = service.observed?.runningTaskAvailabilityZones;
    if (isUnknown(running)) problems.unknown(`running task AZs unknown: ${running.reason}`);
    else if (Array.isArray(running)) {
      const runningZones = [...new Set(running.filter((z): z is string => typeof z === "string"))].sort();
      if (running.length === 0) problems.fail("no running tasks");
      else if (runningZones.length < params.minAvailabilityZones)
        problems.fail(`running tasks in ${azs(runningZones)}, need ≥ ${params.minAvailabilityZones}`);
    }

    return problems.outcome(`subnets span ${azs(zoneList)}, ${"text" in count ? count.text : ""}`);
  },
});

/** The fewest tasks the service may run, and how that is said; or why it cannot be known. */
type TaskCount = { readonly lowest?: number; readonly text: string } | { readonly unknown: string };

const taskCount = (service: Resource, scaling: ScalingOfService): TaskCount => {
  if (scaling.targets.length > 0) {
    const minimums = scaling.targets.map((target) => ({ target, min: numberOf(target.properties.MinCapacity) }));
    const unknown = minimums.find(({ min }) => min === undefined || isUnknown(min));
    if (unknown) {
      const why = isUnknown(unknown.min) ? `(${unknown.min.reason})` : "not set";
      return { unknown: `auto scaling minimum unknown: MinCapacity of ${displayName(unknown.target)} ${why}` };
    }
    const lowest = Math.min(...minimums.map(({ min }) => min as number));
    const desired = numberOf(service.properties.DesiredCount);
    const desiredText = typeof desired === "number" ? `desired count ${desired}, ` : "";
    return { lowest, text: `${desiredText}auto scaling may scale in to ${lowest} (MinCapacity)` };
  }
  const [undetermined] = scaling.undetermined;
  if (undetermined) {
    const { ResourceId: resourceId, ScalableDimension: dimension } = undetermined.properties;
    const [what, value] = typeof resourceId === "string" ? ["dimension", dimension] : ["resource id", resourceId];
    return {
      unknown: `the ECS scalable target ${displayName(undetermined)} may scale this service: its ${what} is unknown (${unknownReason(value)})`,
    };
  }
  const desired = numberOf(service.properties.DesiredCount);
  if (isUnknown(desired)) return { unknown: `desired count unknown: ${desired.reason}` };
  const lowest = desired ?? 1;
  return { lowest, text: `desired count ${lowest}${desired === undefined ? " (not set, ECS default)" : ""}` };
};

const unknownReason = (value: unknown): string => (isUnknown(value) ? value.reason : "not set");

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
