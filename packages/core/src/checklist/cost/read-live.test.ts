import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COLLECTOR_APIS } from "../adapters/live/collectors";
import { COST_RESOURCE_TYPES } from "./read-live";

describe("readiness cost --live's permissions", () => {
  it("docs/cost.md lists every action the collectors of the estimate's types call, and no other", () => {
    const wanted = new Set<string>(COST_RESOURCE_TYPES);
    // A collector runs when one of its types is wanted, and then makes all its calls.
    const actions = Object.values(COLLECTOR_APIS)
      .filter((apis) => Object.values(apis).some((api) => api.types.some((type) => wanted.has(type))))
      .flatMap((apis) => Object.values(apis).map((api) => api.action));
    const docs = readFileSync(new URL("../../../../../docs/cost.md", import.meta.url), "utf8");
    const section = docs.slice(docs.indexOf("## Live reads"));
    const listed = [...section.slice(0, section.indexOf("Timeouts")).matchAll(/`([a-z0-9-]+:[A-Za-z]+)`/g)].map(
      (m) => m[1],
    );
    expect(listed.length).toBeGreaterThan(0);
    expect([...new Set(listed)].sort()).toEqual([...new Set(actions)].sort());
  });
});
