import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ECSClient } from "@aws-sdk/client-ecs";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SQSClient } from "@aws-sdk/client-sqs";
import type { ReadinessConfig } from "@readiness/core/checklist/config/schema";
import type { SmokeSettings } from "@readiness/core/checklist/config/smoke-settings";
import type { GateClients } from "@readiness/core/gate/gate/clients";
import { sdkConfigFor } from "../emulator/client-config";
import { type Emulator, startEmulator } from "../emulator/moto";
import { makeThrowawayPki, mutualTlsServerEnv, type ThrowawayPki } from "../smoke/throwaway-certs";
import type { Cleanup } from "./cleanup";
import { describeRunning, type RunningService, type ServiceRef } from "./ecs";
import { DemoError } from "./errors";
import { awslogsDestinationOf, type LogDestination, LogShipper } from "./log-shipper";
import { routeOutcomesToQueue } from "./outcomes";
import { createGateTables, DEMO_TABLES } from "./tables";
import type { Timeline } from "./timeline";
import type { DemoDeps, DemoPlatform, DemoTaskService } from "./types";

/** The example platform's API service: the one the story deploys, breaks and rolls back. */
export const API_SERVICE: ServiceRef = { cluster: "task-platform", service: "task-api" };
/** The example platform's worker service: the drills stop its workers. */
export const WORKER_SERVICE: ServiceRef = { cluster: "task-platform", service: "task-worker" };
/** Each process role of the local service, and the ECS service whose log group its lines belong in. */
const SERVICE_OF_ROLE: Readonly<Record<string, string>> = {
  api: "task-api",
  worker: "task-worker",
  "dlq-processor": "task-dlq-processor",
};

/**
 * The gate's smoke test of the local API: a never-completing task is given 8 s (long enough for a
 * healthy task on a busy laptop, short enough not to drag the story), and the submit SLO is
 * generous because the local API writes to an emulator on a shared machine, not to DynamoDB next
 * door: the story is about the broken revision, not about latency.
 */
export const DEMO_SMOKE: SmokeSettings = {
  timeouts: { requestMs: 5_000, completionMs: 8_000 },
  poll: { initialMs: 100, maxMs: 500, factor: 2 },
  sloSubmitMs: 5_000,
  retries: 1,
};

export interface DemoWorld {
  readonly emulator: Emulator;
  readonly region: string;
  readonly platform: DemoPlatform;
  readonly clients: GateClients & { readonly sqs: SQSClient };
  readonly outcomeQueueUrl: string;
  readonly service: DemoTaskService;
  /** What the emulator's ECS said the API service runs right after provisioning: the deployed baseline. */
  readonly baseline: RunningService;
  /** readiness.yml with the API's smoke endpoint: what the gate is configured with. */
  readonly gateConfig: ReadinessConfig;
  /** The full story's client certificate: the API asks for one (mutual TLS). */
  readonly clientTls?: { readonly caFile: string; readonly certFile: string; readonly keyFile: string };
  /** The environment the service's processes get beyond the emulator's (its TLS material). */
  readonly serviceEnv: Readonly<Record<string, string>>;
  /** The full story's awslogs stand-in: the service's lines, shipped to its log groups. */
  readonly logs?: LogShipper;
}

/** What the full story adds to the world; the quick one runs without. */
export interface WorldExtras {
  readonly mutualTls: boolean;
  readonly shipLogs: boolean;
}

/**
 * Brings the world up, registering each part with `cleanup` as soon as it runs: the emulator,
 * the example platform on it, the gate's tables and outcome route, and the local task service
 * running what the emulator's ECS service runs (the deployed baseline).
 */
export const setUpWorld = async (
  deps: DemoDeps,
  config: ReadinessConfig,
  region: string,
  timeline: Timeline,
  cleanup: Cleanup,
  extras: WorldExtras = { mutualTls: false, shipLogs: false },
): Promise<DemoWorld> => {
  const emulator = await timeline.slow("starting the emulator (moto server)", () =>
    (deps.startEmulator ?? (() => startEmulator({ extensions: ["iam-simulate-principal-policy"] })))(),
  );
  cleanup.add("the emulator", () => emulator.stop());
  timeline.line("ok", `emulator up at ${emulator.endpoint}`);
  timeline.line(
    "info",
    "moto lacks IAM SimulatePrincipalPolicy: readiness's moto extension answers it with moto's own policy engine over the roles' stored policies",
  );

  const platform = await timeline.slow("provisioning the example platform (compliant variant) on the emulator", () =>
    deps.provisionPlatform(emulator.endpoint, region),
  );
  timeline.line(
    "ok",
    `platform ${platform.stackName} provisioned: cluster task-platform, services task-api, task-worker, task-dlq-processor`,
  );
  if (platform.gaps.length > 0)
    timeline.line(
      "info",
      `what moto cannot hold: ${platform.gaps.map((g) => `${g.resource} ${g.property}`).join(", ")}`,
    );
  for (const note of platform.notes ?? []) timeline.line("info", note);

  const sdk = sdkConfigFor(emulator.endpoint, region);
  const clients = {
    ecs: new ECSClient(sdk),
    dynamodb: new DynamoDBClient(sdk),
    events: new EventBridgeClient(sdk),
    config: new ConfigServiceClient(sdk),
    sqs: new SQSClient(sdk),
  };
  cleanup.add("the SDK clients", () => {
    for (const client of Object.values(clients)) client.destroy();
  });
  await createGateTables(clients.dynamodb);
  const outcomeQueueUrl = await routeOutcomesToQueue(clients.events, clients.sqs);
  timeline.line(
    "ok",
    `gate storage: tables ${DEMO_TABLES.results} and ${DEMO_TABLES.idempotency}; outcome events (source readiness) routed to an SQS queue`,
  );

  const baseline = await describeRunning(clients.ecs, API_SERVICE);
  const revision = baseline.taskDefinitionArn.slice(baseline.taskDefinitionArn.lastIndexOf(":") + 1);
  const pki = extras.mutualTls ? makePki(timeline, cleanup) : undefined;
  // A task takes a second of work, as real work does: the drills need tasks in flight when they strike.
  const serviceEnv = pki ? { ...mutualTlsServerEnv(pki), WORKER_PROCESSING_MS: "1000" } : {};
  const logs = extras.shipLogs ? await shipLogs(clients.ecs, sdk, timeline, cleanup) : undefined;
  const service = await timeline.slow(
    `starting the example task service (API, worker, DLQ processor) on ${baseline.shortName}`,
    () =>
      deps.startTaskService({
        endpoint: emulator.endpoint,
        region,
        revision,
        fault: baseline.fault,
        env: serviceEnv,
        ...(logs ? { onLine: (role: string, line: string) => logs.line(role, line) } : {}),
        replaceStoppedWorker: extras.mutualTls || extras.shipLogs,
      }),
  );
  cleanup.add("the task service", () => service.stop());
  timeline.line(
    "ok",
    `${baseline.shortName} deployed: ${API_SERVICE.service} runs it; the local service answers at ${service.httpUrl} (gRPC ${service.grpcTarget}, pids ${service.pids().join(", ")})`,
  );
  return {
    emulator,
    region,
    platform,
    clients,
    outcomeQueueUrl,
    service,
    baseline,
    gateConfig: withApiSmoke(config, service.httpUrl, pki),
    serviceEnv,
    ...(pki ? { clientTls: clientTlsOf(pki) } : {}),
    ...(logs ? { logs } : {}),
  };
};

const clientTlsOf = (pki: ThrowawayPki) => ({
  caFile: pki.caFile,
  certFile: pki.clientCertFile,
  keyFile: pki.clientKeyFile,
});

/** A CA, the API's server certificate and a client certificate, made with openssl for this run only. */
const makePki = (timeline: Timeline, cleanup: Cleanup): ThrowawayPki => {
  const pki = makeThrowawayPki();
  cleanup.add("the throwaway certificates", async () => pki.remove());
  timeline.line(
    "ok",
    "mutual TLS: a throwaway CA, the API's certificate and a client certificate (openssl); the API refuses clients without one",
  );
  return pki;
};

/** The awslogs driver's stand-in: each role's lines go to the log group its ECS task definition names. */
const shipLogs = async (
  ecs: ECSClient,
  sdk: ReturnType<typeof sdkConfigFor>,
  timeline: Timeline,
  cleanup: Cleanup,
): Promise<LogShipper> => {
  const destinations = new Map<string, LogDestination>();
  for (const [role, service] of Object.entries(SERVICE_OF_ROLE))
    destinations.set(role, await awslogsDestinationOf(ecs, API_SERVICE.cluster, service));
  const client = new CloudWatchLogsClient(sdk);
  const shipper = new LogShipper(client, destinations);
  cleanup.add("the log shipping", async () => {
    await shipper.stop().catch(() => undefined);
    client.destroy();
  });
  timeline.line(
    "ok",
    `log shipping: each process's lines go to ${[...destinations.values()].map((d) => d.group).join(", ")} (as ECS's awslogs driver would)`,
  );
  return shipper;
};

/** readiness.yml with the API service's smoke test pointed at the local service (with the client certificate). */
export const withApiSmoke = (config: ReadinessConfig, endpoint: string, pki?: ThrowawayPki): ReadinessConfig => {
  const index = config.services.findIndex((s) => s.service === API_SERVICE.service);
  if (index < 0) throw new DemoError(`readiness.yml has no service ${API_SERVICE.service}`);
  const tls = pki ? { tls: clientTlsOf(pki) } : {};
  const services = config.services.map((s, i) =>
    i === index ? { ...s, smoke: { ...DEMO_SMOKE, ...s.smoke, protocol: "http" as const, endpoint, ...tls } } : s,
  );
  return { ...config, services };
};
