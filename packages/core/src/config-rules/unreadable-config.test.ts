import { describe, expect, it } from "vitest";
import { inventoryOf, resource, scopeOf } from "@readiness/devkit/testing/builders";
import { CHECKLIST } from "../checklist/catalogue/items";
import { paramsFromConfig } from "../checklist/config/params";
import { DEFAULT_CONFIG } from "../checklist/config/schema";
import { evaluateItem, type PartDecider } from "../checklist/engine/item-evaluation";
import type { Status } from "../checklist/model/finding";
import { type ConfigRule, compliant, defineRule, nonCompliant, undecided } from "../checklist/rules/rule";
import { configEvaluationsOf } from "./evaluate";

/** The Config view of mtls: the probe's evidence is about the API services, the rule's subjects are listeners. */
const LISTENER = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/api/1/2";
const SERVICE = "arn:aws:ecs:us-east-1:111111111111:service/platform/api";

const listenerRule = defineRule({
  itemId: "mtls",
  resourceTypes: ["AWS::ElasticLoadBalancingV2::Listener"],
  readsTypes: [],
  evaluate: (listener) =>
    listener.properties.Mode === undefined
      ? undecided("MutualAuthentication unknown")
      : listener.properties.Mode === "verify"
        ? compliant("verifies client certificates")
        : nonCompliant("mode off"),
});

const probe =
  (status: Status): PartDecider =>
  (item, kind) =>
    item.id === "mtls" && kind === "probe"
      ? {
          status,
          reason: `api: handshake ${status}`,
          findings: [{ resource: SERVICE, type: "AWS::ECS::Service", status, reason: "handshake", kind: "probe" }],
        }
      : undefined;

const posted = (listener: Record<string, unknown>, status: Status) => {
  const inventory = inventoryOf(resource("AWS::ElasticLoadBalancingV2::Listener", LISTENER, listener));
  const item = CHECKLIST.find((i) => i.id === "mtls")!;
  const evaluation = evaluateItem({
    item,
    rules: [listenerRule as ConfigRule],
    inventory,
    scope: scopeOf(inventory),
    params: paramsFromConfig(DEFAULT_CONFIG)("mtls"),
    partDeciders: [probe(status)],
  });
  return configEvaluationsOf(evaluation, { at: new Date(0) }).map((e) => [e.compliance, e.annotation]);
};

describe("mtls in AWS Config: the recorded probe decides an unreadable listener", () => {
  it("Compliance: unreadable listener settings, the probe passed", () => {
    expect(posted({}, "pass")).toEqual([
      ["COMPLIANT", "api: handshake pass (configuration undecided: MutualAuthentication unknown)"],
    ]);
  });

  it("Compliance: a verifying listener and a passing probe (evidence about the services, not the listener)", () => {
    expect(posted({ Mode: "verify" }, "pass")).toEqual([["COMPLIANT", "verifies client certificates"]]);
  });

  it("Noncompliance: the probe failed, though the listener verifies", () => {
    expect(posted({ Mode: "verify" }, "fail")).toEqual([["NON_COMPLIANT", "api: handshake fail"]]);
  });

  it("Noncompliance: a listener that does not verify fails whatever the probe says", () => {
    expect(posted({ Mode: "off" }, "pass")).toEqual([["NON_COMPLIANT", "mode off"]]);
  });

  it("Undecided: unreadable settings and an undecided probe", () => {
    expect(posted({}, "unknown")[0]?.[0]).toBe("INSUFFICIENT_DATA");
  });
});
