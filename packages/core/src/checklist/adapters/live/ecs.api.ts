import type { Api } from "./run";

export const ECS_CLUSTER = "AWS::ECS::Cluster";
export const ECS_SERVICE = "AWS::ECS::Service";
export const ECS_TASK_DEFINITION = "AWS::ECS::TaskDefinition";
const ECS_TYPES = [ECS_CLUSTER, ECS_SERVICE, ECS_TASK_DEFINITION];

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  listClusters: { action: "ecs:ListClusters", types: ECS_TYPES },
  describeClusters: { action: "ecs:DescribeClusters", types: [ECS_CLUSTER] },
  listServices: { action: "ecs:ListServices", types: [ECS_SERVICE, ECS_TASK_DEFINITION] },
  describeServices: { action: "ecs:DescribeServices", types: [ECS_SERVICE, ECS_TASK_DEFINITION] },
  describeTaskDefinition: { action: "ecs:DescribeTaskDefinition", types: [ECS_TASK_DEFINITION] },
  listTasks: { action: "ecs:ListTasks", types: [] },
  describeTasks: { action: "ecs:DescribeTasks", types: [] },
  describeContainerInstances: { action: "ecs:DescribeContainerInstances", types: [] },
} satisfies Record<string, Api>;
