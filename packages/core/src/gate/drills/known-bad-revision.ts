import type { ContainerDefinition, RegisterTaskDefinitionCommandInput, TaskDefinition } from "@aws-sdk/client-ecs";
import { DrillInputError } from "./errors";

/** The environment variable that breaks a revision of a task service (docs/task-service-contract.md). */
export const FAULT_VARIABLE = "FAULT_MODE";

/**
 * The registration input of `definition` with FAULT_MODE=`fault` in its first (application)
 * container's environment: the same revision, deliberately broken.
 */
export const withFault = (definition: TaskDefinition, fault: string): RegisterTaskDefinitionCommandInput => {
  if (!definition.family || !definition.containerDefinitions?.length)
    throw new DrillInputError(
      `task definition ${definition.taskDefinitionArn} has no family or no containers`,
      undefined,
      "run the drill against a service whose task definition has a container",
    );
  const [first, ...rest] = definition.containerDefinitions;
  const environment = (first.environment ?? []).filter((variable) => variable.name !== FAULT_VARIABLE);
  const container: ContainerDefinition = {
    ...first,
    environment: [...environment, { name: FAULT_VARIABLE, value: fault }],
  };
  return {
    family: definition.family,
    containerDefinitions: [container, ...rest],
    taskRoleArn: definition.taskRoleArn,
    executionRoleArn: definition.executionRoleArn,
    networkMode: definition.networkMode,
    volumes: definition.volumes,
    placementConstraints: definition.placementConstraints,
    requiresCompatibilities: definition.requiresCompatibilities,
    cpu: definition.cpu,
    memory: definition.memory,
    runtimePlatform: definition.runtimePlatform,
  };
};
