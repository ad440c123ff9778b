import type { Inventory } from "../inventory/inventory";
import { ECS_TASK_DEFINITION, serviceTaskDefinition } from "../inventory/relations/ecs";
import { IAM_ROLE } from "../inventory/relations/iam";
import { displayName, type Resource } from "../model/resource";
import { isUnknown } from "../model/value";

/** The IAM role a service's running tasks act as: what SimulatePrincipalPolicy is asked about. */
export interface TaskRole {
  /** The role's ARN (SimulatePrincipalPolicy's PolicySourceArn). */
  readonly arn: string;
  /** The role's name, for reasons ("role api-task: ..."). */
  readonly name: string;
  /** The role in the inventory, when it was read (findings point at it). */
  readonly resource?: Resource;
  /** Ids of the ECS services whose running task definition names this role. */
  readonly serviceIds: readonly string[];
}

/** A service whose task role cannot be named, so the probe cannot decide it. */
export interface TaskRoleGap {
  readonly serviceId: string;
  readonly reason: string;
}

export interface TaskRoles {
  readonly roles: readonly TaskRole[];
  readonly gaps: readonly TaskRoleGap[];
}

/**
 * The task roles of the given services, one entry per role however many services share it. A
 * service whose task definition has no TaskRoleArn has no task role (its tasks get no AWS
 * permissions), so there is nothing to simulate for it. The execution role is not a task role.
 */
export const taskRolesOfServices = (inventory: Inventory, services: readonly Resource[]): TaskRoles => {
  const roles = new Map<string, { arn: string; name: string; resource?: Resource; serviceIds: string[] }>();
  const gaps: TaskRoleGap[] = [];
  for (const service of services) {
    const found = taskRoleOf(inventory, service);
    if (found === undefined) continue;
    if ("reason" in found) {
      gaps.push({ serviceId: service.id, reason: found.reason });
      continue;
    }
    const entry = roles.get(found.arn);
    if (entry) entry.serviceIds.push(service.id);
    else roles.set(found.arn, { ...found, serviceIds: [service.id] });
  }
  return { roles: [...roles.values()], gaps };
};

type Found = Omit<TaskRole, "serviceIds"> | { readonly reason: string } | undefined;

const taskRoleOf = (inventory: Inventory, service: Resource): Found => {
  const who = `service ${displayName(service)}`;
  const taskDefinition = serviceTaskDefinition(inventory, service);
  if (isUnknown(taskDefinition))
    return { reason: `${who}: running task definition unknown (${taskDefinition.reason})` };
  if ("dangling" in taskDefinition)
    return { reason: `${who}: running task definition ${taskDefinition.dangling} was not read` };
  if (taskDefinition.type !== ECS_TASK_DEFINITION) return undefined;
  const reference = taskDefinition.properties.TaskRoleArn;
  if (reference === undefined || reference === "") return undefined;
  if (isUnknown(reference)) return { reason: `${who}: task role unknown (${reference.reason})` };
  if (typeof reference !== "string") return { reason: `${who}: TaskRoleArn is not a string` };
  const role = inventory.lookupOfType(reference, IAM_ROLE);
  const resource = role && !isUnknown(role) ? role : undefined;
  // ECS accepts a role's name or its ARN; the simulator needs the ARN, which the read role carries.
  const arn = reference.startsWith("arn:") ? reference : resource?.id.startsWith("arn:") ? resource.id : undefined;
  if (!arn) return { reason: `${who}: task role ${reference} is not an ARN and the role was not read` };
  const declaredName = resource?.properties.RoleName;
  const name = typeof declaredName === "string" ? declaredName : arn.slice(arn.lastIndexOf("/") + 1);
  return resource ? { arn, name, resource } : { arn, name };
};
