import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type ECSClient,
  RegisterTaskDefinitionCommand,
  type TaskDefinition,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
// One copy of "the running revision, deliberately broken": the rollback drill's (core), which the demo deploys too.
import { FAULT_VARIABLE, withFault } from "@readiness/core/gate/drills/known-bad-revision";
import { DemoError } from "./errors";

export { FAULT_VARIABLE, withFault };

export interface ServiceRef {
  readonly cluster: string;
  readonly service: string;
}

/** What the emulator says a service runs: its ARN, task definition and that revision's fault switch. */
export interface RunningService {
  readonly serviceArn: string;
  readonly taskDefinitionArn: string;
  /** `family:revision`, as people read it. */
  readonly shortName: string;
  readonly fault: string;
}

export const shortTaskDefinition = (arn: string): string => arn.slice(arn.lastIndexOf("/") + 1);

/** DescribeServices, then DescribeTaskDefinition of what it runs (for the revision's FAULT_MODE). */
export const describeRunning = async (ecs: ECSClient, ref: ServiceRef): Promise<RunningService> => {
  const described = await ecs.send(new DescribeServicesCommand({ cluster: ref.cluster, services: [ref.service] }));
  const service = described.services?.[0];
  if (!service?.serviceArn || !service.taskDefinition)
    throw new DemoError(
      `DescribeServices found no service ${ref.cluster}/${ref.service}: ${described.failures?.[0]?.reason ?? "not found"}`,
    );
  const definition = await taskDefinitionOf(ecs, service.taskDefinition);
  return {
    serviceArn: service.serviceArn,
    taskDefinitionArn: definition.taskDefinitionArn ?? service.taskDefinition,
    shortName: shortTaskDefinition(definition.taskDefinitionArn ?? service.taskDefinition),
    fault: faultOf(definition),
  };
};

/**
 * "Deploys" a revision on the emulator as a pipeline would on ECS: registers the running task
 * definition again with FAULT_MODE set in its first (application) container, then points the
 * service at it with UpdateService. Returns the new task definition's ARN.
 */
export const deployRevision = async (ecs: ECSClient, ref: ServiceRef, fault: string): Promise<string> => {
  const running = await describeRunning(ecs, ref);
  const definition = await taskDefinitionOf(ecs, running.taskDefinitionArn);
  const registered = await ecs.send(new RegisterTaskDefinitionCommand(withFault(definition, fault)));
  const arn = registered.taskDefinition?.taskDefinitionArn;
  if (!arn) throw new DemoError(`RegisterTaskDefinition of ${definition.family} returned no ARN`);
  await ecs.send(new UpdateServiceCommand({ cluster: ref.cluster, service: ref.service, taskDefinition: arn }));
  return arn;
};

/** FAULT_MODE of the first container that sets it; "none" when no container does. */
export const faultOf = (definition: TaskDefinition): string => {
  for (const container of definition.containerDefinitions ?? []) {
    const found = container.environment?.find((variable) => variable.name === FAULT_VARIABLE)?.value;
    if (found) return found;
  }
  return "none";
};

const taskDefinitionOf = async (ecs: ECSClient, reference: string): Promise<TaskDefinition> => {
  const described = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: reference }));
  if (!described.taskDefinition) throw new DemoError(`DescribeTaskDefinition found no ${reference}`);
  return described.taskDefinition;
};
