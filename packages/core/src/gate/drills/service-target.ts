import { DescribeServicesCommand, type ECSClient } from "@aws-sdk/client-ecs";
import { DrillInputError } from "./errors";

/** The ECS service a drill's evidence belongs to, and the revision (task definition ARN) it ran against. */
export interface DrillTarget {
  readonly service: string;
  readonly revision: string;
  readonly cluster?: string;
  readonly serviceName?: string;
}

const isArn = (value: string): boolean => value.startsWith("arn:");

/**
 * `--service ARN --revision ARN` need no call; otherwise DescribeServices names the service's ARN and
 * the task definition it runs now.
 */
export const resolveDrillTarget = async (
  ecs: ECSClient | undefined,
  flags: { readonly cluster?: string; readonly service: string; readonly revision?: string },
): Promise<DrillTarget> => {
  if (isArn(flags.service) && flags.revision) return { service: flags.service, revision: flags.revision };
  if (!isArn(flags.service) && !flags.cluster)
    throw new DrillInputError(
      `--service ${flags.service} is a name, so its cluster is needed`,
      undefined,
      "pass --cluster CLUSTER, or --service with the service's ARN",
    );
  if (!ecs) throw new Error("an ECS client is needed to describe the service");
  const described = await ecs.send(
    new DescribeServicesCommand({ ...(flags.cluster ? { cluster: flags.cluster } : {}), services: [flags.service] }),
  );
  const service = described.services?.[0];
  if (!service?.serviceArn || !service.taskDefinition)
    throw new DrillInputError(
      `ECS service ${flags.service}${flags.cluster ? ` in cluster ${flags.cluster}` : ""} was not found`,
      undefined,
      "check --cluster, --service, --region and --endpoint-url",
    );
  return {
    service: service.serviceArn,
    revision: flags.revision ?? service.taskDefinition,
    cluster: service.clusterArn ?? flags.cluster,
    serviceName: service.serviceName,
  };
};
