import { configOf, inventoryOf, resource, scopeOf } from "@readiness/devkit/testing/builders";
import { describe, expect, it } from "vitest";
import { CHECKLIST } from "../catalogue/items";
import { ECS_SERVICE } from "../inventory/relations/ecs";
import { type ServiceSmokeHistory, smokeEvidenceDecider } from "./smoke-evidence";

const API = "arn:aws:ecs:us-east-1:123456789012:service/tasks/api";
const WORKER = "arn:aws:ecs:us-east-1:123456789012:service/tasks/worker";
const td = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/task-api:${n}`;
const item = (id: string) => CHECKLIST.find((i) => i.id === id)!;

const inventory = inventoryOf(
  resource(ECS_SERVICE, API, { ServiceName: "api", TaskDefinition: td(3) }),
  resource(ECS_SERVICE, WORKER, { ServiceName: "worker" }),
);
const scope = scopeOf(
  inventory,
  configOf({
    services: [
      { service: "api", cluster: "tasks", role: "api" },
      { service: "worker", cluster: "tasks", role: "worker" },
    ],
  }),
);
const worker: ServiceSmokeHistory = { gated: false };
const decide = (api: ServiceSmokeHistory, id = "post-deploy-smoke", kind: "evidence" | "probe" = "evidence") => {
  const decided = smokeEvidenceDecider(
    new Map([
      [API, api],
      [WORKER, worker],
    ]),
  )(item(id), kind, scope);
  if (!decided) throw new Error(`no decision for ${id} ${kind}`);
  return decided;
};
const run = (verdict: "PASS" | "FAIL" | "INCONCLUSIVE", idempotentReplay = "same-task" as const) => ({
  verdict,
  reason: verdict === "PASS" ? "all checks passed" : "task not COMPLETED within 3 s (last status PENDING)",
  idempotentReplay,
  startedAt: "2026-11-30T10:00:00.000Z",
});

describe("post-deploy-smoke from the gate's recorded runs", () => {
  it("Compliance: the revision the API runs passed its newest smoke run; the worker is named as not tested directly", () => {
    expect(decide({ gated: true, runningRevision: td(3), latest: run("PASS") })).toMatchObject({
      status: "pass",
      reason: "api: task-api:3 passed its smoke run of 2026-11-30T10:00:00.000Z; not smoke-tested directly: worker",
      findings: [{ resource: API, status: "pass", kind: "evidence" }],
    });
  });

  it("Noncompliance: the running revision failed its smoke run", () => {
    expect(decide({ gated: true, runningRevision: td(3), latest: run("FAIL") })).toMatchObject({
      status: "fail",
      reason: expect.stringContaining("api: task-api:3 failed its smoke run: task not COMPLETED within 3 s"),
    });
  });

  it("Unknown: no run recorded for the running revision, or an inconclusive one", () => {
    expect(decide({ gated: true, runningRevision: td(3) })).toMatchObject({
      status: "unknown",
      reason: expect.stringContaining("no smoke run recorded for task-api:3"),
    });
    expect(decide({ gated: true, runningRevision: td(3), latest: run("INCONCLUSIVE") }).status).toBe("unknown");
  });

  it("Unknown: no service in scope has smoke settings", () => {
    expect(decide({ gated: false, runningRevision: td(3) })).toMatchObject({
      status: "unknown",
      reason: expect.stringContaining("no service in scope has smoke test settings"),
    });
  });

  it("NotApplicable: other items and kinds are left to other deciders", () => {
    const decider = smokeEvidenceDecider(new Map());
    expect(decider(item("load-tested"), "evidence", scope)).toBeUndefined();
    expect(decider(item("post-deploy-smoke"), "document", scope)).toBeUndefined();
  });
});

/** idempotent-writes' probe part on the gated api whose latest run (of the running revision) ended so. */
const replayDecision = (verdict: "PASS" | "FAIL", idempotentReplay?: string) =>
  decide(
    { gated: true, runningRevision: td(3), latest: run(verdict, idempotentReplay as never) },
    "idempotent-writes",
    "probe",
  );

describe("idempotent-writes from the smoke run's replay", () => {
  it("Compliance: the replay with the same key returned the same task", () => {
    expect(replayDecision("PASS")).toMatchObject({
      status: "pass",
      findings: [{ resource: API, kind: "probe" }],
    });
  });

  it("Noncompliance: the replay created a second task", () => {
    expect(replayDecision("FAIL", "different-task")).toMatchObject({
      status: "fail",
      reason: expect.stringContaining("created a second task"),
    });
  });

  it("Unknown: the run stopped before its replay", () => {
    expect(replayDecision("FAIL", "not-run").status).toBe("unknown");
  });
});

describe("in a Config rule (no readiness.yml: any service may have runs)", () => {
  const BILLING = "arn:aws:ecs:us-east-1:123456789012:service/tasks/billing";
  // No services declared: every service is in scope, its role inferred (from its name here).
  const accountWide = inventoryOf(
    resource(ECS_SERVICE, API, { ServiceName: "api", TaskDefinition: td(3) }),
    resource(ECS_SERVICE, WORKER, { ServiceName: "worker", TaskDefinition: td(3) }),
    resource(ECS_SERVICE, BILLING, { ServiceName: "billing", TaskDefinition: td(3) }),
  );
  const decided = smokeEvidenceDecider(
    new Map<string, ServiceSmokeHistory>([
      [API, { gated: "unless-not-api", runningRevision: td(3), latest: run("PASS") }],
      [WORKER, { gated: "unless-not-api", runningRevision: td(3) }],
      [BILLING, { gated: "unless-not-api", runningRevision: td(3) }],
    ]),
  )(item("idempotent-writes"), "probe", scopeOf(accountWide, configOf({})));

  it("Compliance: a service known to be a worker is exercised through the API's run, not waited for", () => {
    expect(decided?.notConcerned).toEqual([WORKER]);
    expect(decided?.findings?.find((f) => f.resource === API)).toMatchObject({ status: "pass" });
    expect(decided?.findings?.some((f) => f.resource === WORKER)).toBe(false);
  });

  it("Undecided: a service whose role cannot be told may be an API: it needs its own run", () => {
    expect(decided).toMatchObject({ status: "unknown" });
    expect(decided?.findings?.find((f) => f.resource === BILLING)).toMatchObject({ status: "unknown" });
    expect(decided?.reason).toContain("billing: no smoke run with an idempotent replay recorded for task-api:3");
  });
});
