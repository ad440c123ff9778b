import { afterEach, describe, expect, it, vi } from "vitest";
import { createLiveClients, destroyLiveClients } from "./clients";

afterEach(() => {
  vi.unstubAllEnvs();
});

const noAwsEnvironment = (): void => {
  for (const name of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION"])
    vi.stubEnv(name, "");
};

describe("createLiveClients", () => {
  it("retries adaptively, so throttling backs off instead of failing the run", async () => {
    const clients = createLiveClients({ region: "eu-west-1" });
    // Both strategy shapes of the SDK carry the mode; the union type only declares it on one.
    const strategy = (await clients.ecs.config.retryStrategy()) as { mode?: string };
    expect(strategy.mode).toBe("adaptive");
    expect(await clients.sqs.config.maxAttempts()).toBe(6);
    destroyLiveClients(clients);
  });

  it("gives a local emulator endpoint test credentials and a region when the machine has no AWS setup", async () => {
    noAwsEnvironment();
    const clients = createLiveClients({ endpoint: "http://127.0.0.1:5000" });
    expect(await clients.iam.config.region()).toBe("us-east-1");
    const credentials = await clients.iam.config.credentials();
    expect(credentials.accessKeyId).toBe("testing");
    expect(clients.source).toBe("http://127.0.0.1:5000");
    destroyLiveClients(clients);
  });

  it("never swaps in test credentials for a remote endpoint", async () => {
    noAwsEnvironment();
    const clients = createLiveClients({ endpoint: "https://ecs.eu-west-1.amazonaws.com", region: "eu-west-1" });
    await expect(clients.ecs.config.credentials()).rejects.toThrow();
    destroyLiveClients(clients);
  });
});
