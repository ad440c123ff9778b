import { describe, expect, it } from "vitest";
import type { EvidenceRecord } from "../../kernel/results/records/evidence";
import { judgeEvidence } from "./judge";

const RUNNING = "arn:aws:ecs:us-east-1:123456789012:task-definition/task-api:7";
const OLDER = "arn:aws:ecs:us-east-1:123456789012:task-definition/task-api:6";
const NOW = new Date("2026-12-06T12:00:00Z");

const evidence = (overrides: Partial<EvidenceRecord> = {}): EvidenceRecord => ({
  itemId: "load-tested",
  service: "arn:aws:ecs:us-east-1:123456789012:service/platform/task-api",
  revision: RUNNING,
  recordedAt: "2026-12-01T12:00:00Z",
  evidenceId: "e1",
  provenance: { source: "readiness load" },
  figures: { achievedRps: 500 },
  verdict: "pass",
  reason: "held 500 req/s, P99 80 ms",
  ...overrides,
});

const rules = { now: NOW, validityDays: 30, sameRevision: false, runningRevision: RUNNING, howToGather: "run X" };

describe("judgeEvidence", () => {
  it("passes on a passing record of the running revision within the window, quoting what it observed", () => {
    expect(judgeEvidence(evidence(), rules)).toEqual({
      status: "pass",
      detail: "held 500 req/s, P99 80 ms (recorded 2026-12-01T12:00:00Z by readiness load)",
    });
  });

  it("fails on a failing record", () => {
    expect(judgeEvidence(evidence({ verdict: "fail", reason: "P99 900 ms" }), rules).status).toBe("fail");
  });

  it("is undecided without a record, saying what to run", () => {
    expect(judgeEvidence(undefined, rules)).toEqual({ status: "unknown", detail: "no evidence recorded: run X" });
  });

  it("stale evidence (age ≥ the window, injected clock) is non-compliant and gives its age", () => {
    const judged = judgeEvidence(evidence({ recordedAt: "2026-11-01T12:00:00Z" }), rules);
    expect(judged.status).toBe("fail");
    expect(judged.detail).toMatch(
      /^evidence is stale: recorded 2026-11-01T12:00:00Z by readiness load, 35 days old \(window 30 days\)/,
    );
    // A day before the window closes it still counts.
    expect(judgeEvidence(evidence({ recordedAt: "2026-11-07T12:00:01Z" }), rules).status).toBe("pass");
  });

  it("another revision's evidence counts within the window unless the item demands the same revision", () => {
    const other = evidence({ revision: OLDER });
    expect(judgeEvidence(other, rules)).toMatchObject({ status: "pass" });
    expect(judgeEvidence(other, rules).detail).toMatch(/gathered against task-api:6, the service runs task-api:7/);
    expect(judgeEvidence(other, { ...rules, sameRevision: true })).toMatchObject({ status: "fail" });
  });

  it("evidence dated in the future is undecided, not trusted", () => {
    expect(judgeEvidence(evidence({ recordedAt: "2026-12-07T12:00:00Z" }), rules).status).toBe("unknown");
  });
});
