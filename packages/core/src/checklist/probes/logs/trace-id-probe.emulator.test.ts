import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { ECSClient } from "@aws-sdk/client-ecs";
// The emulator harness: integration only, core's code never imports it.
import { createApiService } from "@readiness/devkit/test-support/api-service";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { describe, expect, it } from "vitest";
import { checkLive } from "../../check/check-live";
import { readinessConfigSchema } from "../../config/schema";
import { sampleLogGroup } from "./sample";

/**
 * The trace-id-in-logs probe against the moto server, which implements FilterLogEvents (time
 * window, limit, nextToken): log events are put into the group the service's task definition names
 * (awslogs), and `check --live` samples and judges them.
 */
const moto = useEmulator({ resetBeforeEach: true });

const W3C = "4bf92f3577b34da6a3ce929d0e0e4736";
const GROUP = "/ecs/platform/api";

const provisionService = async (): Promise<void> => {
  const ecs = new ECSClient(moto.clientConfig());
  await createApiService(ecs, {
    containerDefinitions: [
      {
        name: "api",
        image: "public.ecr.aws/nginx/nginx:1",
        memory: 256,
        essential: true,
        logConfiguration: {
          logDriver: "awslogs",
          options: { "awslogs-group": GROUP, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "api" },
        },
      },
    ],
  });
  ecs.destroy();
};

/** Writes the lines stamped from `at` on, one ms apart; by default the last is stamped now, never after the probe's `now`. */
const putLines = async (lines: readonly string[], at = Date.now() - lines.length): Promise<void> => {
  const logs = new CloudWatchLogsClient(moto.clientConfig());
  await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP })).catch(() => undefined);
  const stream = `api/api/${Math.random().toString(16).slice(2)}`;
  await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: stream }));
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: GROUP,
      logStreamName: stream,
      logEvents: lines.map((message, i) => ({ message, timestamp: at + i })),
    }),
  );
  logs.destroy();
};

const traced = (n: number) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ level: "info", msg: `task ${i} done`, trace_id: W3C }));

const check = (rules: Record<string, unknown> = {}) =>
  checkLive({
    config: readinessConfigSchema.parse({ version: 1, rules: { "trace-id-in-logs": rules } }),
    endpoint: moto.emulator.endpoint,
    region: "us-east-1",
    only: ["trace-id-in-logs"],
  });

describe("trace-id-in-logs probe on the emulator", () => {
  it("Compliance: passes when the sampled lines carry trace ids", async () => {
    await provisionService();
    await putLines(traced(20));

    const { report } = await check();

    const [item] = report.items;
    expect(item?.status).toBe("pass");
    expect(item?.parts).toEqual([
      {
        kind: "probe",
        status: "pass",
        reason: `api: 20 of 20 sampled lines (100%) of ${GROUP} carry a trace id (minimum 99%)`,
      },
    ]);
  });

  it("Noncompliance: fails below minShare, quoting a line without a trace id with its secret redacted", async () => {
    await provisionService();
    await putLines([...traced(8), "connected to db with password=hunter2", "plain startup line"]);

    const { report } = await check({ minShare: 0.9 });

    const [item] = report.items;
    expect(item?.status).toBe("fail");
    expect(item?.parts[0]?.reason).toBe(
      `api: 8 of 10 sampled lines (80%) of ${GROUP} carry a trace id, below 90%; e.g. "connected to db with password=[REDACTED]"`,
    );
    expect(JSON.stringify(report)).not.toContain("hunter2");
  });

  it("Undecided: no events within the window", async () => {
    await provisionService();
    await putLines(traced(5), Date.now() - 3 * 3_600_000);

    const { report } = await check({ windowMinutes: 60 });

    expect(report.items[0]?.parts[0]).toEqual({
      kind: "probe",
      status: "unknown",
      reason: `api: no log events in the last 60 minutes of ${GROUP}`,
    });
  });

  it("Undecided: the group the task definition names does not exist", async () => {
    await provisionService();

    const { report } = await check();

    expect(report.items[0]?.status).toBe("unknown");
    expect(report.items[0]?.parts[0]?.reason).toMatch(/^api: could not sample \/ecs\/platform\/api: .*not found/);
  });

  it("samples at most sampleSize events", async () => {
    await putLines(traced(30));
    const logs = new CloudWatchLogsClient(moto.clientConfig());
    // moto pages FilterLogEvents by limit and nextToken, as AWS does.
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, limit: 7 }));
    expect(page.events).toHaveLength(7);
    expect(page.nextToken).toBeDefined();

    const sample = await sampleLogGroup(logs, GROUP, { sampleSize: 25, windowMinutes: 60, now: new Date() });
    logs.destroy();

    expect(sample.ok && sample.messages.length).toBe(25);
  });
});
