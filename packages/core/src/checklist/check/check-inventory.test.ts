import { describe, expect, it } from "vitest";
import { UsageError } from "../../kernel/errors";
import type { Resource } from "../model/resource";
import { compliant, defineRule, nonCompliant } from "../rules/rule";
import { configOf, inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { CHECKLIST } from "../catalogue/items";
import { type InventoryCheckInput, checkInventory } from "./check-inventory";

// A stand-in rule keeps these tests about composition, independent of the real rules' logic.
const desiredCountRule = defineRule({
  itemId: "ecs-multi-az",
  resourceTypes: ["AWS::ECS::Service"],
  readsTypes: [],
  evaluate: (service: Resource, { params }) =>
    Number(service.properties.DesiredCount) >= params.minDesiredCount
      ? compliant("enough tasks")
      : nonCompliant(`desired count ${String(service.properties.DesiredCount)}`),
});

const inventory = inventoryOf(
  resource("AWS::ECS::Service", "Api", { ServiceName: "api", DesiredCount: 2 }),
  resource("AWS::ECS::Service", "Worker", { ServiceName: "worker", DesiredCount: 1 }),
);

/** checkInventory of the two services with the desired-count rule, default config; `input` adds to or replaces that. */
const checkServices = (input: Partial<InventoryCheckInput>) =>
  checkInventory({ inventory, source: "t", config: configOf(), rules: [desiredCountRule], ...input });

describe("checkInventory", () => {
  it("Noncompliance: runs the rules over the inventory with the config's parameters", () => {
    const { report } = checkServices({ source: "t.yaml", only: ["ecs-multi-az"] });
    expect(report.source).toBe("t.yaml");
    expect(report.items.map((i) => [i.id, i.status])).toEqual([["ecs-multi-az", "fail"]]);
    expect(report.items[0].findings.map((f) => f.resource)).toEqual(["Worker", "Api"]);
  });

  it("Compliance: readiness.yml parameters and --service scope apply", () => {
    const config = configOf({ rules: { "ecs-multi-az": { minDesiredCount: 1 } } });
    const { report } = checkServices({ config, only: ["ecs-multi-az"] });
    expect(report.items[0].status).toBe("pass");
    const scoped = checkServices({ only: ["ecs-multi-az"], services: ["api"] });
    expect(scoped.report.items[0].status).toBe("pass");
  });

  it("--skip leaves items out", () => {
    const { report } = checkServices({ skip: ["ecs-multi-az"] });
    expect(report.items).toHaveLength(CHECKLIST.length - 1);
    expect(report.items.map((item) => item.id)).not.toContain("ecs-multi-az");
  });

  it("an unknown --service is a usage error listing the services found", () => {
    expect(() => checkInventory({ inventory, source: "t", config: configOf(), services: ["nope"] })).toThrow(
      UsageError,
    );
    expect(() => checkInventory({ inventory, source: "t", config: configOf(), services: ["nope"] })).toThrow(
      /services found: api, worker/,
    );
  });

  it("warns about readiness.yml services that match nothing", () => {
    const config = configOf({
      services: [
        { service: "api", role: "api" },
        { service: "ghost", role: "worker" },
      ],
    });
    const { warnings } = checkInventory({ inventory, source: "t.yaml", config, rules: [desiredCountRule] });
    expect(warnings).toEqual(['readiness.yml service "ghost" matches no ECS service in t.yaml; it is not checked']);
  });

  it("a cluster that runs no service is a usage error, with the reason when the services could not be read", () => {
    const noServices = inventoryOf();
    const run = (unreadableTypes?: Map<string, string>) => () =>
      checkInventory({
        inventory: noServices,
        source: "live AWS",
        config: configOf(),
        clusters: ["prod"],
        unreadableTypes,
      });
    expect(run()).toThrow(UsageError);
    expect(run()).toThrow("no ECS service runs in cluster prod; services found: none");
    expect(run(new Map([["AWS::ECS::Service", "missing permission ecs:ListServices"]]))).toThrow(
      "no ECS service runs in cluster prod; services found: none (ECS services could not be read: missing permission ecs:ListServices)",
    );
  });
});
