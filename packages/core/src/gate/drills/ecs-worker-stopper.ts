import { setTimeout as sleep } from "node:timers/promises";
import { DescribeTasksCommand, type ECSClient, ListTasksCommand, StopTaskCommand } from "@aws-sdk/client-ecs";
import { DrillInputError } from "./errors";
import type { TerminateOutcome, WorkerStopper } from "./worker-stopper";

const POLL_MS = 2_000;
const REASON = "readiness drill: stopping one worker task";

/**
 * Stops one running task of an ECS service with StopTask. ECS sends SIGTERM and, after the
 * container's stopTimeout, SIGKILL; the service scheduler starts a replacement. For `terminate`
 * the task is watched until STOPPED: a container that exited 137 was killed, not drained.
 */
export const ecsWorkerStopper = (ecs: ECSClient, cluster: string, service: string): WorkerStopper => {
  const stopOne = async (): Promise<string> => {
    const listed = await ecs.send(new ListTasksCommand({ cluster, serviceName: service, desiredStatus: "RUNNING" }));
    const taskArn = listed.taskArns?.[0];
    if (!taskArn)
      throw new DrillInputError(
        `service ${service} in cluster ${cluster} has no running task to stop`,
        undefined,
        "scale the worker service to at least one task, or check --cluster and --service",
      );
    await ecs.send(new StopTaskCommand({ cluster, task: taskArn, reason: REASON }));
    return taskArn;
  };
  return {
    target: `ECS service ${cluster}/${service}`,
    async crash() {
      return `ECS StopTask ${await stopOne()}`;
    },
    async terminate(stopTimeoutMs): Promise<TerminateOutcome> {
      const started = performance.now();
      const taskArn = await stopOne();
      for (;;) {
        const described = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }));
        const task = described.tasks?.[0];
        if (!task || task.lastStatus === "STOPPED") {
          const exitMs = Math.round(performance.now() - started);
          const killed = task?.containers?.some((container) => container.exitCode === 137) ?? false;
          return { how: `ECS StopTask ${taskArn}`, exitMs, exitedInTime: !killed && exitMs <= stopTimeoutMs + POLL_MS };
        }
        await sleep(POLL_MS);
      }
    },
  };
};
