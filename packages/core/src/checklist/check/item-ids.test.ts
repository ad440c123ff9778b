import { describe, expect, it } from "vitest";
import { UsageError } from "../../kernel/errors";
import { ITEM_IDS, parseItemIds, parseSelection } from "./item-ids";
import { closestMatch } from "../../kernel/suggest";

describe("parseItemIds", () => {
  it("accepts comma-separated and repeated values, once each", () => {
    expect(parseItemIds(["dlq-coverage,mtls", " oncall ", "mtls"], "--only")).toEqual([
      "dlq-coverage",
      "mtls",
      "oncall",
    ]);
    expect(parseItemIds([], "--only")).toEqual([]);
  });

  it("rejects an unknown id with the closest id and the valid ids", () => {
    let error: unknown;
    try {
      parseItemIds(["dlq-coverag"], "--skip");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('unknown item id "dlq-coverag" in --skip');
    expect((error as UsageError).hint).toContain('did you mean "dlq-coverage"?');
    expect((error as UsageError).hint).toContain(ITEM_IDS.join(", "));
  });

  it("names every unknown id", () => {
    expect(() => parseItemIds(["nope,mtls,zzz"], "--only")).toThrow('unknown item ids "nope", "zzz" in --only');
  });
});

describe("closestMatch", () => {
  it("suggests near misses only", () => {
    expect(closestMatch("servics", ["version", "services", "rules"])).toBe("services");
    expect(closestMatch("Rules", ["version", "services", "rules"])).toBe("rules");
    expect(closestMatch("completely-different", ["version", "services", "rules"])).toBeUndefined();
  });
});

describe("parseSelection", () => {
  it("keeps --only minus --skip", () => {
    expect(parseSelection(["mtls,oncall"], ["oncall"])).toEqual({ only: ["mtls", "oncall"], skip: ["oncall"] });
  });

  it("rejects a selection that leaves nothing to check", () => {
    expect(() => parseSelection(["mtls"], ["mtls"])).toThrow("--only and --skip leave no item to check");
    expect(() => parseSelection([], [ITEM_IDS.join(",")])).toThrow(UsageError);
  });
});
