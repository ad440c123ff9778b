import { declaredRule } from "@readiness/devkit/fixtures/iam-rules";
import { describe, expect, it } from "vitest";
import type { ItemId } from "../catalogue/items";
import { CHECKLIST, itemById } from "../catalogue/items";
import { defaultParams } from "../catalogue/params";
import { changeScopeOf, configRuleName, configRuleSpecs } from "./config-rules";

const recordedTypes = new Set(["AWS::SQS::Queue", "AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::EC2::VPC"]);
const paramsOf = (id: ItemId) => defaultParams(id) as Record<string, unknown>;

describe("changeScopeOf", () => {
  it("Compliance: subject types only (not the types a rule reads), split by whether Config records them", () => {
    const rules = [
      declaredRule("private-subnets", { resourceTypes: ["AWS::ECS::Service"], readsTypes: ["AWS::EC2::Subnet"] }),
      declaredRule("private-subnets", {
        resourceTypes: ["AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::ECS::Service"],
      }),
    ];
    expect(changeScopeOf(rules, recordedTypes)).toEqual({
      recorded: ["AWS::ECS::Service"],
      unrecorded: ["AWS::ElasticLoadBalancingV2::TargetGroup"],
    });
  });
});

describe("configRuleSpecs", () => {
  const rules = [
    declaredRule("dlq-coverage", { resourceTypes: ["AWS::SQS::Queue"] }),
    declaredRule("log-retention", { resourceTypes: ["AWS::Logs::LogGroup"] }),
    declaredRule("golden-signals", { resourceTypes: ["AWS::SQS::Queue"] }),
  ];
  const specs = configRuleSpecs({ items: CHECKLIST, rules, paramsOf, recordedTypes });
  const spec = (id: ItemId) => specs.find((s) => s.itemId === id)!;

  it("Compliance: one rule per checklist item, named readiness-<item id>", () => {
    expect(specs.map((s) => s.name)).toEqual(CHECKLIST.map((i) => `readiness-${i.id}`));
    expect(configRuleName("mtls")).toBe("readiness-mtls");
  });

  it("Compliance: a config item with recorded types is change-triggered on them and nightly", () => {
    expect(spec("dlq-coverage")).toMatchObject({
      changeTypes: ["AWS::SQS::Queue"],
      periodic: true,
      unrecordedTypes: [],
    });
  });

  it("Compliance: an item whose types Config does not record is periodic only, and says which types", () => {
    expect(spec("log-retention")).toMatchObject({
      changeTypes: [],
      periodic: true,
      unrecordedTypes: ["AWS::Logs::LogGroup"],
    });
  });

  it("Compliance: an item without rules (document, evidence) is periodic only", () => {
    expect(itemById("slo-defined").kinds).not.toContain("config");
    expect(spec("slo-defined")).toMatchObject({ changeTypes: [], periodic: true });
  });

  it("Compliance: a mixed document + config item with rules keeps both triggers", () => {
    expect(spec("golden-signals")).toMatchObject({ changeTypes: ["AWS::SQS::Queue"], periodic: true });
  });

  it("Compliance: a change-triggered item that is not a config item is not periodic", () => {
    const probeRule = [declaredRule("idempotent-writes", { resourceTypes: ["AWS::ECS::Service"] })];
    const [only] = configRuleSpecs({
      items: [itemById("idempotent-writes")],
      rules: probeRule,
      paramsOf,
      recordedTypes,
    });
    expect(only).toMatchObject({ changeTypes: ["AWS::ECS::Service"], periodic: false });
  });

  it("Compliance: input parameters are the item id and its parameters, encoded as strings", () => {
    expect(spec("load-tested").inputParameters).toEqual({
      itemId: "load-tested",
      minRequestsPerSecond: "500",
      sameRevision: "false",
      validityDays: "30",
    });
    const overridden = configRuleSpecs({
      items: [itemById("log-retention")],
      rules,
      paramsOf: () => ({ minRetentionDays: 90 }),
      recordedTypes,
    });
    expect(overridden[0].inputParameters).toEqual({ itemId: "log-retention", minRetentionDays: "90" });
  });

  it("Noncompliance 1: more than 100 recorded types for one item is refused", () => {
    const many = Array.from({ length: 101 }, (_, i) => `AWS::Svc${i}::Thing`);
    const tooBroad = [declaredRule("mtls", { resourceTypes: many })];
    expect(() =>
      configRuleSpecs({ items: [itemById("mtls")], rules: tooBroad, paramsOf, recordedTypes: new Set(many) }),
    ).toThrow(/101 resource types, over AWS Config's 100/);
  });
});
