import type { Inventory } from "../../inventory/inventory";
import { ECS_SERVICE, isDangling, serviceTaskDefinition } from "../../inventory/relations/ecs";
import { containerLogGroups, logGroupNameOf } from "../../inventory/relations/logs";
import type { Resource } from "../../model/resource";
import { isUnknown } from "../../model/value";
import type { LogSample, SampleWindow } from "./sample";
import type { ServiceLogSamples } from "./trace-id-verdict";

/** Samples one log group (FilterLogEvents on a live account). */
export type LogSampler = (logGroupName: string, window: SampleWindow) => Promise<LogSample>;

/** The awslogs groups a service's running revision writes to, by name, or why they cannot be named. */
export const serviceLogGroupNames = (inventory: Inventory, service: Resource): string[] | { gap: string } => {
  const taskDefinition = serviceTaskDefinition(inventory, service);
  if (isUnknown(taskDefinition)) return { gap: `task definition unknown (${taskDefinition.reason})` };
  if (isDangling(taskDefinition)) return { gap: `task definition ${taskDefinition.dangling} was not read` };
  const logs = containerLogGroups(inventory, taskDefinition);
  if (isUnknown(logs)) return { gap: `containers unknown (${logs.reason})` };
  if (logs.length === 0)
    return { gap: "no container logs to CloudWatch with the awslogs driver: the probe reads awslogs groups only" };
  const names: string[] = [];
  for (const log of logs) {
    const name = log.resource ? logGroupNameOf(log.resource) : log.group;
    if (typeof name !== "string" || name === "")
      return { gap: `container ${log.container}: awslogs-group is not a name (${JSON.stringify(log.group)})` };
    names.push(name);
  }
  return [...new Set(names)];
};

/**
 * Samples the awslogs groups of every ECS service of the inventory (the live inventory holds only
 * the services the run asked for; the decider narrows to the scope), each group once even when
 * several services share it, one after the other: a bounded sample per group keeps it short.
 */
export const gatherLogSamples = async (
  inventory: Inventory,
  sample: LogSampler,
  window: SampleWindow,
  onProgress?: (message: string) => void,
): Promise<Map<string, ServiceLogSamples>> => {
  const byGroup = new Map<string, LogSample>();
  const samples = new Map<string, ServiceLogSamples>();
  for (const service of inventory.ofType(ECS_SERVICE)) {
    const names = serviceLogGroupNames(inventory, service);
    if (!Array.isArray(names)) {
      samples.set(service.id, { groups: [], gap: names.gap });
      continue;
    }
    const groups = [];
    for (const name of names) {
      let sampled = byGroup.get(name);
      if (!sampled) {
        sampled = await sample(name, window);
        byGroup.set(name, sampled);
      }
      groups.push({ name, sample: sampled });
    }
    samples.set(service.id, { groups });
  }
  onProgress?.(`log groups sampled: ${byGroup.size}`);
  return samples;
};
