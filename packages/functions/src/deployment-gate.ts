import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  makeIdempotent,
} from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import {
  createGate,
  type EcsDeploymentEvent,
  type GateClients,
  type GateOutcome,
  gateClients,
  gateOverrides,
  MalformedDeploymentEventError,
  parseDeploymentMessage,
  readGateSettings,
} from "@readiness/core/gate/gate/index";
import { lazySecretsManagerLoader } from "@readiness/core/gate/gate/secrets";
import { createObservability, errorAttributes, traced, withInvocationKeys } from "@readiness/core/kernel/observability/index";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";

/**
 * The post-deploy gate: SQS records from the EventBridge rule (aws.ecs / ECS Deployment State
 * Change) → one gate decision per event. Idempotent on deploymentId + eventName (Powertools,
 * DynamoDB), so duplicate and concurrent deliveries give one smoke run and at most one rollback: a
 * copy arriving while the first is in progress fails its record and is retried later, a copy
 * arriving after it gets the stored outcome. Failed records are reported in `batchItemFailures`
 * (the queue retries them, then dead-letters them). All logic is in core.
 */
const { logger, tracer, log } = createObservability("readiness-deployment-gate");
const settings = readGateSettings(process.env, { idempotencyTable: true });
if (settings.unGated.length > 0)
  logger.warn("services without a smoke endpoint are not gated", { services: settings.unGated });

const idempotency = new IdempotencyConfig({
  eventKeyJmesPath: "[detail.deploymentId, detail.eventName]",
  throwOnNoIdempotencyKey: true,
  expiresAfterSeconds: 7 * 86_400,
});

type Decide = (event: EcsDeploymentEvent) => Promise<GateOutcome>;
let runtime: { clients: GateClients; decide: Decide; overrides: object } | undefined;

/** The gate wired to the current clients; rebuilt when a test or benchmark swaps them. */
const gateRuntime = (): { decide: Decide } => {
  const clients = gateClients(settings, (client) => traced(tracer, client));
  const overrides = gateOverrides();
  if (runtime?.clients === clients && runtime.overrides === overrides) return runtime;
  const gate = createGate({
    ecs: clients.ecs,
    events: clients.events,
    config: clients.config,
    results: ResultsTable.on(clients.dynamodb, settings.resultsTableName),
    eventBusName: settings.eventBusName,
    postDeploySmokeRule: settings.postDeploySmokeRule,
    services: settings.services,
    log,
    commit: settings.commit,
    loadSecret: lazySecretsManagerLoader(settings, (client) => traced(tracer, client)),
    ...(overrides.smoke ? { smoke: overrides.smoke } : {}),
    ...(overrides.onStep ? { onStep: overrides.onStep } : {}),
  });
  const persistenceStore = new DynamoDBPersistenceLayer({
    // Required at cold start (readGateSettings with idempotencyTable: true).
    tableName: settings.idempotencyTableName ?? "",
    awsSdkV3Client: clients.dynamodb,
  });
  const decide = makeIdempotent((event: EcsDeploymentEvent) => gate.handle(event), {
    persistenceStore,
    config: idempotency,
  });
  runtime = { clients, decide, overrides };
  return runtime;
};

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  withInvocationKeys(logger, async () => {
    logger.addContext(context);
    idempotency.registerLambdaContext(context);
    if (!Array.isArray(event?.Records))
      throw new MalformedDeploymentEventError(
        "Records",
        "the function expects an SQS event",
        "subscribe it to the gate's queue",
      );
    const { decide } = gateRuntime();
    const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
    // One record at a time: each logs with its own deploymentId and service keys.
    for (const record of event.Records) {
      try {
        await processRecord(record, decide);
      } catch (error) {
        batchItemFailures.push({ itemIdentifier: record.messageId });
        if (error instanceof IdempotencyAlreadyInProgressError)
          log.info("the same deployment event is being processed already; retried later", {
            messageId: record.messageId,
          });
        else log.error("deployment event failed", { messageId: record.messageId, ...errorAttributes(error) });
      } finally {
        logger.removeKeys(["deploymentId", "ecsService", "eventName"]);
      }
    }
    return { batchItemFailures };
  });

const processRecord = async (record: SQSRecord, decide: Decide): Promise<void> => {
  const deployment = parseDeploymentMessage(record.body);
  logger.appendKeys({
    deploymentId: deployment.detail.deploymentId,
    ecsService: deployment.serviceArn,
    eventName: deployment.detail.eventName,
  });
  const outcome = await decide(deployment);
  log.info("deployment event handled", { verdict: outcome.verdict, rolledBack: outcome.rolledBack });
};
