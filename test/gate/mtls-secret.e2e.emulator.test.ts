/*
 * The gate smoke-tests an API that requires mutual TLS, with the client certificate read from
 * Secrets Manager (`smoke.tls.secretId`): the real example task service with TLS on, the secret in
 * the emulator, the deployment event through the Lambda entry point. StartConfigRulesEvaluation is
 * mocked (moto lacks it); everything else is the emulator.
 */
import { readFileSync } from "node:fs";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { DescribeServicesCommand } from "@aws-sdk/client-ecs";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { checkLive } from "@readiness/core/checklist/check/check-live";
import { readinessConfigSchema } from "@readiness/core/checklist/config/schema";
import { latestEvidence } from "@readiness/core/kernel/results/evidence";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import type { GateOverrides } from "@readiness/core/gate/gate/clients";
import { makeThrowawayPki, mutualTlsServerEnv, type ThrowawayPki } from "@readiness/devkit/smoke/throwaway-certs";
import { answerStartConfigRulesEvaluation } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService } from "@readiness/example-task-service/runner";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deploymentEvent, lambdaContext, sqsEvent, sqsRecord } from "./fixtures";
import { createGateWorld, type GateWorld, RESULTS_TABLE, setGateEnv } from "./world";

const moto = useEmulator();
type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
let world: GateWorld;
let pki: ThrowawayPki;
let secured: RunningTaskService;
let handler: Handler;
let restoreEnv: () => void;
/** A deployment gate function constructed with the test's clients (a new container, the same module). */
let gateWith: (overrides: GateOverrides) => Handler;
const mockedConfig = new ConfigServiceClient({ region: "us-east-1" });
const configMock = mockClient(mockedConfig);

beforeAll(async () => {
  world = await createGateWorld(moto.clientConfig(), { cluster: "mtls" });
  await world.createService("secure-api");
  await world.createService("no-secret-api");
  pki = makeThrowawayPki();
  secured = await startTaskService({
    endpoint: moto.emulator.endpoint,
    revision: "1",
    names: { table: "tasks-mtls", queue: "tasks-mtls-queue", dlq: "tasks-mtls-dlq" },
    env: {
      ...mutualTlsServerEnv(pki),
      WORKER_WAIT_SECONDS: "1",
    },
  });
  const secrets = new SecretsManagerClient(moto.clientConfig());
  await secrets.send(
    new CreateSecretCommand({
      Name: "gate/smoke-client",
      SecretString: JSON.stringify({
        cert: readFileSync(pki.clientCertFile, "utf8"),
        key: readFileSync(pki.clientKeyFile, "utf8"),
        ca: readFileSync(pki.caFile, "utf8"),
      }),
    }),
  );
  secrets.destroy();
  const endpoint = secured.httpUrl.replace(/^http:/, "https:");
  const smoke = (secretId: string) => ({
    protocol: "http",
    endpoint,
    tls: { secretId },
    timeouts: { requestMs: 5_000, completionMs: 5_000 },
    poll: { initialMs: 50, maxMs: 400, factor: 2 },
    sloSubmitMs: 1_000,
    retries: 0,
  });
  restoreEnv = setGateEnv(moto.emulator.endpoint, {
    version: 1,
    services: [
      { cluster: world.cluster, service: "secure-api", role: "api", smoke: smoke("gate/smoke-client") },
      { cluster: world.cluster, service: "no-secret-api", role: "api", smoke: smoke("gate/missing") },
    ],
  });
  vi.resetModules();
  const { createDeploymentGateHandler } = await import("@readiness/functions/deployment-gate");
  gateWith = (overrides) => createDeploymentGateHandler(overrides) as Handler;
  handler = gateWith({ clients: { ...world.clients, config: mockedConfig } });
  answerStartConfigRulesEvaluation(configMock);
});

afterAll(async () => {
  configMock.restore();
  restoreEnv?.();
  await secured?.stop();
  pki?.remove();
});

const completeOutcome = async (service: string) => {
  const deploymentId = await world.deploy(service, 1);
  const event = deploymentEvent({ cluster: world.cluster, service, deploymentId });
  const response = await handler(sqsEvent(sqsRecord(JSON.stringify(event))), lambdaContext());
  expect(response.batchItemFailures).toEqual([]);
  const outcomes = await world.outcomes(1);
  expect(outcomes).toHaveLength(1);
  return outcomes[0] as { verdict: string; reason: string; rolledBack: boolean };
};

describe("the gate against an API that requires mutual TLS", () => {
  it("Compliance: the client certificate comes from Secrets Manager and the smoke test passes", async () => {
    expect(await completeOutcome("secure-api")).toMatchObject({ verdict: "PASS", rolledBack: false });
  });

  it("Inconclusive, no rollback: the named secret does not exist", async () => {
    const outcome = await completeOutcome("no-secret-api");
    expect(outcome).toMatchObject({ verdict: "INCONCLUSIVE", rolledBack: false });
    expect(outcome.reason).toContain("gate/missing");
    // Without the certificate the handshake probe decides nothing, so nothing is recorded.
    expect(await mtlsEvidence("no-secret-api")).toBeUndefined();
  });

  it("Compliance: the gate records its mTLS handshake probe, and check --live passes mtls on it", async () => {
    expect(await completeOutcome("secure-api")).toMatchObject({ verdict: "PASS" });
    const evidence = await mtlsEvidence("secure-api");
    expect(evidence).toMatchObject({
      itemId: "mtls",
      revision: await world.running("secure-api"),
      verdict: "pass",
      provenance: { source: "readiness-deployment-gate" },
      figures: {
        protocol: "http",
        handshakeWithCertificate: "accepted",
        handshakeWithoutCertificate: "refused",
        certificateAccepted: true,
        clientCertificateRequired: true,
      },
    });

    // No load balancer in this world: the configuration is undecided and the recorded probe decides the item.
    const { report } = await checkLive({
      config: readinessConfigSchema.parse({
        version: 1,
        services: [{ cluster: world.cluster, service: "secure-api", role: "api" }],
      }),
      endpoint: moto.emulator.endpoint,
      region: "us-east-1",
      resultsTable: RESULTS_TABLE,
      only: ["mtls"],
    });
    const [item] = report.items;
    expect(item?.parts.map((p) => p.status)).toEqual(["unknown", "pass"]);
    expect(item?.status, item?.summary).toBe("pass");
    expect(item?.summary).toMatch(
      /^secure-api: mTLS handshake probe of 127\.0\.0\.1:\d+: a handshake without a client certificate is refused/,
    );
  });
});

const serviceArnOf = async (service: string): Promise<string> => {
  const { services } = await world.clients.ecs.send(
    new DescribeServicesCommand({ cluster: world.cluster, services: [service] }),
  );
  return services?.[0]?.serviceArn ?? "";
};

const mtlsEvidence = async (service: string) =>
  latestEvidence(ResultsTable.on(world.clients.dynamodb, RESULTS_TABLE), await serviceArnOf(service), "mtls");
