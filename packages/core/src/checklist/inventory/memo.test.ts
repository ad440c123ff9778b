import { describe, expect, it } from "vitest";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { memoPer, pushTo } from "./memo";

describe("memoPer", () => {
  it("builds once per key object and keeps keys apart", () => {
    const built: string[] = [];
    const typesOf = memoPer((inventory: ReturnType<typeof inventoryOf>) => {
      built.push("build");
      return [...inventory.all()].map((r) => r.type);
    });
    const first = inventoryOf(resource("AWS::SQS::Queue", "Q"));
    const second = inventoryOf(resource("AWS::ECS::Service", "S"));
    expect(typesOf(first)).toEqual(["AWS::SQS::Queue"]);
    expect(typesOf(first)).toBe(typesOf(first));
    expect(typesOf(second)).toEqual(["AWS::ECS::Service"]);
    expect(built).toHaveLength(2);
  });

  it("memoises a built value of undefined too", () => {
    let builds = 0;
    const nothing = memoPer((_key: object) => {
      builds++;
      return undefined;
    });
    const key = {};
    nothing(key);
    nothing(key);
    expect(builds).toBe(1);
  });
});

describe("pushTo", () => {
  it("creates the list on first use and appends after", () => {
    const map = new Map<string, number[]>();
    pushTo(map, "a", 1);
    pushTo(map, "a", 2);
    pushTo(map, "b", 3);
    expect([...map]).toEqual([
      ["a", [1, 2]],
      ["b", [3]],
    ]);
  });
});
