import { CloudWatchLogsClient, CreateLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { collectLiveInventory, createLiveClients } from "@readiness/core/checklist/adapters/live/index";
import { describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { countRequests } from "./request-counter";

const moto = useEmulator({ resetBeforeEach: true });

const names = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);

/** Creates in small parallel batches, so setup stays quick without flooding the emulator. */
const createAll = async (items: readonly string[], create: (name: string) => Promise<unknown>): Promise<void> => {
  for (let start = 0; start < items.length; start += 10) await Promise.all(items.slice(start, start + 10).map(create));
};

describe("collectLiveInventory follows every paginated API to its last page", () => {
  it("reads 120 log groups over three DescribeLogGroups pages, 120 secrets over two ListSecrets pages, and 120 queues", async () => {
    const config = moto.clientConfig();
    const logs = new CloudWatchLogsClient(config);
    const secrets = new SecretsManagerClient(config);
    const sqs = new SQSClient(config);
    await createAll(names("/app/group-", 120), (logGroupName) =>
      logs.send(new CreateLogGroupCommand({ logGroupName })),
    );
    await createAll(names("secret-", 120), (Name) =>
      secrets.send(new CreateSecretCommand({ Name, SecretString: "x" })),
    );
    await createAll(names("queue-", 120), (QueueName) => sqs.send(new CreateQueueCommand({ QueueName })));

    const clients = createLiveClients({ endpoint: moto.emulator.endpoint, region: "us-east-1" });
    const requests = countRequests(clients);
    const { inventory, unreadableTypes } = await collectLiveInventory(clients);

    expect([...unreadableTypes]).toEqual([]);
    expect(
      inventory
        .ofType("AWS::Logs::LogGroup")
        .map((g) => g.properties.LogGroupName)
        .sort(),
    ).toEqual(names("/app/group-", 120));
    expect(inventory.ofType("AWS::SecretsManager::Secret")).toHaveLength(120);
    expect(
      inventory
        .ofType("AWS::SQS::Queue")
        .map((q) => q.properties.QueueName)
        .sort(),
    ).toEqual(names("queue-", 120));
    // The emulator pages log groups by 50 and secrets by 100: more than one request means the collector followed the tokens.
    expect(requests.get("DescribeLogGroupsCommand")).toBe(3);
    expect(requests.get("ListSecretsCommand")).toBe(2);
    expect(requests.get("GetQueueAttributesCommand")).toBe(120);
  });
});
