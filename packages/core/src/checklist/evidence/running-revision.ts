import { DescribeServicesCommand, type ECSClient } from "@aws-sdk/client-ecs";
import { InputError } from "../../kernel/errors";
import { runningTaskDefinition } from "../adapters/live/ecs";

/** The ECS service evidence is recorded for, and the revision (task definition) it runs now. */
export interface RunningService {
  readonly serviceArn: string;
  readonly revision: string;
}

/** Evidence cannot be tied to a service: it is not found, or runs nothing known. */
export class UnknownServiceError extends InputError {}

/**
 * Asks ECS which task definition the service runs now (DescribeServices; its PRIMARY deployment, as
 * the live check reads it): evidence is recorded against that revision, so a later deployment does not inherit it unless the item allows it.
 */
export const runningServiceOf = async (ecs: ECSClient, cluster: string, service: string): Promise<RunningService> => {
  const answer = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const found = answer.services?.find((s) => s.status !== "INACTIVE");
  const revision = found && runningTaskDefinition(found);
  if (!found?.serviceArn || !revision)
    throw new UnknownServiceError(
      `ECS service ${service} in cluster ${cluster} was not found or runs no task definition (${
        answer.failures?.map((f) => f.reason).join(", ") || "no such service"
      })`,
      undefined,
      "name the service and cluster the evidence is for (readiness.yml services[], or --cluster and --service)",
    );
  return { serviceArn: found.serviceArn, revision };
};
