import { DescribeTaskDefinitionCommand, type ECSClient } from "@aws-sdk/client-ecs";

/** ECS's stop timeout when a container sets none (Fargate and the EC2 agent's default), in seconds. */
export const ECS_DEFAULT_STOP_TIMEOUT_SECONDS = 30;

/**
 * How long ECS waits between SIGTERM and SIGKILL for a revision: the longest container
 * `stopTimeout` of its task definition, else ECS's default.
 */
export const stopTimeoutSecondsOf = async (ecs: ECSClient, revision: string): Promise<number> => {
  const described = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: revision }));
  const timeouts = (described.taskDefinition?.containerDefinitions ?? []).flatMap((c) =>
    typeof c.stopTimeout === "number" ? [c.stopTimeout] : [],
  );
  return timeouts.length ? Math.max(...timeouts) : ECS_DEFAULT_STOP_TIMEOUT_SECONDS;
};
