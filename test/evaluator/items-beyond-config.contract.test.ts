/*
 * Items that configuration alone cannot decide: until something records their evidence, probe or
 * document, a passing configuration is undecided, saying what is missing, never COMPLIANT. AWS
 * Config refuses INSUFFICIENT_DATA from PutEvaluations, so an undecided resource is posted
 * NON_COMPLIANT (not ticked) with an annotation that begins "UNDECIDED: ".
 * (AWS Config stubbed with aws-sdk-client-mock, checked against Config's contract: see scheduled.contract.)
 */
import { expect, it } from "vitest";
import { compliant, defineRule, nonCompliant } from "@readiness/core/checklist/rules/rule";
import { changeEvent, scheduledEvent } from "../fixtures/config-events/events";
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
      Annotation: "UNDECIDED: needs document: no SLO file published",
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
      Annotation: "UNDECIDED: needs document: no on-call rotation published",
      OrderingTimestamp: expect.any(Date),
    },
  ]);
  expect(run.evaluations).toMatchObject([
    { compliance: "INSUFFICIENT_DATA", annotation: "needs document: no on-call rotation published" },
  ]);
});
