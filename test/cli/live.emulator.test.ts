import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkConfigFor } from "@readiness/devkit/emulator/client-config";
import { type Emulator, startEmulator } from "@readiness/devkit/emulator/moto";
import {
  type FakeEndpoint,
  type SilentEndpoint,
  startFakeEndpoint,
  startSilentEndpoint,
} from "@readiness/devkit/test-support/fake-endpoint";
import { readiness } from "./helpers";

// The real bin against the real SDK collectors and a moto server this test starts (and stops).
describe("readiness check --live against the emulator", () => {
  let emulator: Emulator;
  const quiet = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

  beforeAll(async () => {
    emulator = await startEmulator();
    const sqs = new SQSClient(sdkConfigFor(emulator.endpoint));
    await sqs.send(new CreateQueueCommand({ QueueName: "orders" }));
    sqs.destroy();
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it("Noncompliance: a queue without a DLQ fails (exit 1), located by its ARN", async () => {
    const result = await readiness(
      ["check", "--live", "--endpoint-url", emulator.endpoint, "--only", "dlq-coverage", "--format", "json"],
      { env: quiet },
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.source).toBe(`live ${emulator.endpoint}`);
    expect(report.items[0]).toMatchObject({ id: "dlq-coverage", status: "fail" });
    expect(report.items[0].findings[0]).toMatchObject({
      resource: expect.stringMatching(/^arn:aws:sqs:us-east-1:\d{12}:orders$/),
      type: "AWS::SQS::Queue",
      status: "fail",
      reason: expect.stringContaining("orders has no RedrivePolicy"),
    });
  });

  it("AWS_ENDPOINT_URL is the default endpoint, and progress goes to stderr", async () => {
    const result = await readiness(["check", "--live", "--only", "dlq-coverage", "--progress"], {
      env: { ...quiet, AWS_ENDPOINT_URL: emulator.endpoint },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`readiness: live ${emulator.endpoint}`);
    expect(result.stderr).toContain(`… collecting resources from ${emulator.endpoint}`);
    expect(result.stderr).toMatch(/… sqs queues|… ecs clusters/);
  });

  it("--only collects just what the item's rules read (and the ECS services that root the scope)", async () => {
    const result = await readiness(
      ["check", "--live", "--endpoint-url", emulator.endpoint, "--only", "dlq-coverage", "--progress"],
      { env: quiet },
    );
    expect(result.code).toBe(1);
    const steps = [...result.stderr.matchAll(/^… ([a-z0-9 ]+): \d+/gm)].map((m) => m[1]);
    expect(steps).toContain("sqs queues");
    expect(steps).toContain("ecs clusters");
    for (const unneeded of ["ec2 subnets", "ec2 security groups", "log groups", "iam roles", "dynamodb tables"])
      expect(steps, unneeded).not.toContain(unneeded);

    const everything = await readiness(["check", "--live", "--endpoint-url", emulator.endpoint, "--progress"], {
      env: quiet,
    });
    expect(everything.stderr).toMatch(/^… ec2 subnets: \d+/m);
  });

  it("an endpoint nobody listens on is an input error (exit 2) with the fix", async () => {
    const result = await readiness(
      ["check", "--live", "--endpoint-url", "http://127.0.0.1:9", "--only", "dlq-coverage"],
      {
        env: quiet,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: cannot reach http://127.0.0.1:9: ECONNREFUSED\n  hint: start the emulator or fix --endpoint-url / AWS_ENDPOINT_URL\n",
    );
  });

  it("an endpoint that accepts connections and never answers stops at --deadline (exit 2), naming it", async () => {
    const silent: SilentEndpoint = await startSilentEndpoint();
    try {
      const result = await readiness(
        ["check", "--live", "--endpoint-url", silent.url, "--only", "dlq-coverage", "--deadline", "1s", "--progress"],
        { env: quiet },
      );
      expect(result.code).toBe(2);
      const lines = result.stderr.split("\n");
      // Progress says where it reads from, and for how long it will wait, before the run gives up.
      const collecting = lines.indexOf(`… collecting resources from ${silent.url} (deadline 1 s)`);
      const error = lines.findIndex((line) =>
        line.startsWith(`error: no answer from ${silent.url} within the 1 s deadline`),
      );
      expect(collecting).toBeGreaterThanOrEqual(0);
      expect(error).toBeGreaterThan(collecting);
      expect(lines[error + 1]).toMatch(/^ {2}hint: .*--deadline/);
      expect(silent.connections()).toBeGreaterThan(0);
    } finally {
      await silent.close();
    }
  });

  it("a bad --deadline is a usage error with an example", async () => {
    const result = await readiness(["check", "--live", "--endpoint-url", emulator.endpoint, "--deadline", "soon"], {
      env: quiet,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: invalid --deadline "soon"\n  hint: give a duration such as 90s, 5m or 1500ms\n');
  });
});

describe("readiness check --live without a region", () => {
  // No region anywhere the SDK looks: no flag, no variable, no config file. No endpoint either, so
  // the emulator's default region does not apply. Credentials are set, so only the region is missing.
  const noRegion = {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_REGION: "",
    AWS_DEFAULT_REGION: "",
    AWS_PROFILE: "",
    AWS_CONFIG_FILE: "/nonexistent/readiness-test/config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/readiness-test/credentials",
    AWS_ACCESS_KEY_ID: "AKIDREADINESSTEST",
    AWS_SECRET_ACCESS_KEY: "not-a-secret",
  };

  it("is an input error (exit 2) that says how to give one, not a green run of unknowns", async () => {
    const result = await readiness(["check", "--live"], { env: noRegion });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "error: no region: pass --region or set AWS_REGION\n  hint: or set `region` for the profile in the AWS config file (~/.aws/config)\n",
    );
  });

  it("a region the SDK refuses is an input error too, not a run of unknowns", async () => {
    const result = await readiness(["check", "--live", "--region", "eu west 1"], { env: noRegion });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: invalid region "eu west 1"\n  hint: pass --region with a region code such as eu-west-1 (or fix AWS_REGION or the profile\'s region)\n',
    );
  });
});

describe("readiness check --live when nothing could be read", () => {
  let denied: FakeEndpoint;
  beforeAll(async () => {
    // Every API refuses, as AWS does for credentials without any of the read permissions, each in
    // its protocol's shape (JSON for ECS, SQS, Lambda…; XML for the query protocol of SNS).
    denied = await startFakeEndpoint((_action, _nth, protocol) =>
      protocol === "json"
        ? {
            status: 403,
            body: JSON.stringify({ __type: "AccessDeniedException", message: "User is not authorized" }),
          }
        : {
            status: 403,
            contentType: "text/xml",
            body: "<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>User is not authorized</Message></Error><RequestId>1</RequestId></ErrorResponse>",
          },
    );
  });
  afterAll(async () => {
    await denied?.close();
  });

  it("is an input error (exit 2) naming what failed, never a clean run", async () => {
    const result = await readiness(["check", "--live", "--endpoint-url", denied.url, "--only", "dlq-coverage"], {
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `error: nothing could be read from ${denied.url}: missing permission ecs:ListClusters; ` +
        "missing permission events:ListEventBuses; missing permission lambda:ListEventSourceMappings; " +
        "missing permission lambda:ListFunctions; missing permission sns:ListSubscriptions; missing permission sqs:ListQueues\n" +
        "  hint: each reason names the action that failed: grant the missing permissions, or fix --profile, --region or --endpoint-url\n",
    );
  });
});
