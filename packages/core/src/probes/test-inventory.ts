import { Inventory } from "../inventory/inventory";
import { ECS_SERVICE, ECS_TASK_DEFINITION } from "../inventory/relations/ecs";
import { IAM_ROLE } from "../inventory/relations/iam";
import type { Resource } from "../model/resource";

/** Builders for the probe tests: live-shaped ECS services, their task definitions and task roles. */
const ACCOUNT = "123456789012";
const REGION = "us-east-1";

export const roleArn = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

export const role = (name: string): Resource => ({
  id: roleArn(name),
  type: IAM_ROLE,
  aliases: [roleArn(name), name],
  properties: { RoleName: name },
  location: { file: "http://127.0.0.1:5000" },
});

export interface ServiceSpec {
  readonly name: string;
  /** A role ARN or name; absent: the task definition has no task role. */
  readonly taskRole?: string;
}

/** One service, its running task definition and, when named, nothing else: add roles with `role()`. */
export const serviceWithTaskDefinition = (spec: ServiceSpec): Resource[] => {
  const taskDefinitionArn = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${spec.name}:1`;
  const serviceArn = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/platform/${spec.name}`;
  return [
    {
      id: serviceArn,
      type: ECS_SERVICE,
      aliases: [serviceArn, spec.name],
      properties: { ServiceName: spec.name, TaskDefinition: taskDefinitionArn },
    },
    {
      id: taskDefinitionArn,
      type: ECS_TASK_DEFINITION,
      aliases: [taskDefinitionArn],
      properties: {
        Family: spec.name,
        ...(spec.taskRole ? { TaskRoleArn: spec.taskRole } : {}),
        ExecutionRoleArn: roleArn("ecs-task-execution"),
      },
    },
  ];
};

export const liveInventory = (resources: readonly Resource[]): Inventory => new Inventory(resources, "live");
