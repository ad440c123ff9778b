import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type {
  InitializeHandler,
  InitializeHandlerArguments,
  InitializeHandlerOutput,
  MetadataBearer,
} from "@smithy/types";

/**
 * The DynamoDB writes whose condition DynamoDB checks and applies atomically. moto checks the
 * condition and then writes without a lock, so two concurrent conditional writes to one key can
 * both succeed there; on AWS one of them gets ConditionalCheckFailedException.
 */
export const CONDITIONAL_WRITE_COMMANDS: ReadonlySet<string> = new Set([
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "TransactWriteItemsCommand",
]);

/** A one-at-a-time queue: each task starts when the one before it has settled. */
export function createMutex(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Makes the emulator behave like DynamoDB for concurrency tests: the client's conditional writes
 * go to moto one at a time, so the condition and the write are atomic, as they are on AWS. Reads
 * stay concurrent. Only for clients that talk to moto; a real table needs nothing of the kind.
 * Answers the client.
 */
export function serializeConditionalWrites(client: DynamoDBClient): DynamoDBClient {
  const oneAtATime = createMutex();
  client.middlewareStack.add(
    (next: InitializeHandler<object, MetadataBearer>, context: { commandName?: string }) =>
      (args: InitializeHandlerArguments<object>): Promise<InitializeHandlerOutput<MetadataBearer>> =>
        CONDITIONAL_WRITE_COMMANDS.has(context.commandName ?? "") ? oneAtATime(() => next(args)) : next(args),
    { step: "initialize", priority: "high", name: "readinessEmulatorSerializedWrites" },
  );
  return client;
}
