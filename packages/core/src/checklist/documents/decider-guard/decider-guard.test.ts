import { describe, expect, it } from "vitest";
import { neverThrows } from "./decider-guard";

describe("a decider never throws", () => {
  it("turns an unexpected exception into an unknown verdict naming the item and the files", () => {
    const decide = neverThrows(
      "oncall",
      (input: { path: string }) => [input.path],
      () => {
        throw new RangeError("Maximum call stack size exceeded");
      },
    );
    expect(decide({ path: "ops/oncall.json" })).toEqual({
      status: "unknown",
      reason:
        "oncall: readiness failed while reading ops/oncall.json (Maximum call stack size exceeded); this is a readiness bug, please report it with the file",
      findings: [expect.objectContaining({ status: "unknown" })],
    });
    const fine = neverThrows(
      "oncall",
      () => [],
      () => ({ status: "pass" as const, reason: "ok", findings: [] }),
    );
    expect(fine({}).status).toBe("pass");
  });
});
