/*
 * Items that configuration alone cannot decide: until something records their evidence, probe or
 * document, a passing configuration is INSUFFICIENT_DATA saying what is missing, never COMPLIANT.
 * (AWS Config stubbed with aws-sdk-client-mock: see scheduled.contract.)
 */
import { expect, it } from "vitest";
import { compliant, defineRule, nonCompliant } from "../../packages/core/src/rules/rule";
import { changeEvent, scheduledEvent } from "../fixtures/config-events/events";
import { SERVICE_ARN, serviceItem } from "../fixtures/config-events/platform";
import { collectorOf, evaluate, postedEvaluations, resourcesOf, stubConfigService } from "./support";

const config = stubConfigService();

const drainRule = (pass: boolean) =>
  defineRule({
    itemId: "graceful-shutdown",
    resourceTypes: ["AWS::ECS::Service"],
    readsTypes: [],
    liveActions: [],
    evaluate: () =>
      pass
        ? compliant("stopTimeout 60 s ≥ drain 30 s")
        : nonCompliant("container worker: stopTimeout 2 s < drain 30 s"),
  });

it("Insufficient data: graceful-shutdown's configuration passes but no drain drill is recorded", async () => {
  await evaluate(changeEvent(serviceItem(), { itemId: "graceful-shutdown" }), {
    collect: collectorOf([]),
    rules: [drainRule(true)],
  });
  expect(postedEvaluations(config)).toMatchObject([
    {
      ComplianceResourceId: SERVICE_ARN,
      ComplianceType: "INSUFFICIENT_DATA",
      Annotation: "configuration passes (stopTimeout 60 s ≥ drain 30 s); needs evidence: no drain drill recorded",
    },
  ]);
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
      ComplianceType: "INSUFFICIENT_DATA",
      Annotation: "needs document: no SLO file published",
    },
  ]);
});
