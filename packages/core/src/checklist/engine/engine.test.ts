import { CHECKLIST } from "../catalogue/items";
import { describe, expect, it } from "vitest";
import { checksOn } from "@readiness/devkit/testing/checks";
import { type ConfigRule, compliant, defineRule, nonCompliant } from "../rules/rule";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import type { EngineInput } from "./engine";

const queue = (id: string, props: Record<string, unknown> = {}) => resource("AWS::SQS::Queue", id, props);

const dlqRule = defineRule({
  itemId: "dlq-coverage",
  resourceTypes: ["AWS::SQS::Queue"],
  readsTypes: [],
  evaluate: (q) => (q.properties.RedrivePolicy ? compliant("has a DLQ") : nonCompliant("no DLQ")),
});

const throwingRule = defineRule({
  itemId: "log-retention",
  resourceTypes: ["AWS::SQS::Queue"],
  readsTypes: [],
  evaluate: () => {
    throw new Error("boom");
  },
});

const run = (rules: readonly ConfigRule[], overrides: Partial<EngineInput> = {}) => {
  const inventory = overrides.inventory ?? inventoryOf(queue("Good", { RedrivePolicy: {} }), queue("Bad"));
  return checksOn(inventory, rules, overrides);
};

describe("runChecks", () => {
  it("reports every checklist item in checklist order, failed findings first", () => {
    const report = run([dlqRule as ConfigRule]);
    expect(report.items).toHaveLength(CHECKLIST.length);
    const dlq = report.items.find((i) => i.id === "dlq-coverage")!;
    expect(dlq.status).toBe("fail");
    expect(dlq.findings.map((f) => [f.resource, f.status])).toEqual([
      ["Bad", "fail"],
      ["Good", "pass"],
    ]);
  });

  it("turns a throwing rule into an unknown finding on that resource and goes on", () => {
    const report = run([throwingRule as ConfigRule, dlqRule as ConfigRule]);
    const logs = report.items.find((i) => i.id === "log-retention")!;
    expect(logs.status).toBe("unknown");
    expect(logs.findings[0].reason).toContain("evaluation error in log-retention: boom");
    expect(report.items.find((i) => i.id === "dlq-coverage")!.status).toBe("fail");
  });

  it("marks non-config parts unknown with the catalogue's reason: never ticked", () => {
    const report = run([dlqRule as ConfigRule]);
    const load = report.items.find((i) => i.id === "load-tested")!;
    expect(load.status).toBe("unknown");
    expect(load.summary).toBe("needs evidence: no load test recorded");
  });

  it("keeps a mixed item unknown when its config part passes but its evidence is missing", () => {
    const rule = defineRule({ ...dlqRule, itemId: "graceful-shutdown", evaluate: () => compliant("ok") });
    const item = run([rule as ConfigRule]).items.find((i) => i.id === "graceful-shutdown")!;
    expect(item.parts.map((p) => [p.kind, p.status])).toEqual([
      ["config", "pass"],
      ["evidence", "unknown"],
    ]);
    expect(item.status).toBe("unknown");
  });

  it("never passes an item with nothing to check", () => {
    const item = run([dlqRule as ConfigRule], { inventory: inventoryOf() }).items.find((i) => i.id === "dlq-coverage")!;
    expect(item.status).toBe("unknown");
    expect(item.summary).toContain("no in-scope AWS::SQS::Queue");
  });

  it("applies --only and --skip", () => {
    expect(run([], { only: ["dlq-coverage", "mtls"] }).items.map((i) => i.id)).toEqual(["dlq-coverage", "mtls"]);
    expect(run([], { skip: ["dlq-coverage"] }).items.map((i) => i.id)).not.toContain("dlq-coverage");
  });

  it("makes a passing config part unknown when the source could not read a type the rule needs", () => {
    const inventory = inventoryOf(queue("Good", { RedrivePolicy: {} }));
    const unreadableTypes = new Map([["AWS::SQS::Queue", "missing permission sqs:ListQueues"]]);
    const item = run([dlqRule as ConfigRule], { inventory, unreadableTypes }).items.find(
      (i) => i.id === "dlq-coverage",
    )!;
    expect(item.status).toBe("unknown");
    expect(item.summary).toContain("missing permission sqs:ListQueues");
  });

  it("keeps a failure a failure when a type could not be read, and says what was not read", () => {
    const inventory = inventoryOf(queue("Bad"));
    const unreadableTypes = new Map([["AWS::Lambda::Function", "endpoint lacks lambda:ListFunctions"]]);
    const rule = { ...dlqRule, readsTypes: ["AWS::Lambda::Function"] } as ConfigRule;
    const item = run([rule], { inventory, unreadableTypes }).items.find((i) => i.id === "dlq-coverage")!;
    expect(item.status).toBe("fail");
    expect(item.summary).toBe(
      "1 of 1 resources fail; could not read everything: AWS::Lambda::Function: endpoint lacks lambda:ListFunctions",
    );
  });
});
