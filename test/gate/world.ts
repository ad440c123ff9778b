import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import type { GateClients } from "@readiness/core/gate/gate/clients";
import type { EmulatorClientConfig } from "@readiness/devkit/emulator/client-config";
import { serializeConditionalWrites } from "@readiness/devkit/emulator/serialized-writes";
import { createIdempotencyTable, createResultsTable } from "./tables";

export const RESULTS_TABLE = "readiness-results";
export const IDEMPOTENCY_TABLE = "readiness-idempotency";
export const POST_DEPLOY_SMOKE_RULE = "readiness-post-deploy-smoke";

/** The AWS side of the gate on the emulator: tables, an ECS cluster with task definition revisions, the outcome route. */
export interface GateWorld {
  readonly cluster: string;
  /** Task definition ARNs by revision number (index 0 unused). */
  readonly revisions: readonly string[];
  readonly clients: GateClients;
  readonly sqs: SQSClient;
  readonly outcomeQueueUrl: string;
  createService(service: string, revision?: number): Promise<void>;
  /** UpdateService to a revision (a new deployment); answers the deployment id ECS reports. */
  deploy(service: string, revision: number): Promise<string>;
  /** The task definition the service runs (DescribeServices). */
  running(service: string): Promise<string>;
  /** Outcome events routed to the outcome queue since the last call (their `detail`). */
  outcomes(waitSeconds?: number): Promise<Record<string, unknown>[]>;
}

export async function createGateWorld(
  sdk: EmulatorClientConfig,
  options: { cluster?: string; revisions?: number; family?: string } = {},
): Promise<GateWorld> {
  const cluster = options.cluster ?? "gate-e2e";
  const family = options.family ?? "tasks-api";
  const clients: GateClients = {
    ecs: new ECSClient(sdk),
    // Conditional writes one at a time, so the idempotency and rollback-once conditions hold under
    // the concurrency tests as they do on DynamoDB (moto checks and writes without a lock).
    dynamodb: serializeConditionalWrites(new DynamoDBClient(sdk)),
    events: new EventBridgeClient(sdk),
    config: new ConfigServiceClient({ ...sdk, maxAttempts: 1 }),
  };
  const sqs = new SQSClient(sdk);
  await createResultsTable(clients.dynamodb, RESULTS_TABLE);
  await createIdempotencyTable(clients.dynamodb, IDEMPOTENCY_TABLE);
  await clients.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  const revisions: string[] = [""];
  for (let n = 1; n <= (options.revisions ?? 6); n++) {
    const registered = await clients.ecs.send(
      new RegisterTaskDefinitionCommand({
        family,
        containerDefinitions: [{ name: "api", image: `example/task-service:${n}`, memory: 512, essential: true }],
      }),
    );
    revisions.push(registered.taskDefinition?.taskDefinitionArn ?? "");
  }

  // The outcome events, routed the way a subscriber would: a rule on the bus → an SQS queue.
  const outcomeQueueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: "gate-outcomes" }))).QueueUrl ?? "";
  const outcomeQueueArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: outcomeQueueUrl, AttributeNames: ["QueueArn"] }))
  ).Attributes?.QueueArn;
  await clients.events.send(
    new PutRuleCommand({ Name: "gate-outcomes", EventPattern: JSON.stringify({ source: ["readiness"] }) }),
  );
  await clients.events.send(
    new PutTargetsCommand({ Rule: "gate-outcomes", Targets: [{ Id: "queue", Arn: outcomeQueueArn }] }),
  );

  return {
    cluster,
    revisions,
    clients,
    sqs,
    outcomeQueueUrl,
    async createService(service, revision = 1) {
      await clients.ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: service,
          taskDefinition: revisions[revision],
          desiredCount: 1,
        }),
      );
    },
    async deploy(service, revision) {
      const updated = await clients.ecs.send(
        new UpdateServiceCommand({ cluster, service, taskDefinition: revisions[revision], forceNewDeployment: true }),
      );
      return updated.service?.deployments?.[0]?.id ?? `ecs-svc/${Date.now()}`;
    },
    async running(service) {
      const described = await clients.ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
      return described.services?.[0]?.taskDefinition ?? "";
    },
    async outcomes(waitSeconds = 0) {
      const details: Record<string, unknown>[] = [];
      for (;;) {
        const page = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: outcomeQueueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: details.length === 0 ? waitSeconds : 0,
          }),
        );
        const messages = page.Messages ?? [];
        if (messages.length === 0) return details;
        for (const message of messages) details.push(JSON.parse(message.Body ?? "{}").detail);
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: outcomeQueueUrl,
            Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
          }),
        );
      }
    },
  };
}

const GATE_ENV = [
  "RESULTS_TABLE_NAME",
  "IDEMPOTENCY_TABLE_NAME",
  "EVENT_BUS_NAME",
  "POST_DEPLOY_SMOKE_RULE",
  "READINESS_CONFIG_JSON",
  "POWERTOOLS_SERVICE_NAME",
  "POWERTOOLS_LOG_LEVEL",
  "AWS_REGION",
  "AWS_ENDPOINT_URL",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
] as const;

/** Sets the gate functions' environment; the answer restores what was there before. */
export const setGateEnv = (endpoint: string, config: unknown, logLevel = "WARN"): (() => void) => {
  const saved = Object.fromEntries(GATE_ENV.map((name) => [name, process.env[name]]));
  Object.assign(process.env, {
    RESULTS_TABLE_NAME: RESULTS_TABLE,
    IDEMPOTENCY_TABLE_NAME: IDEMPOTENCY_TABLE,
    EVENT_BUS_NAME: "default",
    POST_DEPLOY_SMOKE_RULE,
    READINESS_CONFIG_JSON: JSON.stringify(config),
    POWERTOOLS_SERVICE_NAME: "readiness-gate-test",
    POWERTOOLS_LOG_LEVEL: logLevel,
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
  });
  return () => {
    for (const name of GATE_ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  };
};
