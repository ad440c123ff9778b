/*
 * Given a worker or dlq-processor whose essential containers have StopTimeout ≥ drainSeconds (absent = ECS default 30 s) → compliant.
 * Given an api whose target groups keep deregistration_delay.timeout_seconds ≥ minDeregistrationDelaySeconds (absent = 300 s) and whose essential containers have StopTimeout ≥ drainSeconds → compliant.
 * Given a StopTimeout or deregistration delay below the minimum → non_compliant, naming the container or target group.
 * Given the task definition, a target group or a value is unknown or outside the inventory → unknown.
 * Given a service without a role → not_applicable ("role unknown: declare it in readiness.yml").
 */
import type { Inventory } from "../../inventory/inventory";
import { isEssential, numberOf } from "../../inventory/relations/containers";
import {
  containersOf,
  ECS_SERVICE,
  ECS_TASK_DEFINITION,
  isDangling,
  serviceTargetGroups,
} from "../../inventory/relations/ecs";
import { displayName, type Resource } from "../../model/resource";
import { asArray, asRecord, isUnknown } from "../../model/value";
import { defineRule, notApplicable } from "../rule";
import { counted, Problems, runningTaskDefinition } from "./support";

export const TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup";
/** ECS sends SIGKILL this long after SIGTERM when a container sets no StopTimeout. */
export const ECS_DEFAULT_STOP_TIMEOUT_SECONDS = 30;
/** ELBv2 keeps a deregistering target this long when the attribute is not set. */
export const ELB_DEFAULT_DEREGISTRATION_DELAY_SECONDS = 300;
const DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";

export const gracefulShutdown = defineRule({
  itemId: "graceful-shutdown",
  resourceTypes: [ECS_SERVICE],
  readsTypes: [ECS_TASK_DEFINITION, TARGET_GROUP],
  evaluate(service, { inventory, params, scope }) {
    const role = scope.roleOf(service);
    if (!role) return notApplicable("role unknown: declare it in readiness.yml");
    const running = runningTaskDefinition(inventory, service);
    if ("outcome" in running) return running.outcome;

    const problems = new Problems();
    const checked = checkStopTimeouts(running.taskDefinition, params.drainSeconds, problems);
    const stopText = `stopTimeout ≥ ${params.drainSeconds} s on ${counted(checked, "essential container")}`;
    if (role !== "api") return problems.outcome(stopText);

    const groups = checkDeregistrationDelays(inventory, service, params.minDeregistrationDelaySeconds, problems);
    const groupText =
      groups === 0
        ? "no load balancer target groups"
        : `deregistration delay ≥ ${params.minDeregistrationDelaySeconds} s on ${counted(groups, "target group")}`;
    return problems.outcome(`${stopText}; ${groupText}`);
  },
});

/** Records containers that are killed before they can drain; returns how many essential containers were checked. */
const checkStopTimeouts = (taskDefinition: Resource, drainSeconds: number, problems: Problems): number => {
  let checked = 0;
  const containers = containersOf(taskDefinition);
  if (isUnknown(containers)) {
    problems.unknown(`containers unknown: ${containers.reason}`);
    return 0;
  }
  for (const container of containers) {
    const essential = isEssential(container);
    if (isUnknown(essential)) {
      problems.unknown(`container ${container.name}: essential flag unknown (${essential.reason})`);
      continue;
    }
    if (!essential) continue;
    checked++;
    const timeout = numberOf(container.definition.StopTimeout);
    if (isUnknown(timeout)) problems.unknown(`container ${container.name}: stopTimeout unknown (${timeout.reason})`);
    else if (timeout === undefined) {
      if (ECS_DEFAULT_STOP_TIMEOUT_SECONDS < drainSeconds)
        problems.fail(
          `container ${container.name}: stopTimeout not set (ECS default ${ECS_DEFAULT_STOP_TIMEOUT_SECONDS} s) < drain ${drainSeconds} s`,
        );
    } else if (timeout < drainSeconds)
      problems.fail(`container ${container.name}: stopTimeout ${timeout} s < drain ${drainSeconds} s`);
  }
  if (checked === 0 && problems.unknowns.length === 0) problems.unknown("no essential containers");
  return checked;
};

/** Records target groups that drop in-flight requests; returns how many target groups were read. */
const checkDeregistrationDelays = (
  inventory: Inventory,
  service: Resource,
  minimum: number,
  problems: Problems,
): number => {
  let read = 0;
  for (const group of serviceTargetGroups(inventory, service)) {
    if (isUnknown(group)) problems.unknown(`target group unknown: ${group.reason}`);
    else if (isDangling(group)) problems.unknown(`target group ${group.dangling} not in the inventory`);
    else {
      read++;
      const delay = deregistrationDelay(group);
      const name = displayName(group);
      if (isUnknown(delay)) problems.unknown(`target group ${name}: deregistration delay unknown (${delay.reason})`);
      else if (delay === undefined)
        problems.unknown(`target group ${name}: deregistration delay is not a number of seconds`);
      else if (delay < minimum) problems.fail(`target group ${name}: deregistration delay ${delay} s < ${minimum} s`);
    }
  }
  return read;
};

const deregistrationDelay = (group: Resource): ReturnType<typeof numberOf> => {
  const attributes = group.properties.TargetGroupAttributes;
  if (isUnknown(attributes)) return attributes;
  const attribute = asArray(attributes)
    .map(asRecord)
    .find((a) => a.Key === DEREGISTRATION_DELAY);
  if (!attribute) return ELB_DEFAULT_DEREGISTRATION_DELAY_SECONDS;
  return numberOf(attribute.Value);
};
