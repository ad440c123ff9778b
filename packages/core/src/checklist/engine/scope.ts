import type { ReadinessConfig, ServiceRole } from "../config/schema";
import { type Inventory, visitStrings } from "../inventory/inventory";
import { memoPer } from "../inventory/memo";
import { imageRepository } from "../inventory/relations/containers";
import { type Container, containersOf, ECS_SERVICE, ECS_TASK_DEFINITION } from "../inventory/relations/ecs";
import type { Resource } from "../model/resource";
import { isUnknown } from "../model/value";
import { declaredRole, type InferredRole, inferRole, type RoleSource } from "./roles";

export interface ScopedService {
  readonly resource: Resource;
  readonly name: string;
  readonly role?: ServiceRole;
  /** Where the role comes from (readiness.yml, the service's structure, its name); absent when it has none. */
  readonly roleBasis?: InferredRole;
  /** Queue references this service is declared to consume. */
  readonly consumes: readonly string[];
}

/**
 * Which scope ran, for the report: `account-wide` (a live source, nothing restricting it or
 * --account-wide), `template` (a whole template), `clusters` (the services of these clusters and
 * what they use), `services` (these services and what they use).
 */
export type ScopeKind = "account-wide" | "template" | "clusters" | "services";

export interface ScopeSummary {
  readonly kind: ScopeKind;
  /** One line: "clusters platform", "services api, worker (clusters platform)", "account-wide", "whole template". */
  readonly description: string;
  /** The ECS clusters named (--cluster, services[].cluster), as given; empty when none was. */
  readonly clusters: readonly string[];
  /** The in-scope ECS services by name (readiness.yml's names where it gives them). */
  readonly services: readonly string[];
  /** The role of each in-scope service and where it comes from, in the order of `services`. */
  readonly roles: readonly ServiceRoleNote[];
}

export interface ServiceRoleNote {
  readonly service: string;
  /** Absent when neither readiness.yml, the structure nor the name gives one: role-based rules skip it. */
  readonly role?: ServiceRole;
  readonly source?: RoleSource;
  /** What shows the role: "target group ApiTargets", "queue tasks", the name; "declared" for readiness.yml. */
  readonly evidence?: string;
}

/** Which resources a run evaluates, and the role of each in-scope ECS service. */
export interface Scope {
  readonly services: readonly ScopedService[];
  /**
   * True when the run is restricted (readiness.yml services, --service, --cluster or
   * services[].cluster, unless --account-wide); false: everything is in scope.
   */
  readonly restricted: boolean;
  readonly summary: ScopeSummary;
  includes(resource: Resource): boolean;
  roleOf(service: Resource): ServiceRole | undefined;
  /** The in-scope services that declare they consume this queue. */
  consumersOf(queue: Resource, inventory: Inventory): readonly ScopedService[];
}

/**
 * Resource types pulled into a restricted scope by what they reference (they hang off a resource
 * the services use): flow logs of the VPC, scaling of the table, consumers of the queue, ingress
 * rules of the SG, routes of the route table, listeners of the target group, alarms of the queue.
 */
const ATTACHED_TYPES = new Set([
  "AWS::EC2::FlowLog",
  "AWS::ApplicationAutoScaling::ScalableTarget",
  "AWS::ApplicationAutoScaling::ScalingPolicy",
  "AWS::Lambda::EventSourceMapping",
  "AWS::EC2::SecurityGroupIngress",
  "AWS::EC2::Route",
  "AWS::EC2::SubnetRouteTableAssociation",
  "AWS::EC2::VPCGatewayAttachment",
  "AWS::ElasticLoadBalancingV2::Listener",
  "AWS::ElasticLoadBalancingV2::ListenerRule",
  "AWS::CloudWatch::Alarm",
  "AWS::IAM::Policy",
  "AWS::IAM::ManagedPolicy",
  "AWS::SQS::QueuePolicy",
]);

const serviceName = (service: Resource): string => {
  const declared = service.properties.ServiceName;
  return typeof declared === "string" ? declared : service.id;
};

const matchesService = (service: Resource, wanted: string): boolean =>
  service.id === wanted || service.aliases.includes(wanted) || serviceName(service) === wanted;

/**
 * Whether a service runs in this cluster (name or ARN). The service's `Cluster` names its cluster
 * by ARN (live) or by a reference (template); the cluster resource, when read, knows its name.
 */
const inCluster = (inventory: Inventory, service: Resource, wanted: string): boolean => {
  const reference = service.properties.Cluster;
  if (typeof reference !== "string") return false;
  if (reference === wanted || reference.slice(reference.lastIndexOf("/") + 1) === wanted) return true;
  const cluster = inventory.lookup(reference);
  return (
    cluster !== undefined &&
    !isUnknown(cluster) &&
    (cluster.id === wanted || cluster.aliases.includes(wanted) || cluster.properties.ClusterName === wanted)
  );
};

export interface ScopeOptions {
  /** --service: restrict to these services (names, ARNs or logical ids). */
  readonly onlyServices?: readonly string[];
  /**
   * --cluster plus readiness.yml's services[].cluster (live): without declared services, the scope
   * is the services of these clusters and what they use, not every resource read.
   */
  readonly clusters?: readonly string[];
  /** --account-wide: every resource read is in scope, whatever names the services. */
  readonly accountWide?: boolean;
}

export class ScopeError extends Error {
  override readonly name = "ScopeError";

  constructor(
    message: string,
    /** How to fix it. */
    readonly hint: string,
  ) {
    super(message);
  }
}

export const buildScope = (inventory: Inventory, config: ReadinessConfig, options: ScopeOptions = {}): Scope => {
  const all = inventory.ofType(ECS_SERVICE);
  const declared = config.services;
  const clusters = options.clusters ?? [];
  // A declared cluster tells same-named services of two clusters apart; templates have no cluster names to match.
  const declaredMatch = (d: ReadinessConfig["services"][number]) => (s: Resource) =>
    matchesService(s, d.service) && (!d.cluster || inventory.source !== "live" || inCluster(inventory, s, d.cluster));
  let services: ScopedService[] = declared.length
    ? declared.flatMap((d) => {
        const match = all.find(declaredMatch(d));
        return match
          ? [
              {
                resource: match,
                name: d.name ?? d.service,
                role: d.role,
                roleBasis: declaredRole(d.role),
                consumes: d.consumes,
              },
            ]
          : [];
      })
    : all
        .filter((s) => clusters.length === 0 || clusters.some((c) => inCluster(inventory, s, c)))
        .map((s) => {
          const inferred = inferRole(inventory, s, serviceName(s));
          return { resource: s, name: serviceName(s), role: inferred?.role, roleBasis: inferred, consumes: [] };
        });
  if (!declared.length && clusters.length && services.length === 0 && !options.accountWide)
    throw new ScopeError(
      `no ECS service runs in cluster ${clusters.join(", ")}; services found: ${all.map(serviceName).join(", ") || "none"}`,
      "pass the name or ARN of a cluster that runs the services to review (--cluster, services[].cluster)",
    );
  if (options.onlyServices?.length) {
    const wanted = options.onlyServices;
    services = services.filter((s) => wanted.some((w) => s.name === w || matchesService(s.resource, w)));
    if (services.length === 0)
      throw new ScopeError(
        `no ECS service matches --service ${wanted.join(", ")}; services found: ${all.map(serviceName).join(", ") || "none"}`,
        "pass a service name, ARN or logical id from the list",
      );
  }
  const restricted =
    !options.accountWide && (declared.length > 0 || clusters.length > 0 || Boolean(options.onlyServices?.length));
  const inScope = restricted
    ? closureOfBranches(
        inventory,
        services.map((s) => s.resource),
      )
    : undefined;
  const roles = new Map(services.map((s) => [s.resource.id, s.role]));
  const declaredConsumers = memoPer(declaredConsumersIndex(services));
  return {
    services,
    restricted,
    summary: summarise(
      inventory,
      services,
      clusters,
      restricted,
      declared.length > 0 || Boolean(options.onlyServices?.length),
    ),
    includes: (resource) => !inScope || inScope.has(resource.id),
    roleOf: (service) =>
      roles.has(service.id) ? roles.get(service.id) : inferRole(inventory, service, serviceName(service))?.role,
    consumersOf: (queue, inv) => declaredConsumers(inv).get(queue) ?? [],
  };
};

const summarise = (
  inventory: Inventory,
  services: readonly ScopedService[],
  clusters: readonly string[],
  restricted: boolean,
  byService: boolean,
): ScopeSummary => {
  const names = services.map((s) => s.name);
  const roles = services.map(
    (s): ServiceRoleNote => ({
      service: s.name,
      ...(s.roleBasis ? { role: s.roleBasis.role, source: s.roleBasis.source, evidence: s.roleBasis.evidence } : {}),
    }),
  );
  const base = { clusters: [...clusters], services: names, roles };
  if (!restricted)
    return inventory.source === "template"
      ? { kind: "template", description: "whole template", ...base }
      : { kind: "account-wide", description: "account-wide", ...base };
  const inClusters = clusters.length ? `clusters ${clusters.join(", ")}` : "";
  if (!byService) return { kind: "clusters", description: inClusters, ...base };
  const listed = `services ${names.join(", ") || "(none found)"}`;
  return { kind: "services", description: inClusters ? `${listed} (${inClusters})` : listed, ...base };
};

/**
 * Declared consumers by queue, built once per inventory asked about: each `consumes` reference
 * is resolved once instead of once per queue. Order follows the services.
 */
const declaredConsumersIndex =
  (services: readonly ScopedService[]) =>
  (inventory: Inventory): Map<Resource, ScopedService[]> => {
    const byQueue = new Map<Resource, ScopedService[]>();
    for (const service of services)
      for (const ref of service.consumes) {
        const queue = inventory.lookup(ref);
        if (!queue || isUnknown(queue)) continue;
        const list = byQueue.get(queue);
        if (!list) byQueue.set(queue, [service]);
        else if (!list.includes(service)) list.push(service);
      }
    return byQueue;
  };

/**
 * The closure in the inventory and in each of its branches (undecidable template conditions): what
 * a service uses under one branch only (a sidecar's log group) is judged too.
 */

/** What scope can follow of a task definition's containers: none when nobody can know them yet. */
const knownContainers = (taskDefinition: Resource): readonly Container[] => {
  const containers = containersOf(taskDefinition);
  return isUnknown(containers) ? [] : containers;
};

const closureOfBranches = (inventory: Inventory, roots: readonly Resource[]): Set<string> => {
  const inScope = closure(inventory, roots);
  for (const { inventory: branch } of inventory.branches) {
    const branchRoots = roots.flatMap((root) => branch.get(root.id) ?? []);
    for (const id of closure(branch, branchRoots)) inScope.add(id);
  }
  return inScope;
};

/** Everything the services reach through references, plus the attached resources hanging off those. */
const closure = (inventory: Inventory, roots: readonly Resource[]): Set<string> => {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const resource = queue.pop()!;
    if (seen.has(resource.id)) continue;
    seen.add(resource.id);
    // ECS services other than the roots are never pulled in: scope is per service.
    visitStrings(resource.properties, (text) => {
      const target = inventory.lookup(text);
      if (target && !isUnknown(target) && !seen.has(target.id) && target.type !== ECS_SERVICE) queue.push(target);
    });
    // Image references name a repository by URI, not by an alias string: follow them explicitly.
    if (resource.type === ECS_TASK_DEFINITION)
      for (const container of knownContainers(resource)) {
        const repository = imageRepository(inventory, container.definition.Image);
        if (repository && !seen.has(repository.id)) queue.push(repository);
      }
    for (const referrer of inventory.referencesTo(resource))
      if (ATTACHED_TYPES.has(referrer.type) && !seen.has(referrer.id)) queue.push(referrer);
  }
  return seen;
};
