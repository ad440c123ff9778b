import { describe, expect, it } from "vitest";
import { EndpointLacksApiError } from "../../adapters/live/errors";
import { judgeTraceIds } from "./trace-id-verdict";

const W3C = "4bf92f3577b34da6a3ce929d0e0e4736";
const traced = (n: number) => Array.from({ length: n }, (_, i) => `{"msg":"task ${i}","trace_id":"${W3C}"}`);
const thresholds = { minShare: 0.99, windowMinutes: 60 };
const group = (name: string, messages: readonly string[]) => ({ name, sample: { ok: true as const, messages } });

describe("judgeTraceIds", () => {
  it("Compliance: every sampled line carries a trace id", () => {
    expect(judgeTraceIds({ groups: [group("/ecs/api", traced(200))] }, thresholds)).toEqual({
      status: "pass",
      detail: "200 of 200 sampled lines (100%) of /ecs/api carry a trace id (minimum 99%)",
      sampled: 200,
      withTraceId: 200,
    });
  });

  it("Noncompliance: the share is below minShare; the reason quotes a line without a trace id, redacted", () => {
    const lines = [...traced(3), "INFO connecting with password=hunter2 to db"];
    const judged = judgeTraceIds({ groups: [group("/ecs/api", lines)] }, thresholds);
    expect(judged.status).toBe("fail");
    expect(judged.detail).toBe(
      '3 of 4 sampled lines (75%) of /ecs/api carry a trace id, below 99%; e.g. "INFO connecting with password=[REDACTED] to db"',
    );
    expect(judged.detail).not.toContain("hunter2");
  });

  it("Noncompliance: the lines of every group of the service count together", () => {
    const judged = judgeTraceIds(
      { groups: [group("/ecs/api", traced(99)), group("/ecs/api-sidecar", ["plain line"])] },
      { minShare: 1, windowMinutes: 60 },
    );
    expect(judged).toMatchObject({ status: "fail", sampled: 100, withTraceId: 99 });
  });

  it("Undecided: no events in the window", () => {
    expect(judgeTraceIds({ groups: [group("/ecs/api", [])] }, thresholds)).toMatchObject({
      status: "unknown",
      detail: "no log events in the last 60 minutes of /ecs/api",
    });
  });

  it("Undecided: a group that could not be sampled keeps a passing share from passing", () => {
    const lacking = {
      name: "/ecs/other",
      sample: { ok: false as const, error: new EndpointLacksApiError("logs:FilterLogEvents") },
    };
    expect(judgeTraceIds({ groups: [group("/ecs/api", traced(10)), lacking] }, thresholds)).toMatchObject({
      status: "unknown",
      detail:
        "10 of 10 sampled lines (100%) of /ecs/api, /ecs/other carry a trace id, but could not sample /ecs/other: endpoint lacks logs:FilterLogEvents",
    });
    expect(judgeTraceIds({ groups: [lacking] }, thresholds)).toMatchObject({
      status: "unknown",
      detail: "could not sample /ecs/other: endpoint lacks logs:FilterLogEvents",
    });
  });

  it("Undecided: the service names no awslogs group", () => {
    expect(judgeTraceIds({ groups: [], gap: "no container logs to CloudWatch" }, thresholds)).toMatchObject({
      status: "unknown",
      detail: "no container logs to CloudWatch",
    });
  });
});
