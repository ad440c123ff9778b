import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkConfigFor } from "../../packages/core/src/emulator/client-config";
import { type Emulator, startEmulator } from "../../packages/core/src/emulator/moto";
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
});
