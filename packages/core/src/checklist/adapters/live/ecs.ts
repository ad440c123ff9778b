import {
  type Cluster,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  paginateListClusters,
  paginateListServices,
  paginateListTasks,
  type Service,
  type Task,
  type TaskDefinition,
  type Tag,
} from "@aws-sdk/client-ecs";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { LiveRun, Read } from "./run";
import { aliasesOf, chunks, defined, lastSegment, toCfnShape } from "./shape";
import { ECS_CLUSTER, ECS_SERVICE, ECS_TASK_DEFINITION, api } from "./ecs.api";

export { ECS_CLUSTER, ECS_SERVICE, ECS_TASK_DEFINITION } from "./ecs.api";

/** Where one running task of a service runs: its AZ, or the subnet of its network interface. */
export interface TaskPlacement {
  readonly taskArn: string;
  readonly availabilityZone?: string;
  readonly subnetId?: string;
  readonly containerInstanceArn?: string;
}

export interface EcsCollection {
  /** Services, not yet added to the run: their running-task AZs are resolved once subnets are known. */
  readonly services: Resource[];
  readonly placements: Map<string, Read<TaskPlacement[]>>;
  /** Task and execution roles of the task definitions the services run. */
  readonly roleArns: Set<string>;
}

export interface EcsScope {
  readonly clusters?: readonly string[];
  readonly services?: readonly string[];
}

/** Clusters → their services (all, or the named ones) → the task definitions they run → their running tasks. */
export async function collectEcs(clients: LiveClients, run: LiveRun, scope: EcsScope): Promise<EcsCollection> {
  const collection: EcsCollection = { services: [], placements: new Map(), roleArns: new Set() };
  const clusters = await clusterReferences(clients, run, scope);
  if (!clusters) return collection;
  await describeClusters(clients, run, clusters);

  const found = new Set<string>();
  const perCluster = await run.forEach("ecs services", clusters, (cluster) =>
    servicesOfCluster(clients, run, cluster, scope.services, found),
  );
  const services = perCluster.flat();
  for (const wanted of scope.services ?? [])
    if (!found.has(wanted)) run.warn(`ECS service ${wanted} not found in ${describeClusterList(clusters)}`);

  const taskDefinitionArns = [...new Set(services.map(runningTaskDefinition).filter((arn): arn is string => !!arn))];
  await run.forEach("ecs task definitions", taskDefinitionArns, async (arn) => {
    const read = await run.read(api.describeTaskDefinition, () =>
      clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ["TAGS"] })),
    );
    if (!read.ok || !read.value.taskDefinition) return;
    const definition = read.value.taskDefinition;
    run.add(taskDefinitionResource(definition, read.value.tags));
    for (const role of [definition.taskRoleArn, definition.executionRoleArn]) if (role) collection.roleArns.add(role);
  });

  await run.forEach("ecs tasks", services, async (service) => {
    collection.placements.set(service.serviceArn!, await runningTasksOf(clients, run, service));
  });
  collection.services.push(...services.map(serviceResource));
  return collection;
}

const describeClusterList = (clusters: readonly string[]): string =>
  clusters.length ? `cluster(s) ${clusters.map(lastSegment).join(", ")}` : "any cluster (there are none)";

async function clusterReferences(clients: LiveClients, run: LiveRun, scope: EcsScope): Promise<string[] | undefined> {
  if (scope.clusters?.length) return [...scope.clusters];
  const listed = await run.readAll(
    api.listClusters,
    paginateListClusters({ client: clients.ecs }, {}),
    (p) => p.clusterArns,
  );
  run.progress("ecs clusters", listed.ok ? listed.value.length : 0, listed.ok ? listed.value.length : 0);
  return listed.ok ? listed.value : undefined;
}

async function describeClusters(clients: LiveClients, run: LiveRun, clusters: readonly string[]): Promise<void> {
  for (const batch of chunks(clusters, 100)) {
    const read = await run.read(api.describeClusters, () =>
      clients.ecs.send(
        new DescribeClustersCommand({ clusters: batch, include: ["SETTINGS", "TAGS", "CONFIGURATIONS"] }),
      ),
    );
    if (!read.ok) return;
    for (const cluster of read.value.clusters ?? []) if (cluster.clusterArn) run.add(clusterResource(cluster));
    for (const failure of read.value.failures ?? [])
      run.warn(`ECS cluster ${failure.arn ?? "?"}: ${failure.reason ?? "not found"}`);
  }
}

async function servicesOfCluster(
  clients: LiveClients,
  run: LiveRun,
  cluster: string,
  wanted: readonly string[] | undefined,
  found: Set<string>,
): Promise<Service[]> {
  let references: readonly string[];
  if (wanted?.length) references = wanted;
  else {
    const listed = await run.readAll(
      api.listServices,
      paginateListServices({ client: clients.ecs }, { cluster }),
      (p) => p.serviceArns,
    );
    if (!listed.ok) return [];
    references = listed.value;
  }
  const services: Service[] = [];
  for (const batch of chunks(references, 10)) {
    const read = await run.read(api.describeServices, () =>
      clients.ecs.send(new DescribeServicesCommand({ cluster, services: batch, include: ["TAGS"] })),
    );
    if (!read.ok) return services;
    for (const service of read.value.services ?? []) {
      if (!service.serviceArn || service.status === "INACTIVE") continue;
      services.push(service);
      for (const name of batch) if (name === service.serviceName || name === service.serviceArn) found.add(name);
    }
  }
  return services;
}

/**
 * The task definition the service RUNS: the PRIMARY deployment's (ECS controller) or the PRIMARY
 * task set's (CODE_DEPLOY/EXTERNAL), else the service's own field.
 */
export const runningTaskDefinition = (service: Service): string | undefined =>
  service.deployments?.find((d) => d.status === "PRIMARY")?.taskDefinition ??
  service.taskSets?.find((t) => t.status === "PRIMARY")?.taskDefinition ??
  service.taskDefinition;

async function runningTasksOf(clients: LiveClients, run: LiveRun, service: Service): Promise<Read<TaskPlacement[]>> {
  const cluster = service.clusterArn;
  const listed = await run.readAll(
    api.listTasks,
    paginateListTasks({ client: clients.ecs }, { cluster, serviceName: service.serviceName, desiredStatus: "RUNNING" }),
    (p) => p.taskArns,
  );
  if (!listed.ok) return listed;
  const placements: TaskPlacement[] = [];
  for (const batch of chunks(listed.value, 100)) {
    const read = await run.read(api.describeTasks, () =>
      clients.ecs.send(new DescribeTasksCommand({ cluster, tasks: batch })),
    );
    if (!read.ok) return read;
    for (const task of read.value.tasks ?? []) if (isRunningTaskOf(task, service)) placements.push(placementOf(task));
  }
  return placeOnContainerInstances(clients, run, cluster, placements);
}

/** A task on an EC2 container instance that does not report its AZ is in the instance's AZ. */
async function placeOnContainerInstances(
  clients: LiveClients,
  run: LiveRun,
  cluster: string | undefined,
  placements: TaskPlacement[],
): Promise<Read<TaskPlacement[]>> {
  const instances = [
    ...new Set(
      placements.filter((p) => !p.availabilityZone && p.containerInstanceArn).map((p) => p.containerInstanceArn!),
    ),
  ];
  if (instances.length === 0) return { ok: true, value: placements };
  const zoneOf = new Map<string, string>();
  for (const batch of chunks(instances, 100)) {
    const read = await run.read(api.describeContainerInstances, () =>
      clients.ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: batch })),
    );
    if (!read.ok) return read;
    for (const instance of read.value.containerInstances ?? []) {
      const zone = instance.attributes?.find((a) => a.name === "ecs.availability-zone")?.value;
      if (instance.containerInstanceArn && zone) zoneOf.set(instance.containerInstanceArn, zone);
    }
  }
  const placed = placements.map((p) => {
    const zone = p.availabilityZone ?? (p.containerInstanceArn ? zoneOf.get(p.containerInstanceArn) : undefined);
    return zone ? { ...p, availabilityZone: zone } : p;
  });
  return { ok: true, value: placed };
}

/** ECS puts a service's tasks in group "service:<name>"; checking it also guards against endpoints that ignore the serviceName filter. */
const isRunningTaskOf = (task: Task, service: Service): boolean =>
  task.lastStatus === "RUNNING" && (task.group === undefined || task.group === `service:${service.serviceName}`);

const placementOf = (task: Task): TaskPlacement => {
  const subnetId = task.attachments
    ?.flatMap((attachment) => attachment.details ?? [])
    .find((detail) => detail.name === "subnetId")?.value;
  return {
    taskArn: task.taskArn ?? "?",
    ...(task.availabilityZone ? { availabilityZone: task.availabilityZone } : {}),
    ...(subnetId ? { subnetId } : {}),
    ...(task.containerInstanceArn ? { containerInstanceArn: task.containerInstanceArn } : {}),
  };
};

const clusterResource = (cluster: Cluster): Resource => ({
  id: cluster.clusterArn!,
  type: ECS_CLUSTER,
  aliases: aliasesOf(cluster.clusterArn, cluster.clusterName),
  properties: defined({
    ClusterName: cluster.clusterName,
    ClusterSettings: toCfnShape(cluster.settings),
    Configuration: toCfnShape(cluster.configuration),
    CapacityProviders: cluster.capacityProviders,
    DefaultCapacityProviderStrategy: toCfnShape(cluster.defaultCapacityProviderStrategy),
    Tags: toCfnShape(cluster.tags),
  }),
  observed: defined({ status: cluster.status, runningTasksCount: cluster.runningTasksCount }),
});

/** The canonical service, shaped like AWS::ECS::Service, describing what its PRIMARY deployment runs. */
export const serviceResource = (service: Service): Resource => {
  const primary = service.deployments?.find((d) => d.status === "PRIMARY");
  const clusterName = service.clusterArn ? lastSegment(service.clusterArn) : undefined;
  const name = service.serviceName;
  return {
    id: service.serviceArn!,
    type: ECS_SERVICE,
    aliases: aliasesOf(
      service.serviceArn,
      clusterName && name ? `${clusterName}/${name}` : undefined,
      clusterName && name ? `service/${clusterName}/${name}` : undefined,
      name,
    ),
    properties: defined({
      ServiceName: name,
      Cluster: service.clusterArn,
      TaskDefinition: runningTaskDefinition(service),
      DesiredCount: service.desiredCount,
      LaunchType: primary?.launchType ?? service.launchType,
      CapacityProviderStrategy: toCfnShape(primary?.capacityProviderStrategy ?? service.capacityProviderStrategy),
      PlatformVersion: primary?.platformVersion ?? service.platformVersion,
      SchedulingStrategy: service.schedulingStrategy,
      NetworkConfiguration: toCfnShape(primary?.networkConfiguration ?? service.networkConfiguration),
      LoadBalancers: toCfnShape(service.loadBalancers),
      ServiceRegistries: toCfnShape(service.serviceRegistries),
      ServiceConnectConfiguration: toCfnShape(primary?.serviceConnectConfiguration),
      DeploymentConfiguration: toCfnShape(service.deploymentConfiguration),
      DeploymentController: toCfnShape(service.deploymentController),
      HealthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
      PlacementConstraints: toCfnShape(service.placementConstraints),
      PlacementStrategies: toCfnShape(service.placementStrategy),
      EnableECSManagedTags: service.enableECSManagedTags,
      EnableExecuteCommand: service.enableExecuteCommand,
      PropagateTags: service.propagateTags,
      AvailabilityZoneRebalancing: service.availabilityZoneRebalancing,
      Role: service.roleArn,
      Tags: toCfnShape(service.tags),
    }),
    observed: defined({
      status: service.status,
      runningCount: service.runningCount,
      pendingCount: service.pendingCount,
      primaryRolloutState: primary?.rolloutState,
    }),
  };
};

/** The canonical task definition, shaped like AWS::ECS::TaskDefinition (container keys PascalCased, option maps kept). */
export const taskDefinitionResource = (definition: TaskDefinition, tags: Tag[] | undefined): Resource => {
  const arn = definition.taskDefinitionArn!;
  const familyRevision =
    definition.family && definition.revision ? `${definition.family}:${definition.revision}` : undefined;
  return {
    id: arn,
    type: ECS_TASK_DEFINITION,
    aliases: aliasesOf(arn, familyRevision),
    properties: defined({
      Family: definition.family,
      ContainerDefinitions: toCfnShape(definition.containerDefinitions),
      TaskRoleArn: definition.taskRoleArn,
      ExecutionRoleArn: definition.executionRoleArn,
      NetworkMode: definition.networkMode,
      Volumes: toCfnShape(definition.volumes),
      PlacementConstraints: toCfnShape(definition.placementConstraints),
      RequiresCompatibilities: definition.requiresCompatibilities,
      Cpu: definition.cpu,
      Memory: definition.memory,
      RuntimePlatform: toCfnShape(definition.runtimePlatform),
      PidMode: definition.pidMode,
      IpcMode: definition.ipcMode,
      ProxyConfiguration: toCfnShape(definition.proxyConfiguration),
      EphemeralStorage: toCfnShape(definition.ephemeralStorage),
      InferenceAccelerators: toCfnShape(definition.inferenceAccelerators),
      EnableFaultInjection: definition.enableFaultInjection,
      Tags: toCfnShape(tags?.length ? tags : undefined),
    }),
    observed: defined({ revision: definition.revision, status: definition.status }),
  };
};
