import { describe, expect, it } from "vitest";
import { checksOn } from "@readiness/devkit/testing/checks";
import { Inventory, type InventoryBranch } from "../inventory/inventory";
import type { Resource } from "../model/resource";
import { type ConfigRule, compliant, defineRule, nonCompliant, undecided } from "../rules/rule";
import { unknownValue } from "../model/value";
import { configOf, resource, scopeOf } from "@readiness/devkit/testing/builders";

const queue = (id: string, redrive: unknown) =>
  resource("AWS::SQS::Queue", id, redrive === undefined ? {} : { RedrivePolicy: redrive });

const dlqRule = defineRule({
  itemId: "dlq-coverage",
  resourceTypes: ["AWS::SQS::Queue"],
  readsTypes: [],
  evaluate: (q) =>
    q.properties.RedrivePolicy === "unknown"
      ? undecided("redrive unknown")
      : q.properties.RedrivePolicy
        ? compliant("has a DLQ")
        : nonCompliant("no DLQ"),
});

/** A base inventory whose branches assume UseDlq true, then false. */
const branched = (whenTrue: Resource[], whenFalse: Resource[], base: Resource[] = whenTrue): Inventory => {
  const branches: InventoryBranch[] = [
    { assumptions: [{ condition: "UseDlq", holds: true }], inventory: new Inventory(whenTrue) },
    { assumptions: [{ condition: "UseDlq", holds: false }], inventory: new Inventory(whenFalse) },
  ];
  return new Inventory(base, "template", branches);
};

const findings = (inventory: Inventory) => {
  const report = checksOn(inventory, [dlqRule as ConfigRule], { only: ["dlq-coverage"] });
  return report.items[0].findings.map((f) => ({ resource: f.resource, status: f.status, reason: f.reason }));
};

describe("judging every branch of undecidable conditions", () => {
  it("Compliance: passes only when every branch passes", () => {
    const inventory = branched([queue("Q", { a: 1 })], [queue("Q", { b: 2 })], [queue("Q", "unknown")]);
    expect(findings(inventory)).toEqual([{ resource: "Q", status: "pass", reason: "has a DLQ" }]);
  });

  it("Noncompliance 1: fails when every branch fails", () => {
    const inventory = branched([queue("Q", undefined)], [queue("Q", undefined)], [queue("Q", "unknown")]);
    expect(findings(inventory)).toEqual([{ resource: "Q", status: "fail", reason: "no DLQ" }]);
  });

  it("Unknown 1: branches that disagree are unknown, saying what each branch gives", () => {
    const inventory = branched([queue("Q", { a: 1 })], [queue("Q", undefined)]);
    expect(findings(inventory)).toEqual([
      {
        resource: "Q",
        status: "unknown",
        reason:
          "depends on a condition that cannot be decided before deploy: when UseDlq is true, passes (has a DLQ); when UseDlq is false, fails (no DLQ)",
      },
    ]);
  });

  it("Unknown 2: a branch that cannot decide keeps the verdict unknown", () => {
    const inventory = branched([queue("Q", undefined)], [queue("Q", "unknown")]);
    expect(findings(inventory)[0].status).toBe("unknown");
  });

  it("Noncompliance 2: a resource created in one branch only is judged where it exists", () => {
    const inventory = branched([queue("Q", { a: 1 }), queue("OnlyIfDlq", undefined)], [queue("Q", { b: 2 })]);
    expect(findings(inventory)).toEqual([
      { resource: "OnlyIfDlq", status: "fail", reason: "no DLQ" },
      { resource: "Q", status: "pass", reason: "has a DLQ" },
    ]);
  });

  it("Compliance: the base inventory is judged when there are no branches", () => {
    expect(findings(new Inventory([queue("Q", "unknown")]))).toEqual([
      { resource: "Q", status: "unknown", reason: "redrive unknown" },
    ]);
  });

  it("Noncompliance 3: branches agreeing on a verdict for different reasons give each reason with its branch", () => {
    const reasons = defineRule({
      ...dlqRule,
      evaluate: (q) => nonCompliant(`no DLQ on ${String(q.properties.QueueName)}`),
    });
    const name = (value: string) => resource("AWS::SQS::Queue", "Q", { QueueName: value });
    const inventory = branched([name("a")], [name("b")]);
    const report = checksOn(inventory, [reasons as ConfigRule], { only: ["dlq-coverage"] });
    expect(report.items[0].findings[0]).toMatchObject({
      status: "fail",
      reason: "when UseDlq is true: no DLQ on a; when UseDlq is false: no DLQ on b",
    });
  });

  it("Compliance: a restricted scope takes in what a service uses in any branch", () => {
    const service = () => resource("AWS::ECS::Service", "Api", { ServiceName: "api", TaskDefinition: "ApiTask" });
    const task = (containers: unknown) =>
      resource("AWS::ECS::TaskDefinition", "ApiTask", { ContainerDefinitions: containers });
    const logs = resource("AWS::Logs::LogGroup", "SidecarLogs", {}, ["/ecs/sidecar"]);
    const withSidecar = [{ Name: "sidecar", LogConfiguration: { Options: { "awslogs-group": "/ecs/sidecar" } } }];
    const inventory = branched(
      [service(), task(withSidecar), logs],
      [service(), task([]), logs],
      [service(), task(unknownValue("whether entry 1 is set depends on condition UseSidecar")), logs],
    );
    const scope = scopeOf(inventory, configOf({ services: [{ service: "api", role: "api" }] }));
    expect(scope.includes(inventory.get("SidecarLogs")!)).toBe(true);
  });
});
