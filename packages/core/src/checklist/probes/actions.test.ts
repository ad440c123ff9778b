import { describe, expect, it } from "vitest";
import { evaluatorPolicyStatements, probeActions } from "../iam/evaluator-policy";
import { declaredRule } from "@readiness/devkit/fixtures/iam-rules";
import { RULES } from "../rules/registry";
import { CHECKLIST } from "../catalogue/items";

const ARNS = { resultsTable: "arn:table", configRules: "arn:rules" };
const liveReads = (rules: Parameters<typeof evaluatorPolicyStatements>[0]) =>
  evaluatorPolicyStatements(rules, ARNS).find((s) => s.sid === "LiveReads")?.actions;

describe("the probe's permission in the evaluator's derived policy", () => {
  it("Compliance: iam:SimulatePrincipalPolicy is granted where the iam-least-privilege rule is deployed", () => {
    expect(probeActions([declaredRule("iam-least-privilege")])).toEqual(["iam:SimulatePrincipalPolicy"]);
    expect(liveReads(RULES)).toContain("iam:SimulatePrincipalPolicy");
  });

  it("NotApplicable: it is not granted when no deployed rule's item has a probe", () => {
    const rules = [declaredRule("log-retention", { resourceTypes: ["AWS::Logs::LogGroup"] })];
    expect(probeActions(rules)).toEqual([]);
    expect(liveReads(rules)).not.toContain("iam:SimulatePrincipalPolicy");
  });

  it("Compliance: logs:FilterLogEvents is granted where trace-id-in-logs, an item without configuration rules, is deployed", () => {
    expect(probeActions([], [{ id: "trace-id-in-logs" }])).toEqual(["logs:FilterLogEvents"]);
    const reads = evaluatorPolicyStatements(RULES, ARNS, CHECKLIST).find((s) => s.sid === "LiveReads")?.actions;
    expect(reads).toContain("logs:FilterLogEvents");
    expect(liveReads(RULES)).not.toContain("logs:FilterLogEvents");
  });
});
