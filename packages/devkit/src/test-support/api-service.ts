import {
  type ContainerDefinition,
  CreateClusterCommand,
  CreateServiceCommand,
  type ECSClient,
  RegisterTaskDefinitionCommand,
  type Service,
} from "@aws-sdk/client-ecs";

/**
 * The smallest platform a probe needs: cluster `platform` with one service, `api`, running one
 * revision of task definition family `api` (its containers, and its task role when given).
 */
export const createApiService = async (
  ecs: ECSClient,
  taskDefinition: { readonly containerDefinitions: ContainerDefinition[]; readonly taskRoleArn?: string },
): Promise<Service> => {
  await ecs.send(new CreateClusterCommand({ clusterName: "platform" }));
  const registered = await ecs.send(new RegisterTaskDefinitionCommand({ family: "api", ...taskDefinition }));
  const created = await ecs.send(
    new CreateServiceCommand({
      cluster: "platform",
      serviceName: "api",
      taskDefinition: registered.taskDefinition!.taskDefinitionArn,
      desiredCount: 1,
    }),
  );
  return created.service!;
};
