import { Inventory } from "../../inventory/inventory";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import type { LiveClients } from "./clients";
import type { EcsCollection, TaskPlacement } from "./ecs";
import { type LiveProgress, type LiveReads, LiveRun, type Read } from "./run";
import { ECS_COLLECTOR, IAM_COLLECTOR, ON_DEMAND_COLLECTORS, typesOfApi } from "./collectors";

const SUBNET = "AWS::EC2::Subnet";

/** The types of the ECS collector (always run) and of the IAM one (run after it, on the roles its task definitions name). */
export const ECS_COLLECTOR_TYPES = typesOfApi(ECS_COLLECTOR.api);
export const IAM_COLLECTOR_TYPES = typesOfApi(IAM_COLLECTOR.api);

/** The collectors besides ECS's and IAM's, each with the types it reads (derived from its api table). */
const COLLECTORS = Object.values(ON_DEMAND_COLLECTORS).map((collector) => ({
  types: typesOfApi(collector.api),
  load: collector.load,
}));

export interface LiveCollectOptions {
  /** ECS clusters to read (names or ARNs); every cluster when absent. */
  readonly clusters?: readonly string[];
  /** ECS services to read (names or ARNs); every service of the clusters when absent. */
  readonly services?: readonly string[];
  /**
   * Resource types wanted (default every type): only the collectors that read one of them run.
   * ECS services and task definitions are always read; IAM roles when a role type is wanted.
   */
  readonly types?: readonly string[];
  /** SDK requests in flight at once (default 8). */
  readonly concurrency?: number;
  readonly onProgress?: (event: LiveProgress) => void;
}

export interface LiveCollection {
  readonly inventory: Inventory;
  /** Resource type → why it could not be read ("missing permission ecs:DescribeServices", "endpoint lacks ..."). */
  readonly unreadableTypes: Map<string, string>;
  readonly warnings: string[];
  /** How many reads answered and why the others failed: none answered means nothing was read. */
  readonly reads: LiveReads;
}

export const DEFAULT_CONCURRENCY = 8;

/**
 * Reads an account (or any AWS-compatible endpoint) into the canonical inventory, the same shape the
 * template adapter builds. One API that is denied or missing makes its resource types unreadable
 * and the run goes on; no network or no credentials fails the whole run.
 */
export async function collectLiveInventory(
  clients: LiveClients,
  options: LiveCollectOptions = {},
): Promise<LiveCollection> {
  const run = new LiveRun(options.concurrency ?? DEFAULT_CONCURRENCY, clients.source, options.onProgress);
  const wanted = (types: readonly string[]): boolean =>
    options.types === undefined || types.some((type) => options.types?.includes(type));
  const ecsAndRoles = (async (): Promise<EcsCollection> => {
    const { collectEcs } = await import("./ecs");
    const ecs = await collectEcs(clients, run, { clusters: options.clusters, services: options.services });
    if (wanted(IAM_COLLECTOR_TYPES)) await (await import("./iam")).collectRoles(clients, run, ecs.roleArns);
    return ecs;
  })();
  const [ecs] = await Promise.all([
    ecsAndRoles,
    ...COLLECTORS.filter((collector) => wanted(collector.types)).map(async (collector) =>
      (await collector.load())(clients, run),
    ),
  ]);

  const zoneOfSubnet = subnetZones(run.collected());
  for (const service of ecs.services)
    run.add({
      ...service,
      observed: {
        ...service.observed,
        runningTaskAvailabilityZones: runningTaskZones(ecs.placements.get(service.id), zoneOfSubnet),
      },
    });
  return {
    inventory: new Inventory(run.collected(), "live"),
    unreadableTypes: run.unreadableTypes,
    warnings: run.warnings,
    reads: run.reads,
  };
}

const subnetZones = (resources: readonly Resource[]): Map<string, string> => {
  const zones = new Map<string, string>();
  for (const resource of resources) {
    const zone = resource.properties.AvailabilityZone;
    if (resource.type !== SUBNET || typeof zone !== "string") continue;
    for (const alias of [resource.id, ...resource.aliases]) zones.set(alias, zone);
  }
  return zones;
};

/**
 * One AZ per running task. A task that does not report its AZ is placed by the subnet of its
 * network interface; when neither is known the whole observation is unknown, never a guess.
 */
export const runningTaskZones = (
  placements: Read<TaskPlacement[]> | undefined,
  zoneOfSubnet: ReadonlyMap<string, string>,
): unknown => {
  if (!placements) return unknownValue("running tasks were not read");
  if (!placements.ok) return unknownValue(placements.error.reason);
  const zones: string[] = [];
  for (const task of placements.value) {
    const zone = task.availabilityZone ?? (task.subnetId ? zoneOfSubnet.get(task.subnetId) : undefined);
    if (!zone) return unknownValue(`task ${task.taskArn} reports no availability zone`);
    zones.push(zone);
  }
  return zones;
};
