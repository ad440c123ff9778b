/**
 * The gate's own overhead against the local example task service and the emulator, through the
 * Lambda entry point (SQS record → idempotency → gate), over N runs each:
 *   (a) from handing the event to the handler to the first smoke request (connect or submit);
 *   (b) from a FAIL verdict (smoke finished) to the UpdateService call of the rollback.
 * Budgets (DESIGN.md): ≤ 200 ms each. Figures are wall-clock on a shared machine: see the load line.
 *
 *   npx tsx bench/gate-overhead.ts [runs]   (default 20)
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ECSClient } from "@aws-sdk/client-ecs";
import { defaultOpenTransport, runSmokeTest } from "@readiness/core/gate/smoke/runner";
import type { TaskTransport } from "@readiness/core/gate/smoke/transport";
import { sdkConfigFor } from "@readiness/devkit/emulator/client-config";
import { startEmulator } from "@readiness/devkit/emulator/moto";
import { startTaskService } from "@readiness/example-task-service/runner";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { deploymentEvent, lambdaContext, sqsEvent, sqsRecord } from "../test/gate/fixtures";
import { createGateWorld, setGateEnv } from "../test/gate/world";
import { machineLine, ms, verdict } from "./support";

const RUNS = Number(process.argv[2] ?? 20);
const BUDGET_MS = 200;
const SMOKE = {
  timeouts: { requestMs: 5_000, completionMs: 5_000 },
  poll: { initialMs: 20, maxMs: 200, factor: 2 },
  sloSubmitMs: 1_000,
  retries: 0,
};

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const summary = (values: readonly number[]): string =>
  `median ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, max ${ms(Math.max(...values))} over ${values.length} runs`;

console.log(machineLine());
const emulator = await startEmulator();
const stops: (() => Promise<void> | void)[] = [() => emulator.stop()];
try {
  const sdk = sdkConfigFor(emulator.endpoint);
  const world = await createGateWorld(sdk, { revisions: RUNS + 2 });
  await world.createService("api");
  const taskService = await startTaskService({
    endpoint: emulator.endpoint,
    revision: "1",
    env: { WORKER_WAIT_SECONDS: "1" },
  });
  stops.unshift(() => taskService.stop());
  stops.push(
    setGateEnv(emulator.endpoint, {
      version: 1,
      smoke: { protocol: "http", endpoint: taskService.httpUrl, ...SMOKE },
      services: [{ cluster: world.cluster, service: "api", role: "api" }],
    }),
  );

  // Instruments: the first smoke request, the FAIL verdict, the UpdateService call.
  let firstRequestAt: number | undefined;
  let verdictAt: number | undefined;
  let updateServiceAt: number | undefined;
  const ecs = new ECSClient(sdk);
  ecs.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === "UpdateServiceCommand" && updateServiceAt === undefined)
        updateServiceAt = performance.now();
      return next(args);
    },
    { step: "initialize", name: "timeUpdateService" },
  );
  const firstRequest = (transport: TaskTransport): TaskTransport => {
    const mark = () => {
      firstRequestAt ??= performance.now();
    };
    return {
      connect: transport.connect
        ? (timeoutMs) => {
            mark();
            return transport.connect?.(timeoutMs) ?? Promise.resolve(undefined);
          }
        : undefined,
      submit: (call) => {
        mark();
        return transport.submit(call);
      },
      get: (call) => transport.get(call),
      close: () => transport.close(),
    };
  };

  const { createDeploymentGateHandler } = await import("@readiness/functions/deployment-gate");
  const handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> = createDeploymentGateHandler({
    clients: { ...world.clients, ecs, dynamodb: new DynamoDBClient(sdk) },
    smoke: (target, spec) =>
      runSmokeTest(target, spec, {
        openTransport: async (endpoint, tls) => firstRequest(await defaultOpenTransport(endpoint, tls)),
      }),
    onStep: (step) => {
      if (step.name === "smoke-finished" && step.detail?.startsWith("FAIL")) verdictAt = performance.now();
    },
  });

  const deliver = async (revision: number): Promise<void> => {
    const deploymentId = await world.deploy("api", revision);
    const event = deploymentEvent({ cluster: world.cluster, service: "api", deploymentId });
    const response = await handler(sqsEvent(sqsRecord(JSON.stringify(event))), lambdaContext());
    if (response.batchItemFailures.length > 0) throw new Error(`the gate failed on revision ${revision}`);
  };

  // (a) healthy deployments of revision 1: event handed over → first smoke request. One warm-up run first.
  const toFirstRequest: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    firstRequestAt = undefined;
    const handedAt = performance.now();
    await deliver(1);
    if (firstRequestAt === undefined) throw new Error("no smoke request was made");
    if (run > 0) toFirstRequest.push(firstRequestAt - handedAt);
  }

  // (b) broken revisions 2..RUNS+1 (api-5xx: each FAILs once and is rolled back to revision 1).
  await taskService.restart({ revision: "broken", fault: "api-5xx" });
  const toUpdateService: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    verdictAt = undefined;
    updateServiceAt = undefined;
    await deliver(run + 2);
    if (verdictAt === undefined || updateServiceAt === undefined)
      throw new Error(`revision ${run + 2} was not failed and rolled back`);
    toUpdateService.push(updateServiceAt - verdictAt);
  }

  console.log(`(a) event → first smoke request: ${summary(toFirstRequest)}`);
  console.log(`(b) FAIL verdict → UpdateService:  ${summary(toUpdateService)}`);
  console.log(machineLine());
  console.log(
    verdict(
      "event → first smoke request (p95)",
      ms(percentile(toFirstRequest, 95)),
      `${BUDGET_MS} ms`,
      percentile(toFirstRequest, 95) <= BUDGET_MS,
    ),
  );
  console.log(
    verdict(
      "FAIL verdict → UpdateService (p95)",
      ms(percentile(toUpdateService, 95)),
      `${BUDGET_MS} ms`,
      percentile(toUpdateService, 95) <= BUDGET_MS,
    ),
  );
} finally {
  for (const stop of stops) await stop();
}
