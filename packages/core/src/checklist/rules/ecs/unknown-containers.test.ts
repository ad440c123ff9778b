import { describe, expect, it } from "vitest";
import { defaultParams } from "../../catalogue/params";
import { unknownValue } from "../../model/value";
import { configOf, inventoryOf, resource, scopeOf } from "@readiness/devkit/testing/builders";
import { RULES } from "../registry";
import type { RuleOutcome } from "../rule";

// A task definition whose containers nobody can know before deploy (a custom resource's attribute),
// whole or one entry of them: every rule that reads containers must say unknown, never judge an
// empty container (a pass from nothing) and never call the task definition container-less.
const WHOLE = unknownValue("ContainerDefinitions of Builder (custom resource) is only known after deploy");
const ENTRY = [unknownValue("ImageSpec of Builder (custom resource) is only known after deploy")];

/** The items whose rules read a task definition's containers. */
const CONTAINER_ITEMS = new Set([
  "graceful-shutdown",
  "no-env-secrets",
  "container-hardening",
  "image-provenance",
  "traces-exported",
  "log-retention",
]);

const outcomesOn = (containerDefinitions: unknown): { item: string; outcome: RuleOutcome }[] => {
  const taskDefinition = resource(
    "AWS::ECS::TaskDefinition",
    "Td",
    { Family: "td", ContainerDefinitions: containerDefinitions },
    ["arn:aws:ecs:us-east-1:123456789012:task-definition/td:1"],
  );
  const service = resource("AWS::ECS::Service", "Worker", { ServiceName: "worker", TaskDefinition: "Td" });
  const inventory = inventoryOf(taskDefinition, service);
  const scope = scopeOf(inventory, configOf({ services: [{ service: "Worker", role: "worker" }] }));
  return RULES.filter((rule) => CONTAINER_ITEMS.has(rule.itemId)).flatMap((rule) =>
    rule.resourceTypes.flatMap((type) =>
      inventory.ofType(type).flatMap((subject) => {
        const outcome = rule.evaluate(subject, { inventory, scope, params: defaultParams(rule.itemId) } as never);
        return (Array.isArray(outcome) ? outcome : [outcome]).map((o: RuleOutcome) => ({
          item: rule.itemId,
          outcome: o,
        }));
      }),
    ),
  );
};

describe("containers only known after deploy", () => {
  it.each([
    ["the whole list", WHOLE],
    ["one entry of it", ENTRY],
  ])("Unknown: %s unknown leaves every container rule undecided, with the reason", (_what, definitions) => {
    const outcomes = outcomesOn(definitions);
    expect(new Set(outcomes.map((o) => o.item))).toEqual(CONTAINER_ITEMS);
    for (const { item, outcome } of outcomes)
      expect({ item, verdict: outcome.verdict, reason: outcome.reason }).toEqual({
        item,
        verdict: "unknown",
        reason: expect.stringContaining("only known after deploy"),
      });
  });
});
