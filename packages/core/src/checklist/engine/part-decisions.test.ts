import { describe, expect, it } from "vitest";
import { configEvaluationsOf } from "../../config-rules/evaluate";
import { itemById } from "../catalogue/items";
import { defaultParams } from "../catalogue/params";
import { ECS_SERVICE } from "../inventory/relations/ecs";
import type { Resource } from "../model/resource";
import { compliant, defineRule, nonCompliant } from "../rules/rule";
import { ONCALL_DOCUMENT_FINDING } from "@readiness/devkit/fixtures/report";
import { inventoryOf, resource, scopeOf } from "@readiness/devkit/testing/builders";
import { itemResultOf } from "./engine";
import { evaluateItem, type PartDecider, type PartDecision } from "./item-evaluation";

// A document decides an item as a whole (appliesTo "item"), and golden-signals' document part weighs
// the CloudWatch alarms too (weighsConfig): both views must read them alike.
const AT = new Date("2026-12-01T00:00:00Z");
const service = (name: string): Resource =>
  resource(ECS_SERVICE, `arn:aws:ecs:us-east-1:111111111111:service/tasks/${name}`, { ServiceName: name });
const api = service("api");
const worker = service("worker");

const documentSays =
  (itemId: string, decision: PartDecision): PartDecider =>
  (item, kind) =>
    item.id === itemId && kind === "document" ? decision : undefined;

const evaluate = (itemId: "oncall" | "golden-signals" | "rollback-tested", deciders: PartDecider[], rules = []) => {
  const inventory = inventoryOf(api, worker);
  return evaluateItem({
    item: itemById(itemId),
    ...(rules.length ? { rules } : { rules: [] }),
    inventory,
    scope: scopeOf(inventory),
    params: defaultParams(itemId),
    partDeciders: deciders,
  });
};

const compliances = (evaluation: ReturnType<typeof evaluate>) =>
  configEvaluationsOf(evaluation, { at: AT, services: [api, worker] }).map((e) => [
    e.resourceId,
    e.compliance,
    e.annotation,
  ]);

describe("a decision that applies to the item", () => {
  const fileFinding = ONCALL_DOCUMENT_FINDING;

  it("Noncompliance: a failing document fails every service in Config, though its findings name a file", () => {
    const evaluation = evaluate("oncall", [
      documentSays("oncall", {
        status: "fail",
        reason: fileFinding.reason,
        appliesTo: "item",
        findings: [fileFinding],
      }),
    ]);
    expect(itemResultOf(evaluation)).toMatchObject({ status: "fail", findings: [{ resource: "ops/oncall.json" }] });
    expect(compliances(evaluation)).toEqual([
      [api.id, "NON_COMPLIANT", fileFinding.reason],
      [worker.id, "NON_COMPLIANT", fileFinding.reason],
    ]);
  });

  it("Compliance: a passing document passes every service in Config", () => {
    const evaluation = evaluate("oncall", [
      documentSays("oncall", { status: "pass", reason: "primary all day", appliesTo: "item", findings: [] }),
    ]);
    expect(itemResultOf(evaluation).status).toBe("pass");
    expect(compliances(evaluation).map(([, compliance]) => compliance)).toEqual(["COMPLIANT", "COMPLIANT"]);
  });

  it("Undecided: a passing document part does not pass a service while the item's evidence part is pending", () => {
    const evaluation = evaluate("rollback-tested", [
      documentSays("rollback-tested", { status: "pass", reason: "runbook ok", appliesTo: "item", findings: [] }),
    ]);
    expect(itemResultOf(evaluation).status).toBe("unknown");
    expect(compliances(evaluation)).toEqual([
      [api.id, "INSUFFICIENT_DATA", "needs evidence: no rollback recorded"],
      [worker.id, "INSUFFICIENT_DATA", "needs evidence: no rollback recorded"],
    ]);
  });

  it("Undecided: an unknown document says which key to set, on every service", () => {
    const reason = "no on-call rotation configured (documents.oncall)";
    const evaluation = evaluate("oncall", [documentSays("oncall", { status: "unknown", reason, appliesTo: "item" })]);
    expect(itemResultOf(evaluation)).toMatchObject({ status: "unknown", summary: reason });
    expect(compliances(evaluation).map(([, c, a]) => [c, a])).toEqual([
      ["INSUFFICIENT_DATA", reason],
      ["INSUFFICIENT_DATA", reason],
    ]);
  });
});

describe("a decision that weighs the configuration's source too (either source counts)", () => {
  const noAlarms = defineRule({
    itemId: "golden-signals",
    resourceTypes: [ECS_SERVICE],
    readsTypes: [],
    evaluate: (s) => (s === api ? nonCompliant("no alarm for latency") : compliant("alarmed")),
  });
  const covered = (status: "pass" | "fail"): PartDecider =>
    documentSays("golden-signals", {
      status,
      reason: status === "pass" ? "covered" : "errors of api: neither covers it",
      weighsConfig: true,
      findings: [
        {
          resource: api.id,
          type: ECS_SERVICE,
          status,
          reason:
            status === "pass" ? "latency of api: recording rule job:latency" : "latency of api: neither covers it",
          kind: "document",
        },
      ],
    });

  it("Compliance: Prometheus covering what CloudWatch lacks passes the item and the service", () => {
    const evaluation = evaluate("golden-signals", [covered("pass")], [noAlarms] as never);
    const result = itemResultOf(evaluation);
    expect(result.status).toBe("pass");
    expect(result.parts.find((p) => p.kind === "config")).toMatchObject({
      status: "pass",
      reason: expect.stringContaining("either source counts"),
    });
    expect(compliances(evaluation)).toEqual([
      [api.id, "COMPLIANT", "latency of api: recording rule job:latency"],
      [worker.id, "COMPLIANT", "alarmed"],
    ]);
  });

  it("Noncompliance: neither source covering fails the item and the service", () => {
    const evaluation = evaluate("golden-signals", [covered("fail")], [noAlarms] as never);
    expect(itemResultOf(evaluation).status).toBe("fail");
    expect(compliances(evaluation)[0]).toEqual([api.id, "NON_COMPLIANT", "latency of api: neither covers it"]);
  });

  it("without the weighing decision, CloudWatch alone decides, as before", () => {
    const evaluation = evaluate("golden-signals", [], [noAlarms] as never);
    expect(itemResultOf(evaluation).status).toBe("fail");
  });
});
