import { describe, expect, it } from "vitest";
import { COLLECTOR_TYPES } from "./collect";
import { COLLECTOR_APIS } from "./live-actions";

describe("the collectors collect.ts imports on demand", () => {
  it("are every collector module, each with exactly the types its api table reads", () => {
    const typesOfApis = Object.fromEntries(
      Object.entries(COLLECTOR_APIS).map(([module, apis]) => [
        module,
        [...new Set(Object.values(apis).flatMap((api) => api.types))].sort(),
      ]),
    );
    const declared = Object.fromEntries(
      Object.entries(COLLECTOR_TYPES).map(([module, types]) => [module, [...types].sort()]),
    );
    expect(declared).toEqual(typesOfApis);
  });
});
