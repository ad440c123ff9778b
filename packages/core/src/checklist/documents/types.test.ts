import { describe, expect, it } from "vitest";
import { describePlace, verdictOf } from "./types";

describe("document verdicts", () => {
  it("a failure outranks an unknown, which outranks a pass; nothing read decides nothing", () => {
    const pass = { status: "pass" as const, reason: "ok" };
    const unknown = { status: "unknown" as const, reason: "no dashboards configured" };
    const fail = { status: "fail" as const, reason: "alert HighErrorRate has no for duration" };
    expect(verdictOf([pass, unknown, fail], "all good")).toMatchObject({ status: "fail", reason: fail.reason });
    expect(verdictOf([pass, unknown], "all good")).toMatchObject({ status: "unknown", reason: unknown.reason });
    expect(verdictOf([pass], "all good")).toMatchObject({ status: "pass", reason: "all good" });
    expect(verdictOf([], "all good").status).toBe("unknown");
  });

  it("places read as file:line:column", () => {
    expect(describePlace({ file: "ops/slo.yaml", line: 12, column: 3 })).toBe("ops/slo.yaml:12:3");
    expect(describePlace({ file: "ops/slo.yaml", line: 12 })).toBe("ops/slo.yaml:12");
    expect(describePlace({ file: "ops/slo.yaml" })).toBe("ops/slo.yaml");
  });
});
