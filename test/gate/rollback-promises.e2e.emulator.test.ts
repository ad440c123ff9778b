/*
 * The gate's safety promises, observed where they take effect: in ECS. Every service here has a
 * known good revision (a passing smoke run recorded), so a rollback is always possible, and every
 * assertion is on the UpdateService requests the emulator received (a recording proxy sits between
 * the gate's ECS client and moto) and on the task definition the ECS service runs afterwards,
 * never on the outcome's labels or alert text. Verdicts are checked only to show the scenario is
 * the one named.
 *
 * The real example task service is the smoke target. ListServiceDeployments / StopServiceDeployment
 * (early check), which moto lacks, are served by the contract fake of packages/devkit/src/test-support/aws-contracts.
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import type { GateOverrides } from "@readiness/core/gate/gate/clients";
import { GateRunsStore } from "@readiness/core/gate/gate/runs-store";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { stubServiceDeployments } from "@readiness/devkit/test-support/aws-contracts/ecs-deployments";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RecordingProxy, startRecordingProxy } from "@readiness/devkit/test-support/recording-proxy";
import { type RunningTaskService, startTaskService } from "@readiness/example-task-service/runner";
import type { FaultSetting } from "@readiness/example-task-service/shared/settings";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { deploymentEvent, lambdaContext, serviceArnOf, sqsEvent, sqsRecord } from "./fixtures";
import { createGateWorld, type GateWorld, IDEMPOTENCY_TABLE, RESULTS_TABLE, setGateEnv } from "./world";

const moto = useEmulator();
const SMOKE = {
  timeouts: { requestMs: 5_000, completionMs: 3_000 },
  poll: { initialMs: 50, maxMs: 400, factor: 2 },
  sloSubmitMs: 1_000,
  retries: 1,
};
/** The slow fault's submit delay: above the SLO, and long enough for two copies of an event to overlap. */
const SLOW_MS = 1_500;
const EARLY = "inconclusive-early";
const SERVICES = ["inconclusive", EARLY, "loop-guard", "once", "once-raced"];

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
let world: GateWorld;
let taskService: RunningTaskService;
let handler: Handler;
let store: GateRunsStore;
let proxy: RecordingProxy;
/** The gate's ECS client: the real SDK client, through the recording proxy to moto. */
let gateEcs: ECSClient;
let restoreEnv: () => void;
/** A deployment gate function constructed with the test's clients (a new container, the same module). */
let gateWith: (overrides: GateOverrides) => Handler;

beforeAll(async () => {
  world = await createGateWorld(moto.clientConfig(), { cluster: "promises" });
  for (const name of SERVICES) await world.createService(name);
  taskService = await startTaskService({
    endpoint: moto.emulator.endpoint,
    revision: "1",
    env: { WORKER_WAIT_SECONDS: "1", FAULT_SLOW_MS: String(SLOW_MS) },
  });
  proxy = await startRecordingProxy(moto.emulator.endpoint);
  gateEcs = new ECSClient({ ...moto.clientConfig(), endpoint: proxy.url });
  // ERROR: moto lacks StartConfigRulesEvaluation, and the gate's warning about it is expected here.
  restoreEnv = setGateEnv(
    moto.emulator.endpoint,
    {
      version: 1,
      smoke: { protocol: "http", endpoint: taskService.httpUrl, ...SMOKE },
      services: SERVICES.map((name) => ({
        cluster: world.cluster,
        service: name,
        role: "api",
        ...(name === EARLY ? { earlyCheck: true } : {}),
      })),
    },
    "ERROR",
  );
  vi.resetModules();
  const { createDeploymentGateHandler } = await import("@readiness/functions/deployment-gate");
  gateWith = (overrides) => createDeploymentGateHandler(overrides) as Handler;
  handler = gateWith({ clients: { ...world.clients, ecs: gateEcs } });
  store = new GateRunsStore(ResultsTable.on(world.clients.dynamodb, RESULTS_TABLE));
});

afterAll(async () => {
  restoreEnv?.();
  await taskService?.stop();
  await proxy?.close();
});

afterEach(async () => {
  await world.outcomes(); // what a test left on the outcome queue is not the next test's
});

/**
 * UpdateService in ECS (straight to moto, not through the proxy); the task service is restarted
 * only when the fault changes (the gate reads the revision from ECS, never from the target).
 */
const deploy = async (service: string, revision: number, fault: FaultSetting = "none"): Promise<string> => {
  const deploymentId = await world.deploy(service, revision);
  if (taskService.fault !== fault) await taskService.restart({ revision: String(revision), fault });
  return deploymentId;
};

/** One delivery of the event through the handler; answers the outcome it emitted. */
const deliver = async (
  service: string,
  deploymentId: string,
  eventName: "SERVICE_DEPLOYMENT_COMPLETED" | "SERVICE_DEPLOYMENT_IN_PROGRESS" = "SERVICE_DEPLOYMENT_COMPLETED",
): Promise<Record<string, unknown>> => {
  const event = deploymentEvent({ cluster: world.cluster, service, deploymentId, eventName });
  const response = await handler(sqsEvent(sqsRecord(JSON.stringify(event))), lambdaContext());
  expect(response.batchItemFailures).toEqual([]);
  const outcomes = (await world.outcomes(2)).filter((o) => o.deploymentId === deploymentId);
  expect(outcomes).toHaveLength(1);
  return outcomes[0];
};

/** Revision 1 deployed and passing: the service's known good revision. */
const baseline = async (service: string): Promise<void> => {
  expect((await deliver(service, await deploy(service, 1))).verdict).toBe("PASS");
  expect(await store.lastKnownGood(serviceArnOf(world.cluster, service))).toBe(world.revisions[1]);
};

/** The UpdateService requests moto answered since the last `proxy.clear()`: what the gate did to ECS. */
const updatesReceived = () =>
  proxy.received("UpdateService").map(({ input, status }) => ({
    cluster: input.cluster,
    service: input.service,
    taskDefinition: input.taskDefinition,
    status,
  }));
const rollbackOf = (service: string, revision: number) => ({
  cluster: world.cluster,
  service,
  taskDefinition: world.revisions[revision],
  status: 200,
});

/** Shows the recording is not blind: the gate's own ECS reads went through the proxy. */
const expectGateTalkedToEcs = () => expect(proxy.received("DescribeServices").length).toBeGreaterThan(0);

/** Waits until an invocation holds an idempotency record in progress (keys are hashes: the only one in flight). */
const untilInProgress = async (): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { Items = [] } = await world.clients.dynamodb.send(new ScanCommand({ TableName: IDEMPOTENCY_TABLE }));
    if (Items.some((item) => item.status?.S === "INPROGRESS")) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("no invocation took an idempotency record within 10 s");
};

/** Runs `during` with the new revision's API not answering (its tasks never came up), then brings it back. */
const withApiDown = async <T>(during: () => Promise<T>): Promise<T> => {
  await taskService.processes.api.stop();
  try {
    return await during();
  } finally {
    await taskService.restart();
  }
};

describe("INCONCLUSIVE never rolls back, though a known good revision is there", () => {
  it("Compliance (completed deployment): no UpdateService reaches ECS; the service keeps the new revision", async () => {
    await baseline("inconclusive");
    const deploymentId = await deploy("inconclusive", 2);
    proxy.clear();
    const outcome = await withApiDown(() => deliver("inconclusive", deploymentId));
    expect(outcome.verdict).toBe("INCONCLUSIVE");

    expectGateTalkedToEcs();
    expect(updatesReceived()).toEqual([]);
    expect(await world.running("inconclusive")).toBe(world.revisions[2]);
  });

  it("Compliance (early check): the in-progress deployment is not stopped, and no UpdateService reaches ECS", async () => {
    await baseline(EARLY);
    const deploymentId = await deploy(EARLY, 2);
    // The gate's ECS client for this test: the service-deployment APIs from the contract fake, the
    // rest passed to the real client behind the proxy.
    const ecs = new ECSClient(moto.clientConfig());
    const ecsStub = mockClient(ecs);
    ecsStub.on(DescribeServicesCommand).callsFake((input) => gateEcs.send(new DescribeServicesCommand(input)));
    ecsStub
      .on(DescribeTaskDefinitionCommand)
      .callsFake((input) => gateEcs.send(new DescribeTaskDefinitionCommand(input)));
    ecsStub.on(UpdateServiceCommand).callsFake((input) => gateEcs.send(new UpdateServiceCommand(input)));
    const ecsDeployments = stubServiceDeployments(ecsStub, [
      {
        serviceDeploymentArn: `arn:aws:ecs:us-east-1:123456789012:service-deployment/${world.cluster}/${EARLY}/${deploymentId.split("/").pop()}`,
        serviceArn: serviceArnOf(world.cluster, EARLY),
        status: "IN_PROGRESS",
      },
    ]);
    handler = gateWith({ clients: { ...world.clients, ecs } });
    proxy.clear();
    try {
      const outcome = await withApiDown(() => deliver(EARLY, deploymentId, "SERVICE_DEPLOYMENT_IN_PROGRESS"));
      expect(outcome.verdict).toBe("INCONCLUSIVE");
    } finally {
      handler = gateWith({ clients: { ...world.clients, ecs: gateEcs } });
      ecsStub.restore();
    }

    expectGateTalkedToEcs();
    expect(ecsDeployments.deployments().map((d) => d.status)).toEqual(["IN_PROGRESS"]);
    expect(updatesReceived()).toEqual([]);
    expect(await world.running(EARLY)).toBe(world.revisions[2]);
  });
});

describe("the loop guard", () => {
  it("a rollback is never rolled back, and never to a revision that failed", async () => {
    const service = "loop-guard";
    await baseline(service);
    expect((await deliver(service, await deploy(service, 2))).verdict).toBe("PASS");
    // Revisions 1 and 2 are both good; 2 is the newest.

    proxy.clear();
    const broken = await deliver(service, await deploy(service, 3, "wrong-result"));
    expect(broken.verdict).toBe("FAIL");
    expect(updatesReceived()).toEqual([rollbackOf(service, 2)]);
    expect(await world.running(service)).toBe(world.revisions[2]);

    // ECS completes the gate's rollback to revision 2, and the service still answers wrongly (worst
    // case). Revision 1 is still there to roll back to: only the loop guard keeps the gate from it.
    proxy.clear();
    const rollbackCompleted = await deliver(service, `ecs-svc/rollback-${Date.now()}`);
    expect(rollbackCompleted.verdict).toBe("FAIL");
    expectGateTalkedToEcs();
    expect(updatesReceived()).toEqual([]);
    expect(await world.running(service)).toBe(world.revisions[2]);

    // A new broken revision: revision 2 has failed a smoke test since (as the rollback), so the
    // rollback goes to revision 1, the newest that never failed.
    proxy.clear();
    const next = await deliver(service, await deploy(service, 4, "api-5xx"));
    expect(next.verdict).toBe("FAIL");
    expect(updatesReceived()).toEqual([rollbackOf(service, 1)]);
    expect(await world.running(service)).toBe(world.revisions[1]);
  });
});

describe("a FAIL rolls back exactly once", () => {
  it("under duplicate and concurrent deliveries of its event, and when the same revision is deployed again", async () => {
    const service = "once";
    await baseline(service);
    const deploymentId = await deploy(service, 2, "api-5xx");
    const body = JSON.stringify(deploymentEvent({ cluster: world.cluster, service, deploymentId }));
    proxy.clear();

    const copies = Array.from({ length: 10 }, () => sqsRecord(body));
    const first = await Promise.all(copies.map((copy) => handler(sqsEvent(copy), lambdaContext())));
    const retried = new Set(first.flatMap((r) => r.batchItemFailures.map((f) => f.itemIdentifier)));
    // SQS redelivers the copies that met the first one in progress, and later delivers one more.
    const redelivered = copies.filter((copy) => retried.has(copy.messageId));
    const again = await handler(sqsEvent(...redelivered, sqsRecord(body)), lambdaContext());
    expect(again.batchItemFailures).toEqual([]);

    expectGateTalkedToEcs();
    expect(updatesReceived()).toEqual([rollbackOf(service, 1)]);
    expect(await world.running(service)).toBe(world.revisions[1]);

    // A person deploys the broken revision again: it already had its one automatic rollback.
    proxy.clear();
    const redeployed = await deliver(service, await deploy(service, 2, "api-5xx"));
    expect(redeployed.verdict).toBe("FAIL");
    expectGateTalkedToEcs();
    expect(updatesReceived()).toEqual([]);
    expect(await world.running(service)).toBe(world.revisions[2]);
  });

  it("when a copy races past idempotency (the first container timed out): both smoke-test, one rolls back", async () => {
    const service = "once-raced";
    await baseline(service);
    // Slow submits: each copy's smoke test takes seconds, so the two runs overlap.
    const deploymentId = await deploy(service, 2, "slow");
    const body = JSON.stringify(deploymentEvent({ cluster: world.cluster, service, deploymentId }));
    proxy.clear();

    // The first invocation has 1 ms left, so its in-progress idempotency record expires at once; the
    // second copy, delivered while the first is smoke-testing, runs too. Only the rollback claim
    // stands between them.
    const timingOut = { ...lambdaContext(), getRemainingTimeInMillis: () => 1 };
    const firstCopy = handler(sqsEvent(sqsRecord(body)), timingOut);
    await untilInProgress();
    const secondCopy = handler(sqsEvent(sqsRecord(body)), lambdaContext());
    const responses = await Promise.all([firstCopy, secondCopy]);
    expect(responses.map((r) => r.batchItemFailures)).toEqual([[], []]);
    const runs = await store.runsOf(serviceArnOf(world.cluster, service), { revision: world.revisions[2] });
    expect(runs.map((run) => run.verdict)).toEqual(["FAIL", "FAIL"]);

    expect(updatesReceived()).toEqual([rollbackOf(service, 1)]);
    expect(await world.running(service)).toBe(world.revisions[1]);
  });
});
