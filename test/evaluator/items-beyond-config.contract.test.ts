/*
 * Items that configuration alone cannot decide: until something records their evidence, probe or
 * document, a passing configuration is undecided, saying what is missing, never COMPLIANT. AWS
 * Config refuses INSUFFICIENT_DATA from PutEvaluations, so an undecided resource is posted
 * NON_COMPLIANT (not ticked) with an annotation that begins "UNDECIDED: ".
 * (AWS Config stubbed with aws-sdk-client-mock, checked against Config's contract: see scheduled.contract.)
 */

import { compliant, defineRule, nonCompliant } from "@readiness/core/checklist/rules/rule";
import { expect, it } from "vitest";
import { changeEvent, scheduledEvent } from "../fixtures/config-events/events";
import { itemOf, type RawItem } from "../fixtures/config-events/items";
import { SERVICE_ARN, serviceItem } from "../fixtures/config-events/platform";
import { collectorOf, evaluate, postedEvaluations, resourcesOf, stubConfigService } from "./support";

const config = stubConfigService();

const drainRule = (pass: boolean) =>
  defineRule({
    itemId: "graceful-shutdown",
    resourceTypes: ["AWS::ECS::Service"],
    readsTypes: [],
    evaluate: () =>
      pass
        ? compliant("stopTimeout 60 s ≥ drain 30 s")
        : nonCompliant("container worker: stopTimeout 2 s < drain 30 s"),
  });

it("Undecided: graceful-shutdown's configuration passes but no drain drill is recorded", async () => {
  const run = await evaluate(changeEvent(serviceItem(), { itemId: "graceful-shutdown" }), {
    collect: collectorOf([]),
    rules: [drainRule(true)],
  });
  expect(postedEvaluations(config)).toMatchObject([
    {
      ComplianceResourceId: SERVICE_ARN,
      ComplianceType: "NON_COMPLIANT",
      Annotation:
        "UNDECIDED: configuration passes (stopTimeout 60 s ≥ drain 30 s); needs evidence: no drain drill recorded",
    },
  ]);
  expect(run.evaluations).toMatchObject([{ compliance: "INSUFFICIENT_DATA" }]);
});

/** An ECS service of the sample platform under another name, behind no load balancer: its name tells its role. */
const namedService = (name: string): RawItem => {
  const arn = SERVICE_ARN.replace(/\/api$/, `/${name}`);
  return itemOf("AWS::ECS::Service", {
    resourceId: arn,
    resourceName: name,
    arn,
    configuration: {
      ServiceArn: arn,
      ServiceName: name,
      LoadBalancers: [],
      TaskDefinition: `${arn.split(":service/")[0]}:task-definition/${name}:3`,
    },
  });
};

it("Compliance: drain evidence is the workers' to hold: the API passes on its configuration, a service of unknown role still waits", async () => {
  const worker = namedService("task-worker");
  const recorded = (service: string, itemId: string) =>
    Promise.resolve(
      service === worker.resourceId && itemId === "graceful-shutdown"
        ? {
            itemId,
            service,
            revision: `${service.split(":service/")[0]}:task-definition/task-worker:3`,
            recordedAt: new Date(Date.now() - 3_600_000).toISOString(),
            evidenceId: "drill-1",
            provenance: { source: "readiness drill drain" },
            figures: { lost: 0 },
            verdict: "pass" as const,
            reason: "SIGTERM with 8 of 8 tasks in flight; all 8 completed exactly once",
          }
        : undefined,
    );
  await evaluate(scheduledEvent({ itemId: "graceful-shutdown" }), {
    collect: collectorOf(resourcesOf(worker, namedService("task-api"), namedService("billing"))),
    rules: [drainRule(true)],
    readEvidence: recorded,
  });
  const posted = Object.fromEntries(
    postedEvaluations(config).map((e) => [
      String(e.ComplianceResourceId).split("/").pop(),
      [e.ComplianceType, e.Annotation],
    ]),
  );
  expect(posted["task-worker"]?.[0]).toBe("COMPLIANT");
  expect(posted["task-api"]).toEqual(["COMPLIANT", "stopTimeout 60 s ≥ drain 30 s"]);
  // No role can be told from "billing": it may be a worker, so it is not ticked without a drain drill.
  expect(posted.billing?.[0]).toBe("NON_COMPLIANT");
  expect(posted.billing?.[1]).toMatch(/^UNDECIDED: /);
});

it("Not applicable: idempotent-writes, held by the API's smoke runs, does not concern a worker; a service of unknown role waits", async () => {
  const api = namedService("task-api");
  const runs = (service: string) =>
    Promise.resolve(
      service === api.resourceId
        ? {
            verdict: "PASS",
            reason: "all checks passed",
            idempotentReplay: "same-task",
            startedAt: "2026-12-06T10:00:00.000Z",
          }
        : undefined,
    );
  await evaluate(scheduledEvent({ itemId: "idempotent-writes" }), {
    collect: collectorOf(resourcesOf(api, namedService("task-worker"), namedService("billing"))),
    readSmokeRun: runs as never,
  });
  const posted = Object.fromEntries(
    postedEvaluations(config).map((e) => [String(e.ComplianceResourceId).split("/").pop(), e.ComplianceType]),
  );
  expect(posted).toEqual({ "task-api": "COMPLIANT", "task-worker": "NOT_APPLICABLE", billing: "NON_COMPLIANT" });
});

it("Noncompliance: a failing configuration fails whatever the evidence", async () => {
  await evaluate(changeEvent(serviceItem(), { itemId: "graceful-shutdown" }), {
    collect: collectorOf([]),
    rules: [drainRule(false)],
  });
  expect(postedEvaluations(config)).toMatchObject([
    { ComplianceType: "NON_COMPLIANT", Annotation: "container worker: stopTimeout 2 s < drain 30 s" },
  ]);
});

it("a document item with no configuration rule says what would decide it, per ECS service on a schedule", async () => {
  await evaluate(scheduledEvent({ itemId: "slo-defined" }), { collect: collectorOf(resourcesOf(serviceItem())) });
  expect(postedEvaluations(config)).toMatchObject([
    {
      ComplianceResourceType: "AWS::ECS::Service",
      ComplianceResourceId: SERVICE_ARN,
      ComplianceType: "NON_COMPLIANT",
      Annotation: "UNDECIDED: needs document: no SLO file (set documents.slo in readiness.yml)",
    },
  ]);
});

it("Undecided, not ticked: a scheduled oncall run posts what Config accepts, and the run keeps it undecided", async () => {
  const run = await evaluate(scheduledEvent({ itemId: "oncall" }), {
    collect: collectorOf(resourcesOf(serviceItem())),
  });
  expect(postedEvaluations(config)).toEqual([
    {
      ComplianceResourceType: "AWS::ECS::Service",
      ComplianceResourceId: SERVICE_ARN,
      ComplianceType: "NON_COMPLIANT",
      Annotation:
        "UNDECIDED: needs document: no on-call rotation (set documents.oncall and launchDate in readiness.yml)",
      OrderingTimestamp: expect.any(Date),
    },
  ]);
  expect(run.evaluations).toMatchObject([
    {
      compliance: "INSUFFICIENT_DATA",
      annotation: "needs document: no on-call rotation (set documents.oncall and launchDate in readiness.yml)",
    },
  ]);
});
