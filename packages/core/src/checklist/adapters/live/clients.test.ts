import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLiveClients, destroyLiveClients, type LiveClientOptions, resolvedRegion } from "./clients";

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

  /** The region live clients with `options` resolve when the AWS config file says `configText`. */
  const regionResolvedWith = async (configText: string, options: LiveClientOptions): Promise<string | undefined> => {
    vi.stubEnv("AWS_CONFIG_FILE", configFile(configText));
    const clients = createLiveClients(options);
    try {
      return await resolvedRegion(clients);
    } finally {
      destroyLiveClients(clients);
    }
  };

  it("finds the region the SDK would: the profile's region in the AWS config file", async () => {
    noRegionInEnvironment();
    expect(await regionResolvedWith("[profile ops]\nregion = eu-west-3\n", { profile: "ops" })).toBe("eu-west-3");
  });

  it("is undefined when no flag, variable or config file gives one", async () => {
    noRegionInEnvironment();
    expect(await regionResolvedWith("[profile other]\nregion = eu-west-3\n", {})).toBeUndefined();
  });

  it("keeps the emulator's default region for an endpoint", async () => {
    noRegionInEnvironment();
    expect(await regionResolvedWith("", { endpoint: "http://127.0.0.1:5000" })).toBe("us-east-1");
  });

  it("is undefined for an empty AWS_REGION, which the SDK would refuse on every call", async () => {
    noAwsEnvironment();
    expect(await regionResolvedWith("[default]\nregion = eu-west-3\n", {})).toBeUndefined();
  });
});
