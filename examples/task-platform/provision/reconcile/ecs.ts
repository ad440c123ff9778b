import {
  CreateServiceCommand,
  type CreateServiceCommandInput,
  DeleteServiceCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type LaunchType,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type Service,
  UpdateClusterSettingsCommand,
  UpdateServiceCommand,
  type UpdateServiceCommandInput,
} from "@aws-sdk/client-ecs";
import { asArray, asRecord, isRecord } from "@readiness/core/checklist/model/value";
import { camelCaseKeys, matches } from "../compare";
import { ensure, type ProvisionContext } from "../context";
import { isNotFound, ProvisionError, VerificationError } from "../errors";
import { resourcesOfType, type TemplateResource } from "../template";

export const TASK_DEFINITION = "AWS::ECS::TaskDefinition";
export const SERVICE = "AWS::ECS::Service";

const withoutUndefined = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** Cluster settings, the task definitions the services run, and the services' full configuration. */
export const reconcileEcs = async (context: ProvisionContext): Promise<void> => {
  await reconcileClusters(context);
  const revisions = new Map<string, string>();
  for (const definition of resourcesOfType(context.template, TASK_DEFINITION))
    revisions.set(definition.logicalId, await ensureTaskDefinition(context, definition));
  for (const service of resourcesOfType(context.template, SERVICE)) await reconcileService(context, service, revisions);
};

const reconcileClusters = async (context: ProvisionContext): Promise<void> => {
  const { clients, resolver } = context;
  for (const cluster of resourcesOfType(context.template, "AWS::ECS::Cluster")) {
    const settings = asArray(cluster.properties.ClusterSettings).map((s) => ({
      name: String(asRecord(s).Name) as "containerInsights",
      value: String(asRecord(s).Value),
    }));
    if (settings.length === 0) continue;
    const name = resolver.physicalId(cluster.logicalId);
    await ensure(context, {
      resource: cluster.logicalId,
      property: "ClusterSettings",
      desired: settings,
      read: async () =>
        (await clients.ecs.send(new DescribeClustersCommand({ clusters: [name], include: ["SETTINGS"] }))).clusters?.[0]
          ?.settings,
      isRight: (actual) => settings.every((s) => asArray(actual).some((a) => matches(s, a))),
      apply: async () => {
        await clients.ecs.send(new UpdateClusterSettingsCommand({ cluster: name, settings }));
      },
      action: "UpdateClusterSettings",
    });
  }
};

const describeTaskDefinition = async (context: ProvisionContext, reference: string) => {
  try {
    return (await context.clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: reference })))
      .taskDefinition;
  } catch (error) {
    if (isNotFound(error) || /Unable to describe task definition|not found/i.test(String(error))) return undefined;
    throw error;
  }
};

/**
 * The revision that holds everything the template declares: the family's latest revision when it
 * already does, else a new one registered with the full definition (the endpoint's CloudFormation
 * may drop network mode, compatibilities, CPU, roles and secret references).
 */
const ensureTaskDefinition = async (context: ProvisionContext, definition: TemplateResource): Promise<string> => {
  const desired = camelCaseKeys(await context.resolver.value(definition.properties)) as Record<string, unknown>;
  const family = String(desired.family ?? context.resolver.physicalId(definition.logicalId));
  const latest = await describeTaskDefinition(context, family);
  if (latest?.taskDefinitionArn && latest.status !== "INACTIVE" && matches(desired, latest))
    return latest.taskDefinitionArn;
  const { taskDefinition } = await context.clients.ecs.send(
    new RegisterTaskDefinitionCommand({ ...desired, family } as RegisterTaskDefinitionCommandInput),
  );
  const arn = taskDefinition?.taskDefinitionArn;
  if (!arn) throw new ProvisionError(`${definition.logicalId}: RegisterTaskDefinition returned no ARN`);
  context.ledger.change(definition.logicalId, `RegisterTaskDefinition ${family}:${taskDefinition.revision}`);
  const registered = await describeTaskDefinition(context, arn);
  if (!matches(desired, registered))
    throw new VerificationError(definition.logicalId, "task definition", desired, registered);
  return arn;
};

const reconcileService = async (
  context: ProvisionContext,
  service: TemplateResource,
  revisions: ReadonlyMap<string, string>,
): Promise<void> => {
  const { clients, resolver } = context;
  const properties = service.properties;
  const cluster = await resolver.text(properties.Cluster);
  const serviceArn = resolver.physicalId(service.logicalId);
  const taskDefinitionId = asRecord(properties.TaskDefinition).Ref;
  const taskDefinition = typeof taskDefinitionId === "string" ? revisions.get(taskDefinitionId) : undefined;
  if (!taskDefinition)
    throw new ProvisionError(`${service.logicalId}: TaskDefinition must Ref a task definition of the template`);
  const configuration = async (value: unknown) =>
    value === undefined ? undefined : camelCaseKeys(await resolver.value(value));
  const desired = withoutUndefined({
    taskDefinition,
    desiredCount: typeof properties.DesiredCount === "number" ? properties.DesiredCount : undefined,
    networkConfiguration: await configuration(properties.NetworkConfiguration),
    deploymentConfiguration: await configuration(properties.DeploymentConfiguration),
    loadBalancers: await configuration(properties.LoadBalancers),
    healthCheckGracePeriodSeconds:
      typeof properties.HealthCheckGracePeriodSeconds === "number"
        ? properties.HealthCheckGracePeriodSeconds
        : undefined,
  });
  const read = async (): Promise<Service | undefined> =>
    (await clients.ecs.send(new DescribeServicesCommand({ cluster, services: [serviceArn] }))).services?.[0];
  const launchType = typeof properties.LaunchType === "string" ? (properties.LaunchType as LaunchType) : undefined;
  if (launchType)
    await replaceOnLaunchTypeDrift(context, service.logicalId, { cluster, serviceArn, launchType, desired, read });
  await ensure(context, {
    resource: service.logicalId,
    property: Object.keys(desired).join(", "),
    desired,
    read,
    isRight: (actual) => matches(desired, actual),
    apply: async () => {
      const current = await read();
      // Only what differs is sent, so the ledger (and a real ECS deployment) reflects the actual change.
      const changed = Object.fromEntries(
        Object.entries(desired).filter(
          ([key, value]) => !matches(value, isRecord(current) ? asRecord(current)[key] : undefined),
        ),
      );
      await clients.ecs.send(
        new UpdateServiceCommand({ cluster, service: serviceArn, ...changed } as UpdateServiceCommandInput),
      );
    },
    action: "UpdateService",
  });
};

interface Replacement {
  readonly cluster: string;
  readonly serviceArn: string;
  readonly launchType: LaunchType;
  readonly desired: Record<string, unknown>;
  readonly read: () => Promise<Service | undefined>;
}

/**
 * A service's launch type cannot be changed by UpdateService. When the endpoint's CloudFormation
 * created it with another one (moto ignores LaunchType), the service is deleted and created again
 * under the same name, with the template's whole configuration.
 */
const replaceOnLaunchTypeDrift = async (
  context: ProvisionContext,
  logicalId: string,
  { cluster, serviceArn, launchType, desired, read }: Replacement,
): Promise<void> => {
  const current = await read();
  if (!current || current.launchType === launchType) return;
  const serviceName = current.serviceName ?? serviceArn.slice(serviceArn.lastIndexOf("/") + 1);
  await context.clients.ecs.send(new DeleteServiceCommand({ cluster, service: serviceArn, force: true }));
  await context.clients.ecs.send(
    new CreateServiceCommand({ ...desired, cluster, serviceName, launchType } as CreateServiceCommandInput),
  );
  context.ledger.change(logicalId, `DeleteService + CreateService (launch type ${current.launchType} → ${launchType})`);
  const replaced = await read();
  // The rest of the configuration is verified (and completed: moto's CreateService drops the
  // deployment configuration) by the UpdateService step that follows.
  if (replaced?.launchType !== launchType)
    throw new VerificationError(logicalId, "launchType", launchType, replaced?.launchType);
};
