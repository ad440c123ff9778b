/*
 * `readiness load --results-table` records load-tested evidence against the revision ECS says the
 * service runs, and `check --live --results-table` decides load-tested from it: the real bin, the
 * real example task service, ECS and DynamoDB in the emulator. A run below the item's
 * minRequestsPerSecond is recorded and fails.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService } from "@readiness/example-task-service/runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readiness } from "../cli/helpers";
import { createResultsTable } from "../gate/tables";

const emulator = useEmulator();
const TABLE = "readiness-results";
const PLAN = ["--rps", "20", "--duration", "3s", "--warmup", "1s", "--slo-p99-ms", "5000"];
let service: RunningTaskService;
let ecs: ECSClient;
let dir: string;

const configWith = (name: string, loadTested: Record<string, unknown>, serviceName?: string): string => {
  const file = join(dir, name);
  writeFileSync(
    file,
    [
      "version: 1",
      "services:",
      "  - service: api",
      ...(serviceName ? [`    name: ${serviceName}`] : []),
      "    cluster: tasks",
      "    role: api",
      "    smoke:",
      "      protocol: http",
      `      endpoint: ${service.httpUrl}`,
      "rules:",
      `  load-tested: ${JSON.stringify(loadTested)}`,
      "",
    ].join("\n"),
  );
  return file;
};

const aws = () => ["--endpoint-url", emulator.emulator.endpoint, "--region", "us-east-1"];
const load = (config: string) =>
  readiness(["load", "--config", config, "--service", "api", "--results-table", TABLE, ...aws(), ...PLAN]);
const loadTested = async (config: string) => {
  const result = await readiness([
    "check",
    "--live",
    "--config",
    config,
    "--results-table",
    TABLE,
    "--only",
    "load-tested",
    "--format",
    "json",
    ...aws(),
  ]);
  const report = JSON.parse(result.stdout) as {
    items: { id: string; status: string; parts: { kind: string; status: string; reason: string }[] }[];
  };
  const found = report.items.find((i) => i.id === "load-tested");
  const evidence = found?.parts.find((part) => part.kind === "evidence");
  return { code: result.code, item: found && { status: found.status, reason: evidence?.reason ?? "" } };
};

const register = async (tag: string) =>
  (
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "task-api",
        containerDefinitions: [{ name: "api", image: `example/api:${tag}`, memory: 512 }],
      }),
    )
  ).taskDefinition?.taskDefinitionArn as string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "readiness-load-evidence-"));
  ecs = new ECSClient(emulator.clientConfig());
  await ecs.send(new CreateClusterCommand({ clusterName: "tasks" }));
  await ecs.send(
    new CreateServiceCommand({
      cluster: "tasks",
      serviceName: "api",
      taskDefinition: await register("1"),
      desiredCount: 1,
    }),
  );
  await createResultsTable(new DynamoDBClient(emulator.clientConfig()), TABLE);
  service = await startTaskService({ endpoint: emulator.emulator.endpoint, revision: "1" });
});
afterAll(async () => {
  await service?.stop();
});

describe("load-tested from recorded load tests", () => {
  it("Noncompliance: nothing recorded yet, the live check leaves load-tested undecided and says what to run", async () => {
    const { item } = await loadTested(configWith("none.yml", { minRequestsPerSecond: 20 }));
    expect(item?.status).toBe("unknown");
    expect(item?.reason).toContain("no evidence recorded: run `readiness load --service NAME --results-table TABLE`");
  });

  it("Compliance: a run that held 20 req/s inside the SLO is recorded against the running revision, and decides the item", async () => {
    const config = configWith("twenty.yml", { minRequestsPerSecond: 20 });
    const run = await load(config);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /recorded load-tested evidence \(pass\) for arn:aws:ecs:us-east-1:\d+:service\/tasks\/api at task-api:1 in readiness-results/,
    );
    const { item } = await loadTested(config);
    expect(item?.status, item?.reason).toBe("pass");
    expect(item?.reason).toMatch(/load test at 2\d\.\d req\/s held for 3 s: PASS/);
  });

  it("Compliance: --service names readiness.yml's service by its name too: the evidence goes to its ECS service", async () => {
    const config = configWith("named.yml", { minRequestsPerSecond: 20 }, "front-door");
    const run = await readiness([
      "load",
      "--config",
      config,
      "--service",
      "front-door",
      "--results-table",
      TABLE,
      ...aws(),
      ...PLAN,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /recorded load-tested evidence \(pass\) for arn:aws:ecs:us-east-1:\d+:service\/tasks\/api /,
    );
  });

  // Evidence of another revision (within the window, or refused with sameRevision) is judged in
  // checklist/evidence/judge.test.ts: moto keeps the first deployment PRIMARY after UpdateService.
  it("sameRevision: the load test of the revision running now still counts", async () => {
    const strict = await loadTested(configWith("strict.yml", { minRequestsPerSecond: 20, sameRevision: true }));
    expect(strict.item?.status, strict.item?.reason).toBe("pass");
  });

  it("Noncompliance: a run below minRequestsPerSecond is recorded and fails the item, naming the rate asked", async () => {
    const config = configWith("five-hundred.yml", { minRequestsPerSecond: 500 });
    const run = await load(config);
    expect(run.stderr).toMatch(/recorded load-tested evidence \(fail\)/);
    const { item, code } = await loadTested(config);
    expect(item?.status).toBe("fail");
    expect(item?.reason).toMatch(/below the 500 req\/s the item asks/);
    expect(code).toBe(1);
  });

  it("bad input: --results-table without --service is refused before any request", async () => {
    const run = await readiness(["load", "--endpoint", service.httpUrl, "--results-table", TABLE, ...aws(), ...PLAN]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--results-table needs --service");
    // No region anywhere: said before the run, not as the SDK's "Region is missing" after it.
    const config = configWith("no-region.yml", { minRequestsPerSecond: 20 });
    const noRegion = await readiness(
      ["load", "--config", config, "--service", "api", "--results-table", TABLE, ...PLAN],
      { env: { AWS_REGION: "", AWS_DEFAULT_REGION: "", AWS_PROFILE: "", AWS_CONFIG_FILE: "/nonexistent" } },
    );
    expect(noRegion.code).toBe(2);
    expect(noRegion.stderr).toContain("no region: pass --region or set AWS_REGION");
  });
});
