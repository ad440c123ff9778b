/*
 * post-deploy-smoke and idempotent-writes in AWS Config: a scheduled run (the gate starts one after
 * every smoke run) decides each ECS service from the runs the gate recorded for the revision it
 * runs now. The results table is real (DynamoDB in the emulator); AWS Config is stubbed with
 * aws-sdk-client-mock because moto lacks PutEvaluations outside test mode (each request checked
 * against what Config refuses). Config takes no INSUFFICIENT_DATA: an undecided service is posted
 * NON_COMPLIANT with an "UNDECIDED: " annotation, while the results table keeps it undecided.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { gateRunsReader } from "@readiness/core/config-rules/index";
import { GateRunsStore } from "@readiness/core/gate/gate/runs-store";
import { EvaluationResultsStore } from "@readiness/core/kernel/results/evaluations";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import type { SmokeRun } from "@readiness/core/gate/smoke/types";
import { beforeAll, describe, expect, it } from "vitest";
import { scheduledEvent } from "../fixtures/config-events/events";
import { SERVICE_ARN, serviceItem, TASK_DEFINITION_ARN } from "../fixtures/config-events/platform";
import { createResultsTable } from "../gate/tables";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { collectorOf, evaluate, postedEvaluations, resourcesOf, stubConfigService } from "./support";

const emulator = useEmulator();
const TABLE = "readiness-results";
const config = stubConfigService();

const dynamodb = () => new DynamoDBClient(emulator.clientConfig());
const results = () => new EvaluationResultsStore(new ResultsTable(DynamoDBDocumentClient.from(dynamodb()), TABLE));
beforeAll(async () => createResultsTable(dynamodb(), TABLE));

const record = async (verdict: SmokeRun["verdict"], at: string, replay: SmokeRun["idempotentReplay"]) => {
  const reason = verdict === "PASS" ? "all checks passed" : "API answered 503 to the submit";
  const run: SmokeRun = {
    verdict,
    reason,
    failures: verdict === "PASS" ? [] : [reason],
    steps: [],
    sloSubmitMs: 100,
    idempotentReplay: replay,
    traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
    startedAt: at,
    finishedAt: at,
    target: { protocol: "http", endpoint: "https://api.example.com" },
  };
  await new GateRunsStore(ResultsTable.on(dynamodb(), TABLE)).recordRun({
    runId: `run-${at}`,
    service: SERVICE_ARN,
    revision: TASK_DEFINITION_ARN,
    verdict,
    reason,
    startedAt: at,
    run,
    provenance: { recordedBy: "readiness-deployment-gate", trigger: "deployment-event" },
  });
};

const evaluateItem = async (itemId: "post-deploy-smoke" | "idempotent-writes") => {
  config.resetHistory();
  await evaluate(scheduledEvent({ itemId }), {
    collect: collectorOf(resourcesOf(serviceItem({ taskDefinition: TASK_DEFINITION_ARN }))),
    readSmokeRun: gateRunsReader(ResultsTable.on(dynamodb(), TABLE)),
    results: results(),
  });
  return postedEvaluations(config);
};

describe("the gate's smoke runs in AWS Config", () => {
  it("Undecided: the running revision has no recorded smoke run (not ticked in Config, undecided in the table)", async () => {
    expect(await evaluateItem("post-deploy-smoke")).toMatchObject([
      {
        ComplianceResourceId: SERVICE_ARN,
        ComplianceType: "NON_COMPLIANT",
        Annotation: expect.stringMatching(/^UNDECIDED: no smoke run recorded for/),
      },
    ]);
    expect(await results().latestOfItem("post-deploy-smoke")).toMatchObject([
      {
        resourceId: SERVICE_ARN,
        compliance: "INSUFFICIENT_DATA",
        annotation: expect.stringMatching(/^no smoke run recorded for/),
      },
    ]);
  });

  it("Compliance: the running revision passed, and its replay returned the same task", async () => {
    await record("PASS", "2026-11-30T10:00:00.000Z", "same-task");
    expect(await evaluateItem("post-deploy-smoke")).toMatchObject([
      { ComplianceResourceId: SERVICE_ARN, ComplianceType: "COMPLIANT" },
    ]);
    expect(await evaluateItem("idempotent-writes")).toMatchObject([{ ComplianceType: "COMPLIANT" }]);
  });

  it("Noncompliance: a newer run of the running revision failed; its replay never ran", async () => {
    await record("FAIL", "2026-11-30T11:00:00.000Z", "not-run");
    expect(await evaluateItem("post-deploy-smoke")).toMatchObject([
      { ComplianceType: "NON_COMPLIANT", Annotation: expect.stringContaining("API answered 503 to the submit") },
    ]);
    expect(await evaluateItem("idempotent-writes")).toMatchObject([
      { ComplianceType: "NON_COMPLIANT", Annotation: expect.stringMatching(/^UNDECIDED: /) },
    ]);
    expect(await results().latestOfItem("idempotent-writes")).toMatchObject([{ compliance: "INSUFFICIENT_DATA" }]);
  });

  it("Undecided, not a crash: a results table that cannot be read", async () => {
    await evaluate(scheduledEvent({ itemId: "post-deploy-smoke" }), {
      collect: collectorOf(resourcesOf(serviceItem({ taskDefinition: TASK_DEFINITION_ARN }))),
      readSmokeRun: gateRunsReader(ResultsTable.on(dynamodb(), "no-such-table")),
    });
    expect(postedEvaluations(config)).toMatchObject([
      { ComplianceType: "NON_COMPLIANT", Annotation: expect.stringMatching(/^UNDECIDED: cannot read smoke runs/) },
    ]);
  });
});
