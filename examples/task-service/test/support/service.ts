import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { EmulatorClientConfig } from "@readiness/devkit/emulator/client-config";
import type { LogLine, RunningTaskService } from "../../src/runner";

/** Settings that make retries, redrives and shutdowns quick in tests. */
export const FAST_ENV = { WORKER_WAIT_SECONDS: "1" } as const;

export function documentsFor(config: EmulatorClientConfig): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config));
}

/** Ids of every task item in the table (to prove a replay created nothing new). */
export async function taskIds(documents: DynamoDBDocumentClient, table: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: table,
        ExclusiveStartKey: start,
        FilterExpression: "kind = :task",
        ExpressionAttributeValues: { ":task": "task" },
      }),
    );
    for (const item of page.Items ?? []) ids.push(String(item.taskId));
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

export function allLogs(service: RunningTaskService): LogLine[] {
  const { api, worker, dlqProcessor } = service.processes;
  return [...api.logs(), ...worker.logs(), ...dlqProcessor.logs()];
}
