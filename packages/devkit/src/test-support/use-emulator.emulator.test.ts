import { CreateQueueCommand, ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { useEmulator } from "./emulator";

describe("useEmulator with resetBeforeEach", () => {
  const moto = useEmulator({ resetBeforeEach: true });
  const sqs = (): SQSClient => new SQSClient(moto.clientConfig());

  it("gives each test a running emulator", async () => {
    await sqs().send(new CreateQueueCommand({ QueueName: "first" }));
    expect((await sqs().send(new ListQueuesCommand({}))).QueueUrls).toHaveLength(1);
  });

  it("starts each test from an empty emulator", async () => {
    expect((await sqs().send(new ListQueuesCommand({}))).QueueUrls ?? []).toHaveLength(0);
  });

  it("hands out client config with the emulator endpoint and the region asked for", () => {
    const config = moto.clientConfig("eu-central-1");
    expect(config.endpoint).toBe(moto.emulator.endpoint);
    expect(config.region).toBe("eu-central-1");
  });
});
