import type { Resource } from "../../model/resource";
import { isUnknown } from "../../model/value";
import type { Inventory } from "../inventory";
import { memoPer, pushTo } from "../memo";
import { SCALABLE_TARGET } from "./dynamodb";
import { ECS_SERVICE } from "./ecs";

export const SERVICE_DESIRED_COUNT = "ecs:service:DesiredCount";

export interface ScalingOfService {
  /** Scalable targets of the service's desired count (one, unless the inventory holds duplicates). */
  readonly targets: readonly Resource[];
  /** ECS scalable targets whose resource id or dimension is unknown: any service might be theirs. */
  readonly undetermined: readonly Resource[];
}

interface ServiceKey {
  /** Undefined when the service's cluster cannot be read: the name alone then matches. */
  readonly cluster?: string;
  readonly name: string;
}

const lastSegment = (text: string): string => text.slice(text.lastIndexOf("/") + 1);

/** The cluster name of a service: "default" when Cluster is not set, as ECS does. */
const clusterOf = (service: Resource): string | undefined => {
  const cluster = service.properties.Cluster;
  if (cluster === undefined) return "default";
  return typeof cluster === "string" ? lastSegment(cluster) : undefined;
};

/** The service's name: ServiceName, else the last segment of its ARN (a generated name). */
const nameOf = (service: Resource): string | undefined => {
  const declared = service.properties.ServiceName;
  if (typeof declared === "string") return declared;
  if (isUnknown(declared)) return undefined;
  const arn = [service.id, ...service.aliases].find((alias) => alias.startsWith("arn:") && alias.includes(":service/"));
  return arn ? lastSegment(arn) : undefined;
};

/** "service/<cluster>/<service>", the ResourceId Application Auto Scaling gives an ECS service. */
const parseResourceId = (resourceId: string): ServiceKey | undefined => {
  const match = /^service\/([^/]+)\/([^/]+)$/.exec(resourceId);
  return match ? { cluster: match[1], name: match[2] } : undefined;
};

const isEcsTarget = (target: Resource): boolean => {
  const { ServiceNamespace: namespace, ScalableDimension: dimension } = target.properties;
  return namespace === "ecs" || (typeof dimension === "string" && dimension.startsWith("ecs:"));
};

interface ScalingIndex {
  readonly byService: Map<string, Resource[]>;
  readonly undetermined: Resource[];
}

const buildIndex = (inventory: Inventory): ScalingIndex => {
  const services = new Map<string, Resource[]>();
  for (const service of inventory.ofType(ECS_SERVICE)) {
    const name = nameOf(service);
    if (name !== undefined) pushTo(services, name, service);
  }
  const byService = new Map<string, Resource[]>();
  const undetermined: Resource[] = [];
  for (const target of inventory.ofType(SCALABLE_TARGET)) {
    if (!isEcsTarget(target)) continue;
    const { ResourceId: resourceId, ScalableDimension: dimension } = target.properties;
    if (typeof resourceId !== "string" || typeof dimension !== "string") {
      undetermined.push(target);
      continue;
    }
    const key = dimension === SERVICE_DESIRED_COUNT ? parseResourceId(resourceId) : undefined;
    if (!key) continue;
    for (const service of services.get(key.name) ?? []) {
      const cluster = clusterOf(service);
      if (cluster === undefined || cluster === key.cluster) pushTo(byService, service.id, target);
    }
  }
  return { byService, undetermined };
};

const scalingIndex = memoPer(buildIndex);

/** The scalable targets that set a service's desired count, and those that might. */
export const scalingOfService = (inventory: Inventory, service: Resource): ScalingOfService => {
  const index = scalingIndex(inventory);
  return { targets: index.byService.get(service.id) ?? [], undetermined: index.undetermined };
};
