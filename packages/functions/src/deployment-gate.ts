import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  makeIdempotent,
} from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import {
  createGate,
  type EcsDeploymentEvent,
  type GateOutcome,
  createGateClients,
  type GateOverrides,
  MalformedDeploymentEventError,
  parseDeploymentMessage,
  readGateSettings,
} from "@readiness/core/gate/gate/index";
import { lazySecretsManagerLoader } from "@readiness/core/gate/gate/secrets";
import { createObservability, errorAttributes, withInvocationKeys } from "@readiness/core/kernel/observability/index";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { lazyClients } from "@readiness/core/kernel/sdk-clients";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";

/**
 * The post-deploy gate: SQS records from the EventBridge rule (aws.ecs / ECS Deployment State
 * Change) → one gate decision per event. Idempotent on deploymentId + eventName (Powertools,
 * DynamoDB), so duplicate and concurrent deliveries give one smoke run and at most one rollback: a
 * copy arriving while the first is in progress fails its record and is retried later, a copy
 * arriving after it gets the stored outcome. Failed records are reported in `batchItemFailures`
 * (the queue retries them, then dead-letters them). All logic is in core.
 */
const { logger, tracedClient, log } = createObservability("readiness-deployment-gate");

const idempotency = new IdempotencyConfig({
  eventKeyJmesPath: "[detail.deploymentId, detail.eventName]",
  throwOnNoIdempotencyKey: true,
  expiresAfterSeconds: 7 * 86_400,
});

type Decide = (event: EcsDeploymentEvent) => Promise<GateOutcome>;
type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * The handler, constructed once per container from the environment's settings. Tests, benchmarks
 * and the demo construct their own with `overrides` (the emulator's clients, a smoke test, a step
 * hook) instead of swapping module state; Lambda uses `handler`, constructed with none.
 */
export const createDeploymentGateHandler = (
  overrides: GateOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): Handler => {
  const settings = readGateSettings(env, { idempotencyTable: true });
  if (settings.unGated.length > 0)
    logger.warn("services without a smoke endpoint are not gated", { services: settings.unGated });
  const clientsOf = lazyClients(() => createGateClients(settings, tracedClient), overrides.clients);
  let decideOnce: Decide | undefined;

  /** The gate and its idempotency layer, built at the first invocation (the clients with it). */
  const decider = (): Decide => {
    if (decideOnce) return decideOnce;
    const clients = clientsOf();
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
      loadSecret: lazySecretsManagerLoader(settings, tracedClient),
      ...(overrides.smoke ? { smoke: overrides.smoke } : {}),
      ...(overrides.onStep ? { onStep: overrides.onStep } : {}),
    });
    const persistenceStore = new DynamoDBPersistenceLayer({
      // Required at construction (readGateSettings with idempotencyTable: true).
      tableName: settings.idempotencyTableName ?? "",
      awsSdkV3Client: clients.dynamodb,
    });
    decideOnce = makeIdempotent((event: EcsDeploymentEvent) => gate.handle(event), {
      persistenceStore,
      config: idempotency,
    });
    return decideOnce;
  };

  return async (event, context) =>
    withInvocationKeys(logger, async () => {
      logger.addContext(context);
      idempotency.registerLambdaContext(context);
      if (!Array.isArray(event?.Records))
        throw new MalformedDeploymentEventError(
          "Records",
          "the function expects an SQS event",
          "subscribe it to the gate's queue",
        );
      const decide = decider();
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
};

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

export const handler = createDeploymentGateHandler();
