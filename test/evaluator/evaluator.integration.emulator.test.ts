/*
 * The evaluator's core against the emulator: live collection, PutEvaluations (moto accepts it in
 * test mode only, so every event here carries the TESTMODE result token) and the results table all
 * go through real SDK clients. moto accepts what Config refuses (INSUFFICIENT_DATA), so each Config
 * request is checked against Config's contract before it is sent. moto lacks
 * GetComplianceDetailsByConfigRule: scheduled runs warn and find vanished resources through the
 * results table instead.
 */
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { createLiveClients } from "@readiness/core/checklist/adapters/live/index";
import type { ItemId } from "@readiness/core/checklist/catalogue/items";
import { liveCollector } from "@readiness/core/config-rules/clients";
import { evaluateConfigRuleEvent, type EvaluationRun } from "@readiness/core/config-rules/evaluator";
import { EvaluationResultsStore } from "@readiness/core/kernel/results/evaluations";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { changeEvent, scheduledEvent } from "../fixtures/config-events/events";
import { fromAnywhere, fromAlb, securityGroupItem } from "../fixtures/config-events/platform";
import { CONFIG_SERVICE_VALIDATORS } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { validateBeforeSending } from "@readiness/devkit/test-support/aws-contracts/stub-answers";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type ProvisionedPlatform, provisionPlatform, type Variant } from "./platform";
import { createResultsTable } from "../gate/tables";

const moto = useEmulator();
const RESULTS_TABLE = "readiness-results";

interface Harness {
  readonly platform: ProvisionedPlatform;
  readonly results: EvaluationResultsStore;
  run(event: unknown): Promise<EvaluationRun>;
}

const harnessFor = (variant: Variant): (() => Harness) => {
  let harness: Harness | undefined;
  beforeAll(async () => {
    await moto.emulator.reset();
    const config = moto.clientConfig();
    const platform = await provisionPlatform(config, variant);
    const dynamodb = new DynamoDBClient(config);
    await createResultsTable(dynamodb, RESULTS_TABLE);
    const results = new EvaluationResultsStore(new ResultsTable(DynamoDBDocumentClient.from(dynamodb), RESULTS_TABLE));
    const deps = {
      config: validateBeforeSending(new ConfigServiceClient(config), CONFIG_SERVICE_VALIDATORS),
      collect: liveCollector(createLiveClients({ endpoint: moto.emulator.endpoint, region: config.region })),
      results,
    };
    harness = { platform, results, run: (event) => evaluateConfigRuleEvent(event, deps) };
  });
  return () => {
    if (!harness) throw new Error("the platform was not provisioned");
    return harness;
  };
};

/** resourceId → compliance of one scheduled TESTMODE run of an item. */
const scheduled = async (harness: Harness, itemId: ItemId): Promise<Record<string, string>> => {
  const run = await harness.run(scheduledEvent({ itemId, resultToken: "TESTMODE", ruleName: `readiness-${itemId}` }));
  expect(run.testMode).toBe(true);
  return Object.fromEntries(run.evaluations.map((e) => [e.resourceId, e.compliance]));
};

const defaultSecurityGroups = (verdicts: Record<string, string>, platform: ProvisionedPlatform): string[] =>
  Object.keys(verdicts).filter((id) => id !== platform.taskSecurityGroupId && id !== platform.albSecurityGroupId);

describe.each([
  ["compliant", "COMPLIANT"],
  ["broken", "NON_COMPLIANT"],
] as const)("the %s platform", (variant, expected) => {
  const harness = harnessFor(variant);

  it("container-hardening: the task definition the service runs", async () => {
    const { platform } = harness();
    expect(await scheduled(harness(), "container-hardening")).toEqual({ [platform.taskDefinitionFamily]: expected });
  });

  it("sg-alb-only: the task security group; groups no service attaches are not applicable", async () => {
    const { platform } = harness();
    const verdicts = await scheduled(harness(), "sg-alb-only");
    expect(verdicts[platform.taskSecurityGroupId]).toBe(expected);
    expect(verdicts[platform.albSecurityGroupId]).toBe("NOT_APPLICABLE");
    for (const id of defaultSecurityGroups(verdicts, platform)) expect(verdicts[id], id).toBe("NOT_APPLICABLE");
  });

  it("private-subnets: the service, and the internet-facing load balancer in public subnets", async () => {
    const { platform } = harness();
    const verdicts = await scheduled(harness(), "private-subnets");
    expect(verdicts[platform.serviceArn]).toBe(expected);
    expect(
      Object.entries(verdicts)
        .filter(([id]) => id !== platform.serviceArn)
        .map(([, c]) => c),
    ).toEqual(["COMPLIANT"]);
  });

  it("vpc-flow-logs: the platform VPC (the emulator's default VPC has none)", async () => {
    const { platform } = harness();
    expect(await scheduled(harness(), "vpc-flow-logs")).toEqual({
      [platform.vpcId]: expected,
      [platform.defaultVpcId]: "NON_COMPLIANT",
    });
  });

  it("log-retention: every log group; the task definition's groups are checked on their own", async () => {
    const { platform } = harness();
    expect(await scheduled(harness(), "log-retention")).toEqual({
      [platform.logGroupName]: expected,
      ...(variant === "compliant" ? { "/vpc/flow-logs": "COMPLIANT" } : {}),
      [platform.taskDefinitionFamily]: "NOT_APPLICABLE",
    });
  });

  it("dynamodb-capacity: the table (and the on-demand results table itself)", async () => {
    const { platform } = harness();
    expect(await scheduled(harness(), "dynamodb-capacity")).toEqual({
      [platform.tableName]: expected,
      [RESULTS_TABLE]: "COMPLIANT",
    });
  });

  it("oncall, which no configuration decides: posted as Config accepts it, undecided in the results table", async () => {
    const { platform, results } = harness();
    const run = await harness().run(
      scheduledEvent({ itemId: "oncall", resultToken: "TESTMODE", ruleName: "readiness-oncall" }),
    );
    expect(run.evaluations.map((e) => [e.resourceId, e.compliance])).toEqual([
      [platform.serviceArn, "INSUFFICIENT_DATA"],
    ]);
    expect(await results.latestOfItem("oncall")).toMatchObject([
      {
        resourceId: platform.serviceArn,
        compliance: "INSUFFICIENT_DATA",
        annotation: "needs document: no on-call rotation published",
      },
    ]);
  });

  it("every evaluation is in the results table, latest per resource", async () => {
    const { platform, results } = harness();
    const latest = await results.latestOfItem("dynamodb-capacity");
    expect(latest.map((r) => r.resourceId).sort()).toEqual([RESULTS_TABLE, platform.tableName].sort());
    expect(latest.filter((r) => r.resourceId === platform.tableName)).toMatchObject([
      {
        itemId: "dynamodb-capacity",
        ruleName: "readiness-dynamodb-capacity",
        resourceType: "AWS::DynamoDB::Table",
        resourceId: platform.tableName,
        compliance: expected,
        testMode: true,
      },
    ]);
    expect(await results.history("dynamodb-capacity", platform.tableName)).toHaveLength(1);
  });

  it("a resource deleted since the last run is re-posted NOT_APPLICABLE (found through the results table)", async () => {
    const { platform } = harness();
    await new DynamoDBClient(moto.clientConfig()).send(new DeleteTableCommand({ TableName: platform.tableName }));
    const run = await harness().run(
      scheduledEvent({ itemId: "dynamodb-capacity", resultToken: "TESTMODE", ruleName: "readiness-dynamodb-capacity" }),
    );
    expect(run.evaluations.map((e) => [e.resourceId, e.compliance])).toEqual([
      [RESULTS_TABLE, "COMPLIANT"],
      [platform.tableName, "NOT_APPLICABLE"],
    ]);
    expect(run.evaluations[1]!.annotation).toBe("resource no longer exists");
    expect(run.vanished).toBe(1);
    expect(run.warnings.some((w) => w.includes("endpoint lacks config:GetComplianceDetailsByConfigRule"))).toBe(true);
  });

  it("a change notification is evaluated with its related resources read from the emulator", async () => {
    const { platform } = harness();
    const permissions = variant === "compliant" ? [fromAlb, fromAnywhere] : [fromAlb];
    const item = securityGroupItem(platform.taskSecurityGroupId, [
      ...permissions.map((p) =>
        "userIdGroupPairs" in p && p.userIdGroupPairs.length
          ? { ...p, userIdGroupPairs: [{ groupId: platform.albSecurityGroupId }] }
          : p,
      ),
    ]);
    const run = await harness().run(changeEvent(item, { itemId: "sg-alb-only", resultToken: "TESTMODE" }));
    expect(run.evaluations.map((e) => [e.resourceType, e.resourceId, e.compliance])).toEqual([
      [
        "AWS::EC2::SecurityGroup",
        platform.taskSecurityGroupId,
        variant === "compliant" ? "NON_COMPLIANT" : "COMPLIANT",
      ],
    ]);
  });
});
