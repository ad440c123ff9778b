import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListServicesCommand,
} from "@aws-sdk/client-ecs";
import { checkLive } from "@readiness/core/checklist/check/check-live";
import { readinessConfigSchema } from "@readiness/core/checklist/config/schema";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { provisionPlatform } from "@readiness/example-task-platform/provision/index";
import { createLogger } from "@readiness/example-task-service/shared/logger";
import { continueTrace } from "@readiness/example-task-service/shared/trace";
import { describe, expect, it } from "vitest";

/**
 * The example service's own logger, its lines put into the log groups the platform's task
 * definitions name (the moto emulator has no container runtime to ship them): trace-id-in-logs
 * passes on the compliant platform because every line the service writes carries `trace_id`.
 */
const moto = useEmulator();
const REGION = "us-east-1";
const CLUSTER = "task-platform";

/** The awslogs groups of every service of the cluster, read back from the task definitions they run. */
const serviceLogGroups = async (ecs: ECSClient): Promise<string[]> => {
  const { serviceArns = [] } = await ecs.send(new ListServicesCommand({ cluster: CLUSTER }));
  const { services = [] } = await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: serviceArns }));
  const groups = new Set<string>();
  for (const service of services) {
    const { taskDefinition } = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: service.taskDefinition }),
    );
    for (const container of taskDefinition?.containerDefinitions ?? []) {
      const group = container.logConfiguration?.options?.["awslogs-group"];
      if (container.logConfiguration?.logDriver === "awslogs" && group) groups.add(group);
    }
  }
  return [...groups];
};

/** What the service's logger writes while it works: lifecycle lines and a few requests, each in its trace. */
const serviceLines = (role: "api" | "worker" | "dlq-processor"): string[] => {
  const lines: string[] = [];
  const logger = createLogger({ role, revision: "task-api:1", write: (line) => lines.push(line.trimEnd()) });
  logger.info("starting");
  for (let i = 0; i < 5; i++) {
    const request = logger.withTrace(continueTrace(undefined));
    request.info("task accepted", { taskId: `t-${i}` });
    request.error("task failed", { error: new Error("boom") });
  }
  return lines;
};

describe("the example service's logs on the compliant platform", () => {
  it("Compliance: trace-id-in-logs passes: every line the service writes carries a trace id", async () => {
    await provisionPlatform({ variant: "compliant", endpoint: moto.emulator.endpoint, region: REGION });
    const config = moto.clientConfig(REGION);
    const ecs = new ECSClient(config);
    const logs = new CloudWatchLogsClient(config);
    const groups = await serviceLogGroups(ecs);
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      await logs.send(new CreateLogGroupCommand({ logGroupName: group })).catch(() => undefined);
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: "app/app/1" }));
      // Stamped in the past: a line stamped after the check's `now` would be outside its window.
      const now = Date.now() - serviceLines("api").length;
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: "app/app/1",
          logEvents: serviceLines("api").map((message, i) => ({ message, timestamp: now + i })),
        }),
      );
    }
    ecs.destroy();
    logs.destroy();

    const { report } = await checkLive({
      config: readinessConfigSchema.parse({ version: 1 }),
      endpoint: moto.emulator.endpoint,
      region: REGION,
      clusters: [CLUSTER],
      only: ["trace-id-in-logs"],
    });

    const [item] = report.items;
    expect(item?.status, item?.summary).toBe("pass");
    expect(item?.findings.length).toBeGreaterThan(0);
    for (const finding of item?.findings ?? []) expect(finding.reason).toMatch(/11 of 11 sampled lines \(100%\)/);
  });
});
