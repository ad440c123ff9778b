import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { useEmulator } from "../test-support/emulator";
import { createMutex, serializeConditionalWrites } from "./serialized-writes";

const TABLE = "serialized-writes";
const COPIES = 40;
const moto = useEmulator({ resetBeforeEach: true });

beforeEach(async () => {
  await new DynamoDBClient(moto.clientConfig()).send(
    new CreateTableCommand({
      TableName: TABLE,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
});

/** Settles every write; answers how many succeeded, and throws what was not a failed condition. */
async function successesOf(writes: readonly Promise<unknown>[]): Promise<number> {
  const settled = await Promise.allSettled(writes);
  for (const s of settled)
    if (s.status === "rejected" && !(s.reason instanceof ConditionalCheckFailedException)) throw s.reason;
  return settled.filter((s) => s.status === "fulfilled").length;
}

/** Counts the client's requests in flight on the wire, per command; answers the most seen at once. */
function peakInFlight(client: DynamoDBClient): (command: string) => number {
  const current = new Map<string, number>();
  const peak = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? "?";
      current.set(name, (current.get(name) ?? 0) + 1);
      peak.set(name, Math.max(peak.get(name) ?? 0, current.get(name) ?? 0));
      try {
        return await next(args);
      } finally {
        current.set(name, (current.get(name) ?? 1) - 1);
      }
    },
    { step: "finalizeRequest", name: "testPeakInFlight" },
  );
  return (command) => peak.get(command) ?? 0;
}

describe("serializeConditionalWrites on the emulator", () => {
  it("sends the conditional writes one at a time and leaves reads concurrent", async () => {
    const client = serializeConditionalWrites(new DynamoDBClient(moto.clientConfig()));
    const peakOf = peakInFlight(client);
    await Promise.all(
      Array.from({ length: COPIES }, (_, copy) =>
        client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: `key-${copy}` } } })),
      ),
    );
    await Promise.all(
      Array.from({ length: COPIES }, (_, copy) =>
        client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: `key-${copy}` } } })),
      ),
    );
    expect(peakOf("PutItemCommand")).toBe(1);
    expect(peakOf("GetItemCommand")).toBeGreaterThan(1);
  });

  it(`of ${COPIES} concurrent create-if-absent writes to one key, exactly one succeeds (as on DynamoDB)`, async () => {
    const client = serializeConditionalWrites(new DynamoDBClient(moto.clientConfig()));
    const writes = Array.from({ length: COPIES }, (_, copy) =>
      client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: { pk: { S: "once" }, copy: { N: String(copy) } },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
    expect(await successesOf(writes)).toBe(1);
    const stored = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: "once" } } }));
    expect(stored.Item?.copy?.N).toBeDefined();
  });

  it("holds for a DocumentClient built on the client (the results table's writes)", async () => {
    const documents = DynamoDBDocumentClient.from(serializeConditionalWrites(new DynamoDBClient(moto.clientConfig())));
    const writes = Array.from({ length: COPIES }, (_, copy) =>
      documents.send(
        new PutCommand({
          TableName: TABLE,
          Item: { pk: "doc", copy },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
    expect(await successesOf(writes)).toBe(1);
  });
});

describe("createMutex", () => {
  it("runs one task at a time, in order, and a rejected task does not stop the next", async () => {
    const oneAtATime = createMutex();
    const log: string[] = [];
    let running = 0;
    const task =
      (name: string, fail = false) =>
      async () => {
        running++;
        log.push(`${name}:${running}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      oneAtATime(task("a")),
      oneAtATime(task("b", true)),
      oneAtATime(task("c")),
    ]);
    expect(log).toEqual(["a:1", "b:1", "c:1"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
