import { describe, expect, it } from "vitest";
import { CHECKLIST } from "../catalogue/items";
import { loadRulesForItem } from "./loaders";
import { RULES, rulesForItem } from "./registry";

describe("rules loaded on demand", () => {
  it.each(CHECKLIST.map((item) => item.id))(
    "%s: the same rules, in the same order, as the static registry",
    async (id) => {
      expect(await loadRulesForItem(id)).toEqual(rulesForItem(id));
      for (const [index, rule] of (await loadRulesForItem(id)).entries()) expect(rule).toBe(rulesForItem(id)[index]);
    },
  );

  it("every rule of the registry is reachable through some item", async () => {
    const loaded = (await Promise.all(CHECKLIST.map((item) => loadRulesForItem(item.id)))).flat();
    expect(new Set(loaded)).toEqual(new Set(RULES));
  });
});
