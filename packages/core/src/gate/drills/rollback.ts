import { setTimeout as delay } from "node:timers/promises";
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { DrillInputError } from "./errors";
import { withFault } from "./known-bad-revision";
import type { DrillProgress, DrillResult } from "./types";

export interface RollbackDrillOptions {
  readonly ecs: ECSClient;
  readonly cluster: string;
  readonly service: string;
  /** The FAULT_MODE the known-bad revision sets (default never-complete: its smoke test fails). */
  readonly fault: string;
  /** How long the gate may take to restore the original revision. */
  readonly withinMs: number;
  readonly pollMs?: number;
  readonly onProgress?: DrillProgress;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

const runningRevisionOf = async (ecs: ECSClient, cluster: string, service: string) => {
  const described = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const found = described.services?.[0];
  if (!found?.serviceArn || !found.taskDefinition)
    throw new DrillInputError(
      `ECS service ${service} in cluster ${cluster} was not found`,
      undefined,
      "check --cluster, --service, --region and --endpoint-url",
    );
  return { serviceArn: found.serviceArn, revision: found.taskDefinition };
};

/**
 * `readiness drill rollback`: registers the running revision again with FAULT_MODE set (a
 * known-bad revision), deploys it with UpdateService, and watches the service until it runs the
 * original revision again (the post-deploy gate's rollback) or the bound passes. Past the bound the
 * drill restores the original itself and fails. Decides the evidence part of rollback-tested.
 */
export const runRollbackDrill = async (
  options: RollbackDrillOptions,
): Promise<DrillResult & { service: string; revision: string }> => {
  const { ecs, cluster, service } = options;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const progress = options.onProgress ?? (() => undefined);
  const startedAt = now().toISOString();
  const original = await runningRevisionOf(ecs, cluster, service);
  const described = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: original.revision }));
  if (!described.taskDefinition)
    throw new DrillInputError(
      `task definition ${original.revision} was not found`,
      undefined,
      "check the service's task definition",
    );
  const registered = await ecs.send(
    new RegisterTaskDefinitionCommand(withFault(described.taskDefinition, options.fault)),
  );
  const bad = registered.taskDefinition?.taskDefinitionArn;
  if (!bad) throw new Error(`RegisterTaskDefinition of ${described.taskDefinition.family} returned no ARN`);
  progress(`deploying the known-bad revision ${bad} (FAULT_MODE=${options.fault}) to ${cluster}/${service}`);
  const deployed = performance.now();
  await ecs.send(new UpdateServiceCommand({ cluster, service, taskDefinition: bad }));
  progress(`waiting up to ${seconds(options.withinMs)} s for the gate to restore ${original.revision}`);

  const base = { fault: options.fault, badRevision: bad, restoredRevision: original.revision };
  const finish = (verdict: "pass" | "fail", reason: string, figures: Record<string, string | number | boolean>) => ({
    drill: "rollback" as const,
    verdict,
    reason,
    figures: { ...base, ...figures },
    stopped: `UpdateService ${cluster}/${service} → ${bad}`,
    startedAt,
    finishedAt: now().toISOString(),
    service: original.serviceArn,
    revision: original.revision,
  });
  for (;;) {
    const elapsed = performance.now() - deployed;
    const running = await runningRevisionOf(ecs, cluster, service);
    if (running.revision === original.revision) {
      const restoreSeconds = seconds(performance.now() - deployed);
      return finish(
        "pass",
        `the known-bad revision (FAULT_MODE=${options.fault}) was rolled back to ${original.revision} ${restoreSeconds} s after its deployment`,
        { restoreSeconds, restoredByDrill: false },
      );
    }
    if (running.revision !== bad)
      return finish(
        "fail",
        `the service now runs ${running.revision}, neither the known-bad revision nor the original: someone else deployed`,
        {
          restoredByDrill: false,
        },
      );
    if (elapsed >= options.withinMs) {
      await ecs.send(new UpdateServiceCommand({ cluster, service, taskDefinition: original.revision }));
      return finish(
        "fail",
        `the known-bad revision was not rolled back within ${seconds(options.withinMs)} s; the drill restored ${original.revision} itself`,
        { restoredByDrill: true },
      );
    }
    await sleep(options.pollMs ?? 2_000);
  }
};
