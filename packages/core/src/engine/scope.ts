import type { ReadinessConfig, ServiceRole } from "../config/schema";
import { type Inventory, visitStrings } from "../inventory/inventory";
import { memoPer } from "../inventory/memo";
import { imageRepository } from "../inventory/relations/containers";
import { containersOf, ECS_SERVICE, ECS_TASK_DEFINITION } from "../inventory/relations/ecs";
import type { Resource } from "../model/resource";
import { isUnknown } from "../model/value";

export interface ScopedService {
  readonly resource: Resource;
  readonly name: string;
  readonly role?: ServiceRole;
  /** Queue references this service is declared to consume. */
  readonly consumes: readonly string[];
}

/** Which resources a run evaluates, and the role of each in-scope ECS service. */
export interface Scope {
  readonly services: readonly ScopedService[];
  /** True when the run is restricted (readiness.yml services or --service); false: everything is in scope. */
  readonly restricted: boolean;
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

/** Role inferred from a service's name when readiness.yml does not declare it. */
export const inferRole = (name: string): ServiceRole | undefined => {
  const lower = name.toLowerCase();
  if (lower.includes("dlq") || lower.includes("deadletter") || lower.includes("dead-letter")) return "dlq-processor";
  if (lower.includes("worker") || lower.includes("consumer")) return "worker";
  if (lower.includes("api") || lower.includes("web") || lower.includes("frontend")) return "api";
  return undefined;
};

const serviceName = (service: Resource): string => {
  const declared = service.properties.ServiceName;
  return typeof declared === "string" ? declared : service.id;
};

const matchesService = (service: Resource, wanted: string): boolean =>
  service.id === wanted || service.aliases.includes(wanted) || serviceName(service) === wanted;

export interface ScopeOptions {
  /** --service: restrict to these services (names, ARNs or logical ids). */
  readonly onlyServices?: readonly string[];
}

export class ScopeError extends Error {
  override readonly name = "ScopeError";
}

export const buildScope = (inventory: Inventory, config: ReadinessConfig, options: ScopeOptions = {}): Scope => {
  const all = inventory.ofType(ECS_SERVICE);
  const declared = config.services;
  let services: ScopedService[] = declared.length
    ? declared.flatMap((d) => {
        const match = all.find((s) => matchesService(s, d.service));
        return match ? [{ resource: match, name: d.name ?? d.service, role: d.role, consumes: d.consumes }] : [];
      })
    : all.map((s) => ({ resource: s, name: serviceName(s), role: inferRole(serviceName(s)), consumes: [] }));
  if (options.onlyServices?.length) {
    const wanted = options.onlyServices;
    services = services.filter((s) => wanted.some((w) => s.name === w || matchesService(s.resource, w)));
    if (services.length === 0)
      throw new ScopeError(
        `no ECS service matches --service ${wanted.join(", ")}; services found: ${all.map(serviceName).join(", ") || "none"}`,
      );
  }
  const restricted = declared.length > 0 || Boolean(options.onlyServices?.length);
  const inScope = restricted
    ? closure(
        inventory,
        services.map((s) => s.resource),
      )
    : undefined;
  const roles = new Map(services.map((s) => [s.resource.id, s.role]));
  const declaredConsumers = memoPer(declaredConsumersIndex(services));
  return {
    services,
    restricted,
    includes: (resource) => !inScope || inScope.has(resource.id),
    roleOf: (service) => (roles.has(service.id) ? roles.get(service.id) : inferRole(serviceName(service))),
    consumersOf: (queue, inv) => declaredConsumers(inv).get(queue) ?? [],
  };
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
      for (const container of containersOf(resource)) {
        const repository = imageRepository(inventory, container.definition.Image);
        if (repository && !seen.has(repository.id)) queue.push(repository);
      }
    for (const referrer of inventory.referencesTo(resource))
      if (ATTACHED_TYPES.has(referrer.type) && !seen.has(referrer.id)) queue.push(referrer);
  }
  return seen;
};
