import { Inventory } from "../../inventory/inventory";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { api as alarmApis, collectAlarms } from "./alarms";
import { api as autoScalingApis, collectAutoScaling } from "./auto-scaling";
import type { LiveClients } from "./clients";
import { api as dynamodbApis, collectTables } from "./dynamodb";
import { api as ecrApis, collectEcr } from "./ecr";
import { api as ecsApis, collectEcs, type TaskPlacement } from "./ecs";
import { api as elbv2Apis, collectLoadBalancing } from "./elbv2";
import { api as flowLogApis, collectFlowLogs } from "./flow-logs";
import { api as iamApis, collectRoles } from "./iam";
import { api as lambdaApis, collectEventSourceMappings } from "./lambda";
import { api as logsApis, collectLogGroups } from "./logs";
import { api as networkApis, collectNetwork, SUBNET } from "./network";
import { type LiveProgress, LiveRun, type Read } from "./run";
import { api as secretsApis, collectSecrets } from "./secrets";
import { api as securityGroupApis, collectSecurityGroups } from "./security-groups";
import { api as sqsApis, collectQueues } from "./sqs";

export interface LiveCollectOptions {
  /** ECS clusters to read (names or ARNs); every cluster when absent. */
  readonly clusters?: readonly string[];
  /** ECS services to read (names or ARNs); every service of the clusters when absent. */
  readonly services?: readonly string[];
  /** SDK requests in flight at once (default 8). */
  readonly concurrency?: number;
  readonly onProgress?: (event: LiveProgress) => void;
}

export interface LiveCollection {
  readonly inventory: Inventory;
  /** Resource type → why it could not be read ("missing permission ecs:DescribeServices", "endpoint lacks ..."). */
  readonly unreadableTypes: Map<string, string>;
  readonly warnings: string[];
}

export const DEFAULT_CONCURRENCY = 8;

/** Every AWS action the live collectors call: the read-only IAM policy live mode needs. */
export const LIVE_ACTIONS: readonly string[] = [
  ...new Set(
    [
      alarmApis,
      autoScalingApis,
      dynamodbApis,
      ecrApis,
      ecsApis,
      elbv2Apis,
      flowLogApis,
      iamApis,
      lambdaApis,
      logsApis,
      networkApis,
      secretsApis,
      securityGroupApis,
      sqsApis,
    ].flatMap((apis) => Object.values(apis).map((api) => api.action)),
  ),
].sort();

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
  const ecsAndRoles = collectEcs(clients, run, { clusters: options.clusters, services: options.services }).then(
    async (ecs) => {
      await collectRoles(clients, run, ecs.roleArns);
      return ecs;
    },
  );
  const [ecs] = await Promise.all([
    ecsAndRoles,
    collectNetwork(clients, run),
    collectSecurityGroups(clients, run),
    collectFlowLogs(clients, run),
    collectEcr(clients, run),
    collectLoadBalancing(clients, run),
    collectQueues(clients, run),
    collectTables(clients, run),
    collectAutoScaling(clients, run),
    collectLogGroups(clients, run),
    collectEventSourceMappings(clients, run),
    collectSecrets(clients, run),
    collectAlarms(clients, run),
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
