/*
 * trace-id-in-logs in AWS Config: the scheduled run finds the ECS services, names each one's
 * awslogs groups from the task definition it runs, samples them with FilterLogEvents and posts one
 * evaluation per service. Live collection, the log sample and PutEvaluations (TESTMODE, checked
 * against Config's contract first) all go to the emulator through real SDK clients.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { ECSClient } from "@aws-sdk/client-ecs";
import { createLiveClients } from "@readiness/core/checklist/adapters/live/index";
import { liveCollector } from "@readiness/core/config-rules/clients";
import { evaluateConfigRuleEvent } from "@readiness/core/config-rules/evaluator";
import { filteringLogSampler } from "@readiness/core/config-rules/probe";
import { createApiService } from "@readiness/devkit/test-support/api-service";
import { CONFIG_SERVICE_VALIDATORS } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { validateBeforeSending } from "@readiness/devkit/test-support/aws-contracts/stub-answers";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { describe, expect, it } from "vitest";
import { scheduledEvent } from "../fixtures/config-events/events";

const moto = useEmulator({ resetBeforeEach: true });
const GROUP = "/ecs/platform/api";
const W3C = "4bf92f3577b34da6a3ce929d0e0e4736";

/** One ECS service whose container logs to GROUP with the awslogs driver, and these lines in GROUP. */
const provision = async (lines: readonly string[]): Promise<string> => {
  const config = moto.clientConfig();
  const ecs = new ECSClient(config);
  const logs = new CloudWatchLogsClient(config);
  const service = await createApiService(ecs, {
    containerDefinitions: [
      {
        name: "api",
        image: "public.ecr.aws/nginx/nginx:1",
        memory: 256,
        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": GROUP } },
      },
    ],
  });
  await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: "api/api/1" }));
  // Every line is in the past when the evaluation starts: a line stamped after its `now` is outside the window.
  const now = Date.now() - lines.length;
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: GROUP,
      logStreamName: "api/api/1",
      logEvents: lines.map((message, i) => ({ message, timestamp: now + i })),
    }),
  );
  ecs.destroy();
  logs.destroy();
  return service.serviceArn!;
};

const evaluateScheduled = async (withSampler: boolean) => {
  const config = moto.clientConfig();
  const live = createLiveClients({ endpoint: moto.emulator.endpoint, region: config.region });
  const run = await evaluateConfigRuleEvent(
    scheduledEvent({ itemId: "trace-id-in-logs", resultToken: "TESTMODE", ruleName: "readiness-trace-id-in-logs" }),
    {
      config: validateBeforeSending(new ConfigServiceClient(config), CONFIG_SERVICE_VALIDATORS),
      collect: liveCollector(live),
      ...(withSampler ? { sampleLogs: filteringLogSampler(() => live.logs) } : {}),
    },
  );
  return run.evaluations.map((e) => ({ resourceId: e.resourceId, compliance: e.compliance, annotation: e.annotation }));
};

const traced = (n: number) => Array.from({ length: n }, (_, i) => `{"msg":"task ${i}","trace_id":"${W3C}"}`);

describe("trace-id-in-logs in AWS Config", () => {
  it("Compliance: the service's sampled lines carry trace ids", async () => {
    const service = await provision(traced(10));
    expect(await evaluateScheduled(true)).toEqual([
      {
        resourceId: service,
        compliance: "COMPLIANT",
        annotation: `service api: 10 of 10 sampled lines (100%) of ${GROUP} carry a trace id (minimum 99%)`,
      },
    ]);
  });

  it("Noncompliance: lines without a trace id, one quoted with its token redacted", async () => {
    const service = await provision([...traced(5), "GET /tasks Authorization: Bearer abc123def456ghi789"]);
    const [evaluation] = await evaluateScheduled(true);
    expect(evaluation).toMatchObject({ resourceId: service, compliance: "NON_COMPLIANT" });
    expect(evaluation?.annotation).toContain("5 of 6 sampled lines (83.3%)");
    expect(evaluation?.annotation).toContain("Bearer [REDACTED]");
    expect(evaluation?.annotation).not.toContain("abc123def456ghi789");
  });

  it("Undecided: an evaluator that cannot sample says what would decide it", async () => {
    const service = await provision(traced(3));
    expect(await evaluateScheduled(false)).toEqual([
      { resourceId: service, compliance: "INSUFFICIENT_DATA", annotation: "needs probe: no log lines sampled" },
    ]);
  });
});
