import { GateRunsStore } from "@readiness/core/gate/gate/runs-store";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { deployRevision, describeRunning, type RunningService, shortTaskDefinition } from "./ecs";
import { DemoError } from "./errors";
import { deploymentEvent, mintDeploymentId } from "./events";
import type { Delivery, GateDriver } from "./gate-driver";
import type { ReceivedOutcome } from "./outcomes";
import { API_SERVICE, type DemoWorld } from "./setup";
import { DEMO_TABLES } from "./tables";
import type { Timeline } from "./timeline";

const ECS_STAND_IN = "the emulator stands in for ECS here";

/**
 * One numbering for revisions: the task definition's own, as ECS and its console name it
 * ("task-api:3"). Every task definition ARN in `text` is replaced by that name.
 */
export const nameRevisions = (text: string): string =>
  text.replace(/arn:aws[a-z-]*:ecs:[^:\s]+:\d{12}:task-definition\/[^:\s]+:\d+/g, shortTaskDefinition);

/** The revision number ECS gave a task definition ("3" for task-api:3): the local service reports it. */
const revisionNumber = (taskDefinitionArn: string): string =>
  taskDefinitionArn.slice(taskDefinitionArn.lastIndexOf(":") + 1);

export interface StoryContext {
  readonly world: DemoWorld;
  readonly gate: GateDriver;
  readonly timeline: Timeline;
}

/** The acts after set-up: the deployed baseline, a good deployment, a broken one, a duplicate. */
export const playDeployments = async (ctx: StoryContext): Promise<void> => {
  const { world, timeline } = ctx;
  const baseline = shortTaskDefinition(world.baseline.taskDefinitionArn);

  timeline.heading(`The deployed baseline: ${baseline}`);
  const first = await completeDeployment(ctx, world.baseline.serviceArn);
  expectOutcome(first, "PASS", `${baseline} (the baseline) should pass its smoke test`);
  timeline.line("ok", `${baseline} passes the smoke test: the gate knows a good revision`);

  timeline.heading("A good deployment");
  const second = await deploy(ctx, "none");
  const secondDelivery = await completeDeployment(ctx, world.baseline.serviceArn);
  expectOutcome(secondDelivery, "PASS", `${shortTaskDefinition(second)} should pass its smoke test`);
  timeline.line("ok", `${shortTaskDefinition(second)} passes the smoke test`);

  timeline.heading("A broken deployment (FAULT_MODE=never-complete)");
  const third = await deploy(ctx, "never-complete");
  const before = await describeRunning(world.clients.ecs, API_SERVICE);
  timeline.line("info", `DescribeServices before the gate: ${API_SERVICE.service} runs ${describeService(before)}`);
  const broken = deploymentEvent({
    serviceArn: before.serviceArn,
    deploymentId: mintDeploymentId(),
    eventName: "SERVICE_DEPLOYMENT_COMPLETED",
    at: new Date(),
  });
  const thirdDelivery = await deliver(ctx, broken);
  const outcome = expectOutcome(thirdDelivery, "FAIL", `${shortTaskDefinition(third)} should fail its smoke test`);
  if (!outcome.detail.rolledBack || outcome.detail.rollbackTo !== second)
    throw new DemoError(
      `the gate should roll ${shortTaskDefinition(third)} back to ${shortTaskDefinition(second)}; its outcome says ` +
        `rolledBack ${outcome.detail.rolledBack}, rollbackTo ${nameRevisions(String(outcome.detail.rollbackTo))}`,
    );
  timeline.line("ok", "outcome event read back from the queue (EventBridge rule on source readiness → SQS):");
  timeline.block(JSON.stringify(outcome, null, 2));
  const after = await describeRunning(world.clients.ecs, API_SERVICE);
  timeline.line("info", `DescribeServices after the gate: ${API_SERVICE.service} runs ${describeService(after)}`);
  if (after.taskDefinitionArn !== second)
    throw new DemoError(
      `after the rollback the service should run ${shortTaskDefinition(second)}, not ${after.shortName}`,
    );
  timeline.line("ok", `${shortTaskDefinition(third)} failed and was rolled back to ${shortTaskDefinition(second)}`);

  await applyRollback(ctx, after);
  const ownRollback = await completeDeployment(ctx, after.serviceArn);
  const rollbackOutcome = expectOutcome(
    ownRollback,
    "PASS",
    `the rollback to ${shortTaskDefinition(second)} should pass its smoke test`,
  );
  if (rollbackOutcome.detail.rolledBack) throw new DemoError("the gate rolled back its own rollback");
  timeline.line("ok", "the rollback's own completion is smoke-tested (PASS) and never rolled back");

  timeline.heading(`A duplicate delivery of ${shortTaskDefinition(third)}'s event`);
  await expectDuplicateIgnored(ctx, broken, third);
};

/** RegisterTaskDefinition + UpdateService on the emulator, then the local service restarted on it. */
const deploy = async (ctx: StoryContext, fault: string): Promise<string> => {
  const { world, timeline } = ctx;
  const arn = await deployRevision(world.clients.ecs, API_SERVICE, fault);
  const name = shortTaskDefinition(arn);
  timeline.line(
    "action",
    `RegisterTaskDefinition ${name} (FAULT_MODE=${fault}), UpdateService ${API_SERVICE.service} → ${name}`,
  );
  await timeline.slow(`restarting the local service on ${name} (${ECS_STAND_IN})`, () =>
    world.service.restart({ revision: revisionNumber(arn), fault }),
  );
  timeline.line(
    "action",
    `ECS rolled out ${name}: the local service now runs it (pids ${world.service.pids().join(", ")})`,
  );
  return arn;
};

/** The gate's rollback is an UpdateService on the emulator; the demo plays ECS and rolls the service out. */
const applyRollback = async (ctx: StoryContext, running: RunningService): Promise<void> => {
  await ctx.timeline.slow(`rolling the local service back to ${running.shortName} (${ECS_STAND_IN})`, () =>
    ctx.world.service.restart({ revision: revisionNumber(running.taskDefinitionArn), fault: running.fault }),
  );
  ctx.timeline.line(
    "action",
    `ECS rolled out the rollback: the local service runs ${running.shortName} again (pids ${ctx.world.service.pids().join(", ")})`,
  );
};

const completeDeployment = (ctx: StoryContext, serviceArn: string): Promise<Delivery> =>
  deliver(
    ctx,
    deploymentEvent({
      serviceArn,
      deploymentId: mintDeploymentId(),
      eventName: "SERVICE_DEPLOYMENT_COMPLETED",
      at: new Date(),
    }),
  );

const deliver = async (ctx: StoryContext, event: ReturnType<typeof deploymentEvent>): Promise<Delivery> => {
  ctx.timeline.line(
    "action",
    `ECS Deployment State Change ${event.detail.eventName} (${event.detail.deploymentId}) delivered to the gate`,
  );
  return ctx.gate.deliver(event);
};

const expectOutcome = (delivery: Delivery, verdict: string, expectation: string): ReceivedOutcome => {
  const outcome = delivery.outcome;
  if (!outcome) throw new DemoError(`${expectation}, but the gate emitted no outcome event`);
  if (outcome.detail.verdict !== verdict)
    throw new DemoError(`${expectation}, but the gate says ${outcome.detail.verdict}: ${outcome.detail.reason}`);
  return outcome;
};

/** The same event again: the idempotency layer answers, so no smoke run, no rollback, no outcome event. */
const expectDuplicateIgnored = async (
  ctx: StoryContext,
  event: ReturnType<typeof deploymentEvent>,
  brokenRevision: string,
): Promise<void> => {
  const { world, timeline } = ctx;
  const store = new GateRunsStore(ResultsTable.on(world.clients.dynamodb, DEMO_TABLES.results));
  const runsBefore = await store.runsOf(event.resources[0]);
  const rollbacksBefore = await store.rollbacksOf(brokenRevision);
  const delivery = await deliver(ctx, event);
  const runsAfter = await store.runsOf(event.resources[0]);
  const rollbacksAfter = await store.rollbacksOf(brokenRevision);
  const running = await describeRunning(world.clients.ecs, API_SERVICE);
  const problems = [
    delivery.steps.length > 0 ? `the gate ran again (${delivery.steps.map((s) => s.name).join(", ")})` : "",
    delivery.outcome ? "a second outcome event was emitted" : "",
    runsAfter.length !== runsBefore.length ? `smoke runs went from ${runsBefore.length} to ${runsAfter.length}` : "",
    rollbacksAfter.length !== rollbacksBefore.length ? "a second rollback was recorded" : "",
  ].filter(Boolean);
  if (problems.length > 0) throw new DemoError(`the duplicate delivery was not ignored: ${problems.join("; ")}`);
  timeline.line(
    "ok",
    `duplicate ignored (idempotent on deploymentId + eventName): no smoke run (still ${runsAfter.length}), ` +
      `no second rollback, no outcome event; the service still runs ${running.shortName}`,
  );
};

const describeService = (running: RunningService): string => `${running.shortName}, FAULT_MODE=${running.fault}`;
