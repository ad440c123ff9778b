import {
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type Service,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { setStateTransition } from "@readiness/devkit/emulator/moto";
import type { PlatformClients } from "./clients";
import type { ProvisionedPlatform } from "./index";

/** The cluster the example platform's services run in. */
const CLUSTER = "task-platform";

/**
 * For an emulator only (never a real account, where ECS schedules tasks itself). moto has no ECS scheduler: a service it creates runs no tasks (runningCount 0, ListTasks empty),
 * which no real service of this template would show. This stands in for the scheduler, and only
 * does what ECS does on its own, never what the template says:
 * - `UpdateService` with the service's own desired count: moto then reports runningCount = desired,
 *   as ECS does once a deployment is steady;
 * - `desiredCount` tasks in the service's task group, spread round-robin over the service's own
 *   subnets with its own security groups, as ECS spreads Fargate tasks over AZs.
 * The tasks are started from a per-service placeholder definition because moto 5.2's RunTask fails
 * (HTTP 500) on the services' Fargate revisions, which leave memory to the task level; the collector
 * reads only a task's group, status and network interface subnet, never its definition.
 * moto also advances a task through its lifecycle each time it is described; "manual" progression
 * keeps them RUNNING however often a check describes them.
 */
export async function standInForEcsScheduler(
  endpoint: string,
  clients: PlatformClients,
  platform: ProvisionedPlatform,
): Promise<void> {
  await setStateTransition(endpoint, "ecs::task", { progression: "manual", times: 1_000_000 });
  const names = platform.resources.filter((r) => r.type === "AWS::ECS::Service").map((r) => r.physicalId);
  const { services } = await clients.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: names }));
  if (services?.length !== names.length) throw new Error(`expected services ${names.join(", ")} in ${CLUSTER}`);
  for (const service of services) await runServiceTasks(clients, service);
}

async function runServiceTasks(clients: PlatformClients, service: Service): Promise<void> {
  const name = service.serviceName!;
  const network = service.networkConfiguration?.awsvpcConfiguration;
  const subnets = network?.subnets ?? [];
  if (!network || subnets.length === 0) throw new Error(`service ${name} has no awsvpc subnets to place tasks in`);
  await clients.ecs.send(
    new UpdateServiceCommand({ cluster: CLUSTER, service: name, desiredCount: service.desiredCount }),
  );
  const placeholder = await clients.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: `${name}-scheduler-stand-in`,
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      containerDefinitions: [{ name: "placeholder", image: "placeholder:1", memory: 512, essential: true }],
    }),
  );
  for (let i = 0; i < (service.desiredCount ?? 0); i++)
    await clients.ecs.send(
      new RunTaskCommand({
        cluster: CLUSTER,
        taskDefinition: placeholder.taskDefinition?.taskDefinitionArn,
        launchType: "FARGATE",
        group: `service:${name}`,
        networkConfiguration: { awsvpcConfiguration: { ...network, subnets: [subnets[i % subnets.length]!] } },
      }),
    );
}
