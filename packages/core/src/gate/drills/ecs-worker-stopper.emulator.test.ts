/*
 * The ECS strategy of the worker drills against moto's ECS: StopTask on a running task of the
 * service, then DescribeTasks until it is STOPPED. moto's ListTasks ignores `serviceName` (it lists
 * every task of the cluster), so the service filter itself is not verified here.
 */
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from "@aws-sdk/client-ecs";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { beforeAll, describe, expect, it } from "vitest";
import { ecsWorkerStopper } from "./ecs-worker-stopper";
import { DrillInputError } from "./errors";

const emulator = useEmulator();
let ecs: ECSClient;
let definition: string;

beforeAll(async () => {
  ecs = new ECSClient(emulator.clientConfig());
  definition = (
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "worker",
        containerDefinitions: [{ name: "worker", image: "example/worker:1", memory: 512 }],
        // No awsvpc: moto would need a real subnet and security group for the task's ENI.
      }),
    )
  ).taskDefinition?.taskDefinitionArn as string;
});

const runTask = async (cluster: string): Promise<string> => {
  const run = await ecs.send(
    new RunTaskCommand({
      cluster,
      taskDefinition: definition,
      launchType: "FARGATE",
      startedBy: "ecs-svc/worker",
    }),
  );
  return run.tasks?.[0]?.taskArn as string;
};

describe("ecsWorkerStopper on the emulator", () => {
  it("crash: StopTask on a running task of the service, named in the answer", async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: "crash" }));
    const task = await runTask("crash");
    const how = await ecsWorkerStopper(ecs, "crash", "worker").crash();
    expect(how).toBe(`ECS StopTask ${task}`);
    const described = await ecs.send(new DescribeTasksCommand({ cluster: "crash", tasks: [task] }));
    expect(described.tasks?.[0]).toMatchObject({
      lastStatus: "STOPPED",
      stoppedReason: expect.stringContaining("readiness drill"),
    });
  });

  it("terminate: waits until the task is STOPPED and reports the exit in time", async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: "drain" }));
    const task = await runTask("drain");
    const outcome = await ecsWorkerStopper(ecs, "drain", "worker").terminate(30_000);
    expect(outcome).toMatchObject({ how: `ECS StopTask ${task}`, exitedInTime: true });
  });

  it("a service with no running task is an input error saying what to do", async () => {
    await ecs.send(new CreateClusterCommand({ clusterName: "empty" }));
    await expect(ecsWorkerStopper(ecs, "empty", "worker").crash()).rejects.toThrow(DrillInputError);
    await expect(ecsWorkerStopper(ecs, "empty", "worker").crash()).rejects.toThrow(/has no running task to stop/);
  });
});
