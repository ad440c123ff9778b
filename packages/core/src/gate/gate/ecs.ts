import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type ECSClient,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { ReadinessError } from "../../kernel/errors";
import { TASK_DEFINITION_ARN } from "./runs-store";

/** An ECS call the gate needs failed (the service is gone, access denied, throttled). */
export class GateEcsError extends ReadinessError {}

/**
 * The task definition (ARN) the service now runs. ECS sets the service's `taskDefinition` to that of
 * its PRIMARY deployment; it is read from the service rather than from `deployments[]` because
 * moto 5.2 leaves `deployments[]` at the first revision after UpdateService, and both agree in AWS.
 */
export const runningRevision = async (ecs: ECSClient, cluster: string, service: string): Promise<string> => {
  const described = await call(`DescribeServices ${cluster}/${service}`, () =>
    ecs.send(new DescribeServicesCommand({ cluster, services: [service] })),
  );
  const found = described.services?.[0];
  const primary = found?.deployments?.find((d) => d.status === "PRIMARY")?.taskDefinition;
  const revision = found?.taskDefinition ?? primary;
  if (!found || !revision) {
    const why = described.failures?.[0]?.reason ?? "not found";
    throw new GateEcsError(`service ${cluster}/${service} cannot be described: ${why}`);
  }
  if (TASK_DEFINITION_ARN.test(revision)) return revision;
  // A family:revision reference (what the caller gave UpdateService) becomes the ARN the runs are keyed on.
  const definition = await call(`DescribeTaskDefinition ${revision}`, () =>
    ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: revision })),
  );
  return definition.taskDefinition?.taskDefinitionArn ?? revision;
};

/** Rolls a service back to a task definition (a new deployment of it). */
export const updateServiceTo = async (
  ecs: ECSClient,
  cluster: string,
  service: string,
  revision: string,
): Promise<void> => {
  await call(`UpdateService ${cluster}/${service} to ${revision}`, () =>
    ecs.send(new UpdateServiceCommand({ cluster, service, taskDefinition: revision })),
  );
};

/**
 * Stops an in-progress deployment with an ECS rollback. The event names the deployment by its id
 * (`ecs-svc/123…`); StopServiceDeployment wants a service deployment ARN. The service's pending
 * and in-progress service deployments are listed (every page): one whose ARN ends with the id is
 * taken; otherwise the only one listed is (ECS runs one service deployment of a service at a
 * time, and its ARN carries its own opaque id). Several and none matching: nothing is guessed.
 */
export const stopDeploymentWithRollback = async (
  ecs: ECSClient,
  cluster: string,
  service: string,
  deploymentId: string,
): Promise<string> => {
  const id = deploymentId.slice(deploymentId.lastIndexOf("/") + 1);
  const listed: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(`ListServiceDeployments ${cluster}/${service}`, () =>
      ecs.send(new ListServiceDeploymentsCommand({ cluster, service, status: ["PENDING", "IN_PROGRESS"], nextToken })),
    );
    for (const deployment of page.serviceDeployments ?? [])
      if (deployment.serviceDeploymentArn) listed.push(deployment.serviceDeploymentArn);
    nextToken = page.nextToken;
  } while (nextToken);
  const arn =
    listed.find((candidate) => candidate.slice(candidate.lastIndexOf("/") + 1) === id) ??
    (listed.length === 1 ? listed[0] : undefined);
  if (!arn)
    throw new GateEcsError(
      listed.length === 0
        ? `no pending or in-progress service deployment of ${cluster}/${service}: ${deploymentId} may have finished already`
        : `${listed.length} service deployments of ${cluster}/${service} are in progress and none matches ${deploymentId}: not guessing which to stop`,
    );
  await call(`StopServiceDeployment ${arn}`, () =>
    ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: "ROLLBACK" })),
  );
  return arn;
};

const call = async <T>(what: string, send: () => Promise<T>): Promise<T> => {
  try {
    return await send();
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new GateEcsError(`${what} failed: ${text}`, { cause: error });
  }
};
