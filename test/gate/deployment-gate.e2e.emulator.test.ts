/*
 * The post-deploy gate end to end on the emulator: the real example task service (three
 * processes), ECS services and task definitions in moto, the Powertools idempotency table in moto,
 * outcome events routed by an EventBridge rule to an SQS queue. Every deployment event goes
 * through the Lambda entry point as an SQS record.
 *
 * aws-sdk-client-mock is used only for APIs moto lacks: StartConfigRulesEvaluation (the Config
 * client is mocked so the test can see the call) and, in the early-check test,
 * ListServiceDeployments / StopServiceDeployment, served by the contract fake of
 * packages/devkit/src/test-support/aws-contracts/ecs-deployments.ts (DescribeServices there still goes to moto).
 */
import { ConfigServiceClient, StartConfigRulesEvaluationCommand } from "@aws-sdk/client-config-service";
import {
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import type { GateOverrides } from "@readiness/core/gate/gate/clients";
import { GateRunsStore } from "@readiness/core/gate/gate/runs-store";
import { latestEvidence } from "@readiness/core/kernel/results/evidence";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { answerStartConfigRulesEvaluation } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { stubServiceDeployments } from "@readiness/devkit/test-support/aws-contracts/ecs-deployments";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService } from "@readiness/example-task-service/runner";
import type { FaultSetting } from "@readiness/example-task-service/shared/settings";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deploymentEvent, lambdaContext, serviceArnOf, sqsEvent, sqsRecord } from "./fixtures";
import { createGateWorld, type GateWorld, POST_DEPLOY_SMOKE_RULE, RESULTS_TABLE, setGateEnv } from "./world";

const moto = useEmulator();
const SLOW_MS = 2_500;
/** Small timeouts: never-complete fails after 3 s; the SLO sits far from the slow fault's delay. */
const SMOKE = {
  timeouts: { requestMs: 5_000, completionMs: 3_000 },
  poll: { initialMs: 50, maxMs: 400, factor: 2 },
  sloSubmitMs: 1_000,
  retries: 1,
};
const FAULTS = [
  ["never-complete", /^task [0-9a-f-]{36} did not complete within 3 s$/],
  ["wrong-result", /^result\.output mismatch: expected ".+", got ".+"$/],
  ["api-5xx", /^submit returned HTTP 500: injected fault: api-5xx$/],
  ["slow", /^submit latency \d{4,} ms above SLO 1000 ms$/],
  ["ignore-idempotency", /^replay returned a different task id/],
] as const;
const SERVICES = [
  "good",
  "loop",
  "restored",
  "first-broken",
  "dup",
  "early",
  ...FAULTS.map(([fault]) => `fault-${fault}`),
];

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
let world: GateWorld;
let taskService: RunningTaskService;
let handler: Handler;
let store: GateRunsStore;
let restoreEnv: () => void;
/** A deployment gate function constructed with the test's clients (a new container, the same module). */
let gateWith: (overrides: GateOverrides) => Handler;
/** The Config client the gate uses, mocked: StartConfigRulesEvaluation is one of the APIs moto lacks. */
const mockedConfig = new ConfigServiceClient({ region: "us-east-1" });
const configMock = mockClient(mockedConfig);

beforeAll(async () => {
  world = await createGateWorld(moto.clientConfig());
  for (const name of SERVICES) await world.createService(name);
  taskService = await startTaskService({
    endpoint: moto.emulator.endpoint,
    revision: "1",
    env: { FAULT_SLOW_MS: String(SLOW_MS), WORKER_WAIT_SECONDS: "1" },
  });
  restoreEnv = setGateEnv(moto.emulator.endpoint, {
    version: 1,
    smoke: { protocol: "http", endpoint: taskService.httpUrl, ...SMOKE },
    services: SERVICES.map((name) => ({
      cluster: world.cluster,
      service: name,
      role: "api",
      ...(name === "early" ? { earlyCheck: true } : {}),
    })),
  });
  vi.resetModules();
  const { createDeploymentGateHandler } = await import("@readiness/functions/deployment-gate");
  gateWith = (overrides) => createDeploymentGateHandler(overrides) as Handler;
  handler = gateWith({ clients: { ...world.clients, config: mockedConfig } });
  answerStartConfigRulesEvaluation(configMock);
  store = new GateRunsStore(ResultsTable.on(world.clients.dynamodb, RESULTS_TABLE));
});

afterAll(async () => {
  configMock.restore();
  restoreEnv?.();
  await taskService?.stop();
});

/** "Deploys" a revision: UpdateService in ECS, then the task service restarted as that revision. */
const deploy = async (service: string, revision: number, fault: FaultSetting = "none"): Promise<string> => {
  const deploymentId = await world.deploy(service, revision);
  if (taskService.fault !== fault || taskService.revision !== String(revision))
    await taskService.restart({ revision: String(revision), fault });
  return deploymentId;
};

/** Delivers the completion event through the handler; answers the outcome event it emitted. */
const complete = async (service: string, deploymentId: string): Promise<Record<string, unknown>> => {
  const event = deploymentEvent({ cluster: world.cluster, service, deploymentId });
  const response = await handler(sqsEvent(sqsRecord(JSON.stringify(event))), lambdaContext());
  expect(response.batchItemFailures).toEqual([]);
  const outcomes = await world.outcomes(2);
  expect(outcomes).toHaveLength(1);
  return outcomes[0];
};

/** Revision 1 deployed and passing: the known good revision every rollback test needs. */
const baseline = async (service: string): Promise<void> => {
  const outcome = await complete(service, await deploy(service, 1));
  expect(outcome.verdict).toBe("PASS");
};

describe("deployment gate (SQS → handler → smoke test → rollback) on the emulator", () => {
  it("Compliance: a good deployment passes, is stored and announced, and starts the Config evaluation", async () => {
    await baseline("good");
    const outcome = await complete("good", await deploy("good", 2));
    expect(outcome).toMatchObject({
      service: serviceArnOf(world.cluster, "good"),
      revision: world.revisions[2],
      eventName: "SERVICE_DEPLOYMENT_COMPLETED",
      verdict: "PASS",
      reason: "all checks passed",
      rolledBack: false,
    });
    expect(outcome.alert).toBeUndefined();
    expect(await world.running("good")).toBe(world.revisions[2]);
    const runs = await store.runsOf(serviceArnOf(world.cluster, "good"));
    expect(runs.map((run) => [run.revision, run.verdict])).toEqual([
      [world.revisions[2], "PASS"],
      [world.revisions[1], "PASS"],
    ]);
    expect(runs[0].provenance).toMatchObject({ recordedBy: "readiness-deployment-gate", trigger: "deployment-event" });
    expect(await store.lastKnownGood(serviceArnOf(world.cluster, "good"))).toBe(world.revisions[2]);
    const evaluations = configMock.commandCalls(StartConfigRulesEvaluationCommand);
    expect(evaluations.length).toBeGreaterThanOrEqual(2);
    expect(evaluations[0].args[0].input).toEqual({ ConfigRuleNames: [POST_DEPLOY_SMOKE_RULE] });
  });

  it.each(FAULTS)(
    "Noncompliance (%s): the deployment FAILs with the fault's reason and is rolled back to revision 1",
    async (fault, reason) => {
      const service = `fault-${fault}`;
      await baseline(service);
      const outcome = await complete(service, await deploy(service, 2, fault));
      expect(outcome.verdict).toBe("FAIL");
      expect(outcome.reason).toMatch(reason);
      expect(outcome).toMatchObject({ revision: world.revisions[2], rolledBack: true, rollbackTo: world.revisions[1] });
      expect(await world.running(service)).toBe(world.revisions[1]);
      const rollbacks = await store.rollbacksOf(world.revisions[2]);
      expect(rollbacks.filter((r) => r.service === serviceArnOf(world.cluster, service))).toHaveLength(1);
    },
  );

  it("Noncompliance: with no known good revision there is no rollback, and an alert", async () => {
    const outcome = await complete("first-broken", await deploy("first-broken", 2, "api-5xx"));
    expect(outcome).toMatchObject({ verdict: "FAIL", rolledBack: false });
    expect(outcome.rollbackTo).toBeUndefined();
    expect(outcome.alert).toMatch(/^no known good revision of first-broken to roll back to/);
    expect(await world.running("first-broken")).toBe(world.revisions[2]);
  });

  it("a rollback's own completion event does not trigger another rollback, and a revision is rolled back at most once", async () => {
    const arn = serviceArnOf(world.cluster, "loop");
    await baseline("loop");
    const failed = await complete("loop", await deploy("loop", 2, "wrong-result"));
    expect(failed).toMatchObject({ verdict: "FAIL", rolledBack: true, rollbackTo: world.revisions[1] });
    // Worst case: the rollback completes while the service still answers wrongly.
    const rollbackCompleted = await complete("loop", `ecs-svc/rollback-${Date.now()}`);
    expect(rollbackCompleted).toMatchObject({ verdict: "FAIL", revision: world.revisions[1], rolledBack: false });
    expect(rollbackCompleted.alert).toMatch(/own rollback .* not rolled back again \(loop guard\)/);
    // The completed rollback is rollback-tested evidence: it restored a revision that still fails.
    const evidence = await latestEvidence(
      ResultsTable.on(world.clients.dynamodb, RESULTS_TABLE),
      arn,
      "rollback-tested",
    );
    expect(evidence).toMatchObject({ verdict: "fail", revision: world.revisions[1] });
    expect(evidence?.reason).toMatch(/restored revision failed its smoke test: result\.output mismatch/);
    expect(await world.running("loop")).toBe(world.revisions[1]);
    expect(await store.rollbacksOf(world.revisions[1])).toEqual([]);

    // A person deploys the broken revision again: it already had its one automatic rollback.
    const again = await complete("loop", await deploy("loop", 2, "wrong-result"));
    expect(again).toMatchObject({ verdict: "FAIL", rolledBack: false });
    expect(again.alert).toMatch(/already rolled back once/);
    expect(await world.running("loop")).toBe(world.revisions[2]);
    expect((await store.rollbacksOf(world.revisions[2])).filter((r) => r.service === arn)).toHaveLength(1);
  });

  it("Compliance: the gate's completed rollback to a working revision records passing rollback-tested evidence", async () => {
    const arn = serviceArnOf(world.cluster, "restored");
    await baseline("restored");
    const failed = await complete("restored", await deploy("restored", 2, "never-complete"));
    expect(failed).toMatchObject({ verdict: "FAIL", rolledBack: true, rollbackTo: world.revisions[1] });
    // ECS deploys revision 1 again: the task service runs it, and its completion event reaches the gate.
    await taskService.restart({ revision: "1", fault: "none" });
    const restored = await complete("restored", `ecs-svc/rollback-${Date.now()}`);
    expect(restored).toMatchObject({ verdict: "PASS", revision: world.revisions[1] });
    const results = ResultsTable.on(world.clients.dynamodb, RESULTS_TABLE);
    const evidence = await latestEvidence(results, arn, "rollback-tested");
    expect(evidence).toMatchObject({
      itemId: "rollback-tested",
      verdict: "pass",
      revision: world.revisions[1],
      provenance: { source: "readiness-deployment-gate" },
      figures: { fromRevision: world.revisions[2], method: "UpdateService", restoredSmokeVerdict: "PASS" },
    });
    // From the failed deployment's event to the rollback's completion event: the smoke test's 3 s at least.
    expect(evidence?.figures.restoreSeconds).toBeGreaterThanOrEqual(3);
    expect(evidence?.reason).toMatch(
      /^automatic rollback \(UpdateService\) from .+ restored .+ [\d.]+ s after the deployment; it passed its smoke test$/,
    );
  });

  it("50 concurrent copies of one event give one smoke run and at most one rollback", async () => {
    const arn = serviceArnOf(world.cluster, "dup");
    await baseline("dup");
    const deploymentId = await deploy("dup", 3, "api-5xx");
    const body = JSON.stringify(deploymentEvent({ cluster: world.cluster, service: "dup", deploymentId }));
    const copies = Array.from({ length: 50 }, () => sqsRecord(body));
    const responses = await Promise.all(copies.map((record) => handler(sqsEvent(record), lambdaContext())));
    const retried = responses.flatMap((r) => r.batchItemFailures.map((f) => f.itemIdentifier));
    // Copies that met the first one in progress fail and are redelivered; then they get the stored outcome.
    const redelivered = await handler(
      sqsEvent(...copies.filter((c) => retried.includes(c.messageId))),
      lambdaContext(),
    );
    expect(redelivered.batchItemFailures).toEqual([]);

    const runs = await store.runsOf(arn, { revision: world.revisions[3] });
    expect(runs).toHaveLength(1);
    expect(runs[0].verdict).toBe("FAIL");
    expect((await store.rollbacksOf(world.revisions[3])).filter((r) => r.service === arn)).toHaveLength(1);
    expect(await world.running("dup")).toBe(world.revisions[1]);
    const outcomes = (await world.outcomes(1)).filter((o) => o.deploymentId === deploymentId);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ verdict: "FAIL", rolledBack: true });
  });

  it("a FAILED deployment (circuit breaker) is recorded and announced", async () => {
    const event = deploymentEvent({
      cluster: world.cluster,
      service: "good",
      eventName: "SERVICE_DEPLOYMENT_FAILED",
      reason: "ECS deployment circuit breaker: tasks failed to start.",
    });
    const response = await handler(sqsEvent(sqsRecord(JSON.stringify(event))), lambdaContext());
    expect(response.batchItemFailures).toEqual([]);
    const [outcome] = await world.outcomes(2);
    expect(outcome).toMatchObject({
      eventName: "SERVICE_DEPLOYMENT_FAILED",
      verdict: "RECORDED",
      reason: "deployment failed: ECS deployment circuit breaker: tasks failed to start.",
      rolledBack: false,
    });
    const recorded = await store.outcomesOf(serviceArnOf(world.cluster, "good"), 1);
    expect(recorded[0]).toMatchObject({ verdict: "RECORDED", eventName: "SERVICE_DEPLOYMENT_FAILED" });
  });

  it("Noncompliance (early check): an IN_PROGRESS deployment that fails is stopped with an ECS rollback", async () => {
    await baseline("early");
    const deploymentId = await deploy("early", 2, "api-5xx");
    const serviceDeploymentArn = `arn:aws:ecs:us-east-1:123456789012:service-deployment/${world.cluster}/early/ejGvqq2ilnbKT9qj0vLJe`;
    // moto lacks the service-deployment APIs: they are mocked; DescribeServices is passed to moto.
    const ecs = new ECSClient(moto.clientConfig());
    const ecsMock = mockClient(ecs);
    ecsMock
      .on(DescribeServicesCommand)
      .callsFake((input) => world.clients.ecs.send(new DescribeServicesCommand(input)));
    // Served by the contract fake: requests ECS would refuse are refused here too.
    const serviceDeployments = stubServiceDeployments(ecsMock, [
      { serviceDeploymentArn, serviceArn: serviceArnOf(world.cluster, "early"), status: "IN_PROGRESS" },
    ]);
    handler = gateWith({ clients: { ...world.clients, ecs, config: mockedConfig } });
    try {
      const event = deploymentEvent({
        cluster: world.cluster,
        service: "early",
        deploymentId,
        eventName: "SERVICE_DEPLOYMENT_IN_PROGRESS",
      });
      const response = await handler(sqsEvent(sqsRecord(JSON.stringify(event))), lambdaContext());
      expect(response.batchItemFailures).toEqual([]);
    } finally {
      handler = gateWith({ clients: { ...world.clients, config: mockedConfig } });
    }
    const [outcome] = await world.outcomes(2);
    expect(outcome).toMatchObject({
      eventName: "SERVICE_DEPLOYMENT_IN_PROGRESS",
      verdict: "FAIL",
      revision: world.revisions[2],
      rolledBack: true,
      rollbackTo: "ecs-native",
    });
    expect(ecsMock.commandCalls(ListServiceDeploymentsCommand)[0].args[0].input).toMatchObject({
      cluster: world.cluster,
      service: "early",
      status: ["PENDING", "IN_PROGRESS"],
    });
    expect(ecsMock.commandCalls(StopServiceDeploymentCommand).map((c) => c.args[0].input)).toEqual([
      { serviceDeploymentArn, stopType: "ROLLBACK" },
    ]);
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(0);
    expect(serviceDeployments.deployments().map((d) => d.status)).toEqual(["ROLLBACK_REQUESTED"]);

    // ECS rolls back to revision 1 (played here with UpdateService), the service still broken:
    // the completion of that ECS-native rollback is the gate's own, and is not rolled back.
    const rollbackDeployment = await world.deploy("early", 1);
    const completed = await complete("early", rollbackDeployment);
    expect(completed).toMatchObject({ verdict: "FAIL", revision: world.revisions[1], rolledBack: false });
    expect(completed.alert).toMatch(/not rolled back again \(loop guard\)/);
    expect(await world.running("early")).toBe(world.revisions[1]);
  });

  it("NotApplicable: IN_PROGRESS of a service without early check, and services not in readiness.yml, are ignored", async () => {
    const inProgress = deploymentEvent({
      cluster: world.cluster,
      service: "good",
      eventName: "SERVICE_DEPLOYMENT_IN_PROGRESS",
    });
    const unknown = deploymentEvent({ cluster: world.cluster, service: "not-in-scope" });
    const response = await handler(
      sqsEvent(sqsRecord(JSON.stringify(inProgress)), sqsRecord(JSON.stringify(unknown))),
      lambdaContext(),
    );
    expect(response.batchItemFailures).toEqual([]);
    const outcomes = await world.outcomes(2);
    expect(outcomes.map((o) => [o.verdict, o.reason])).toEqual([
      ["IGNORED", "in progress; early check not enabled for this service"],
      ["IGNORED", "service not in readiness.yml (or it has no smoke endpoint)"],
    ]);
  });

  it("an endpoint without StartConfigRulesEvaluation (moto) only logs a warning: the gate still decides", async () => {
    // The real SDK client against moto, which answers this API with an error.
    handler = gateWith({
      clients: { ...world.clients, config: new ConfigServiceClient({ ...moto.clientConfig(), maxAttempts: 1 }) },
    });
    const lines: string[] = [];
    // Powertools writes warnings to stderr, the rest to stdout.
    const capture = (chunk: unknown): boolean => {
      lines.push(String(chunk));
      return true;
    };
    const spies = [
      vi.spyOn(process.stdout, "write").mockImplementation(capture),
      vi.spyOn(process.stderr, "write").mockImplementation(capture),
    ];
    try {
      const event = deploymentEvent({
        cluster: world.cluster,
        service: "good",
        eventName: "SERVICE_DEPLOYMENT_FAILED",
      });
      const response = await handler(sqsEvent(sqsRecord(JSON.stringify(event))), lambdaContext());
      expect(response.batchItemFailures).toEqual([]);
    } finally {
      for (const spy of spies) spy.mockRestore();
      handler = gateWith({ clients: { ...world.clients, config: mockedConfig } });
    }
    const warnings = lines
      .flatMap((chunk) => chunk.split("\n"))
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.level === "WARN");
    expect(warnings.map((w) => w.message)).toContain(
      "could not start the Config rule evaluation; the console catches up at the next scheduled run",
    );
    const [outcome] = await world.outcomes(2);
    expect(outcome.verdict).toBe("RECORDED");
  });
});
