import { describe, expect, it } from "vitest";
import { itemById } from "../catalogue/items";
import { defaultParams } from "../catalogue/params";
import { configEvaluationsOf } from "../../config-rules/evaluate";
import { IAM_ROLE } from "../inventory/relations/iam";
import type { Resource } from "../model/resource";
import { compliant, defineRule, nonCompliant } from "../rules/rule";
import { configOf, inventoryOf, resource, scopeOf } from "@readiness/devkit/testing/builders";
import { itemResultOf } from "./engine";
import { evaluateItem, type PartDecider } from "./item-evaluation";

// One engine, two views: the CLI report (itemResultOf) and the Config evaluations
// (configEvaluationsOf) are read off the same ItemEvaluation, so they cannot disagree on a verdict.
const AT = new Date("2026-12-01T00:00:00Z");
const role = (id: string, scoped: boolean): Resource =>
  resource(IAM_ROLE, id, { RoleName: id, Scoped: scoped }, [`arn:aws:iam::123456789012:role/${id}`]);
const scopedPolicies = defineRule({
  itemId: "iam-least-privilege",
  resourceTypes: [IAM_ROLE],
  readsTypes: [],
  evaluate: (r) => (r.properties.Scoped ? compliant("policies scoped") : nonCompliant('Action "*"')),
});
const throwing = defineRule({
  itemId: "iam-least-privilege",
  resourceTypes: [IAM_ROLE],
  readsTypes: [],
  evaluate: () => {
    throw new Error("boom");
  },
});
const ITEM = itemById("iam-least-privilege");

const evaluate = (roles: Resource[], options: { deciders?: PartDecider[]; rules?: (typeof scopedPolicies)[] } = {}) => {
  const inventory = inventoryOf(...roles);
  return evaluateItem({
    item: ITEM,
    rules: options.rules ?? [scopedPolicies],
    inventory,
    scope: scopeOf(inventory),
    params: defaultParams("iam-least-privilege"),
    partDeciders: options.deciders ?? [],
  });
};

const probeSays =
  (status: "pass" | "fail", who: Resource): PartDecider =>
  (item, kind) =>
    item.id === ITEM.id && kind === "probe"
      ? {
          status,
          reason: "simulated",
          findings: [{ resource: who.id, type: IAM_ROLE, status, reason: `role ${who.id}: ${status}`, kind: "probe" }],
        }
      : undefined;

describe("the one engine and its two views", () => {
  it("Unknown: a passing configuration with its probe undecided is unknown in the report and undecided for Config", () => {
    const good = role("Good", true);
    const evaluation = evaluate([good]);
    expect(itemResultOf(evaluation)).toMatchObject({
      status: "unknown",
      parts: [
        { kind: "config", status: "pass" },
        { kind: "probe", status: "unknown", reason: ITEM.needs.probe },
      ],
    });
    expect(configEvaluationsOf(evaluation, { at: AT })).toEqual([
      expect.objectContaining({
        resourceId: "Good",
        compliance: "INSUFFICIENT_DATA",
        annotation: `configuration passes (policies scoped); ${ITEM.needs.probe}`,
      }),
    ]);
  });

  it.each([
    [
      "Noncompliance: a probe's failure on a resource fails it in both views, whatever its configuration",
      "fail",
      "NON_COMPLIANT",
      "role Good: fail",
    ],
    [
      "Compliance: configuration and probe both pass: ticked in the report, COMPLIANT for Config",
      "pass",
      "COMPLIANT",
      "policies scoped; role Good: pass",
    ],
  ] as const)("%s", (_scenario, probe, compliance, annotation) => {
    const good = role("Good", true);
    const evaluation = evaluate([good], { deciders: [probeSays(probe, good)] });
    expect(itemResultOf(evaluation).status).toBe(probe);
    expect(configEvaluationsOf(evaluation, { at: AT })).toEqual([
      expect.objectContaining({ resourceId: "Good", compliance, annotation }),
    ]);
  });

  it("Unknown: a throwing rule is one unknown outcome on that resource in both views, never a failed run", () => {
    const evaluation = evaluate([role("Good", true)], { rules: [throwing] });
    expect(itemResultOf(evaluation).findings).toEqual([
      expect.objectContaining({
        resource: "Good",
        status: "unknown",
        reason: "evaluation error in iam-least-privilege: boom",
      }),
    ]);
    expect(configEvaluationsOf(evaluation, { at: AT })).toEqual([
      expect.objectContaining({ resourceId: "Good", compliance: "INSUFFICIENT_DATA" }),
    ]);
  });

  it("NotApplicable: a subject outside the scope is left out of the report and NOT_APPLICABLE for Config", () => {
    const outside = role("Outside", false);
    const inventory = inventoryOf(outside);
    const evaluation = evaluateItem({
      item: ITEM,
      rules: [scopedPolicies],
      inventory,
      scope: scopeOf(inventory, configOf({ services: [{ service: "nothing-here", role: "api" }] })),
      params: defaultParams("iam-least-privilege"),
    });
    expect(itemResultOf(evaluation).findings).toEqual([]);
    expect(configEvaluationsOf(evaluation, { at: AT })).toEqual([
      expect.objectContaining({
        resourceId: "Outside",
        compliance: "NOT_APPLICABLE",
        annotation: "not in the evaluated scope",
      }),
    ]);
  });
});
