import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLiveClients, destroyLiveClients, resolvedRegion } from "./clients";

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

describe("resolvedRegion", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** Unset, not empty: the SDK takes an empty AWS_REGION as the region "" and never reads the config file. */
  const noRegionInEnvironment = (): void => {
    noAwsEnvironment();
    for (const name of ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE"]) vi.stubEnv(name, undefined);
  };
  /** An AWS config file of its own per test: the SDK caches the files it has read, by path. */
  const configFile = (text: string): string => {
    const dir = mkdtempSync(join(tmpdir(), "readiness-aws-config-"));
    dirs.push(dir);
    const file = join(dir, "config");
    writeFileSync(file, text);
    return file;
  };

  it("finds the region the SDK would: the profile's region in the AWS config file", async () => {
    noRegionInEnvironment();
    vi.stubEnv("AWS_CONFIG_FILE", configFile("[profile ops]\nregion = eu-west-3\n"));
    const clients = createLiveClients({ profile: "ops" });
    expect(await resolvedRegion(clients)).toBe("eu-west-3");
    destroyLiveClients(clients);
  });

  it("is undefined when no flag, variable or config file gives one", async () => {
    noRegionInEnvironment();
    vi.stubEnv("AWS_CONFIG_FILE", configFile("[profile other]\nregion = eu-west-3\n"));
    const clients = createLiveClients({});
    expect(await resolvedRegion(clients)).toBeUndefined();
    destroyLiveClients(clients);
  });

  it("keeps the emulator's default region for an endpoint", async () => {
    noRegionInEnvironment();
    vi.stubEnv("AWS_CONFIG_FILE", configFile(""));
    const clients = createLiveClients({ endpoint: "http://127.0.0.1:5000" });
    expect(await resolvedRegion(clients)).toBe("us-east-1");
    destroyLiveClients(clients);
  });

  it("is undefined for an empty AWS_REGION, which the SDK would refuse on every call", async () => {
    noAwsEnvironment();
    vi.stubEnv("AWS_CONFIG_FILE", configFile("[default]\nregion = eu-west-3\n"));
    const clients = createLiveClients({});
    expect(await resolvedRegion(clients)).toBeUndefined();
    destroyLiveClients(clients);
  });
});
