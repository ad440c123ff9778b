import type { Resource } from "../../model/resource";
import { asArray, asRecord, isRecord, isUnknown, pathOf, type UnknownValue, unknownValue } from "../../model/value";
import type { Inventory } from "../inventory";

export const ECS_SERVICE = "AWS::ECS::Service";
export const ECS_TASK_DEFINITION = "AWS::ECS::TaskDefinition";

/** A reference that names nothing in the inventory: the rule must decide what that means (usually unknown). */
export interface Dangling {
  readonly dangling: string;
}

export type Resolved = Resource | UnknownValue | Dangling;

export const isDangling = (value: unknown): value is Dangling => isRecord(value) && typeof value.dangling === "string";

export const resolve = (inventory: Inventory, reference: unknown, ...types: string[]): Resolved => {
  const found = types.length > 0 ? inventory.lookupOfType(reference, ...types) : inventory.lookup(reference);
  if (found !== undefined) return found;
  return { dangling: typeof reference === "string" ? reference : JSON.stringify(reference ?? null) };
};

/** The task definition the service RUNS (its TaskDefinition property; live collectors set it from the primary deployment). */
export const serviceTaskDefinition = (inventory: Inventory, service: Resource): Resolved =>
  resolve(inventory, service.properties.TaskDefinition, ECS_TASK_DEFINITION);

/** ECS services that run this task definition. */
export const servicesUsingTaskDefinition = (inventory: Inventory, taskDefinition: Resource): Resource[] =>
  inventory
    .referencesTo(taskDefinition)
    .filter((r) => r.type === ECS_SERVICE && inventory.lookup(r.properties.TaskDefinition) === taskDefinition);

const awsvpc = (service: Resource): Record<string, unknown> =>
  asRecord(pathOf(service.properties, "NetworkConfiguration", "AwsvpcConfiguration"));

/** Subnet references of an awsvpc service; an UnknownValue when the list itself is unknown. */
export const serviceSubnets = (inventory: Inventory, service: Resource): Resolved[] | UnknownValue => {
  const subnets = awsvpc(service).Subnets;
  if (isUnknown(subnets)) return subnets;
  return asArray(subnets).map((s) => resolve(inventory, s, "AWS::EC2::Subnet"));
};

export const serviceSecurityGroups = (inventory: Inventory, service: Resource): Resolved[] | UnknownValue => {
  const groups = awsvpc(service).SecurityGroups;
  if (isUnknown(groups)) return groups;
  return asArray(groups).map((g) => resolve(inventory, g, "AWS::EC2::SecurityGroup"));
};

/** "ENABLED" | "DISABLED" | undefined (absent: ECS defaults to DISABLED) | UnknownValue. */
export const serviceAssignPublicIp = (service: Resource): unknown => awsvpc(service).AssignPublicIp;

/** Target groups the service registers its tasks with. */
export const serviceTargetGroups = (inventory: Inventory, service: Resource): Resolved[] =>
  asArray(service.properties.LoadBalancers).map((lb) =>
    resolve(inventory, asRecord(lb).TargetGroupArn, "AWS::ElasticLoadBalancingV2::TargetGroup"),
  );

export interface Container {
  readonly name: string;
  readonly definition: Record<string, unknown>;
}

/**
 * The containers of a task definition, or unknown when the list, or any entry of it, is only known
 * after deploy (a custom resource's attribute): an entry nobody can read is never judged as a
 * container with nothing set, and a list nobody can read is never judged as no containers.
 */
export const containersOf = (taskDefinition: Resource): readonly Container[] | UnknownValue => {
  const definitions = taskDefinition.properties.ContainerDefinitions;
  if (isUnknown(definitions)) return definitions;
  const containers: Container[] = [];
  for (const [index, entry] of asArray(definitions).entries()) {
    if (isUnknown(entry)) return unknownValue(`container #${index + 1}: ${entry.reason}`);
    const definition = asRecord(entry);
    containers.push({ name: typeof definition.Name === "string" ? definition.Name : `#${index + 1}`, definition });
  }
  return containers;
};

/** Task definitions in scope: those an in-scope service runs, plus (template mode) ones no service uses. */
export const taskDefinitionIsRun = (inventory: Inventory, taskDefinition: Resource): boolean =>
  servicesUsingTaskDefinition(inventory, taskDefinition).length > 0;
