import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { setTimeout as sleep } from "node:timers/promises";

export interface ResourceNames {
  readonly table: string;
  readonly queue: string;
  readonly dlq: string;
}

export const DEFAULT_NAMES: ResourceNames = { table: "tasks", queue: "tasks-queue", dlq: "tasks-dlq" };

export interface QueueSettings {
  /** How long a received message stays invisible before SQS redelivers it (default 30 s). */
  readonly visibilityTimeoutSeconds?: number;
  /** Receives before SQS moves a message to the DLQ (default 3). */
  readonly maxReceiveCount?: number;
}

export interface TaskResources {
  readonly table: string;
  readonly queueUrl: string;
  readonly dlqUrl: string;
}

/**
 * Creates the table, the task queue and its DLQ when absent (safe to run again: queue attributes
 * are re-applied, an existing table is kept).
 */
export async function ensureResources(
  clients: { dynamodb: DynamoDBClient; sqs: SQSClient },
  names: ResourceNames = DEFAULT_NAMES,
  queue: QueueSettings = {},
): Promise<TaskResources> {
  await ensureTable(clients.dynamodb, names.table);
  const dlqUrl = await createQueue(clients.sqs, names.dlq);
  const dlqArn = (
    await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ["QueueArn"] }))
  ).Attributes?.QueueArn;
  if (!dlqArn) throw new Error(`queue ${names.dlq} has no QueueArn attribute`);
  const queueUrl = await createQueue(clients.sqs, names.queue);
  await clients.sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: queueUrl,
      Attributes: {
        VisibilityTimeout: String(queue.visibilityTimeoutSeconds ?? 30),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: queue.maxReceiveCount ?? 3 }),
      },
    }),
  );
  return { table: names.table, queueUrl, dlqUrl };
}

async function createQueue(sqs: SQSClient, name: string): Promise<string> {
  const created = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (!created.QueueUrl) throw new Error(`CreateQueue ${name} returned no QueueUrl`);
  return created.QueueUrl;
}

async function ensureTable(dynamodb: DynamoDBClient, table: string): Promise<void> {
  try {
    await dynamodb.send(new DescribeTableCommand({ TableName: table }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await dynamodb.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  for (let attempt = 0; attempt < 50; attempt++) {
    const described = await dynamodb.send(new DescribeTableCommand({ TableName: table }));
    if (described.Table?.TableStatus === "ACTIVE") break;
    await sleep(200);
  }
  await dynamodb.send(
    new UpdateTimeToLiveCommand({
      TableName: table,
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    }),
  );
}
