import { describe, expect, it } from "vitest";
import { FilterPatternError, filterPatternRegex, matchesAny, matchesBranches } from "./branch-filter";

const matches = (pattern: string, ref: string) => filterPatternRegex(pattern).test(ref);

describe("GitHub filter patterns", () => {
  it("follows the filter pattern cheat sheet", () => {
    expect(matches("main", "main")).toBe(true);
    expect(matches("main", "main2")).toBe(false);
    expect(matches("feature/*", "feature/my-branch")).toBe(true);
    expect(matches("feature/*", "feature/your/branch")).toBe(false);
    expect(matches("feature/**", "feature/your/branch")).toBe(true);
    expect(matches("*", "main")).toBe(true);
    expect(matches("*", "releases/v1")).toBe(false);
    expect(matches("**", "releases/v1")).toBe(true);
    expect(matches("v2*", "v2.0.0")).toBe(true);
    expect(matches("v[12].[0-9]+.[0-9]+", "v1.10.1")).toBe(true);
    expect(matches("v[12].[0-9]+.[0-9]+", "v3.0.0")).toBe(false);
    expect(matches("mains?", "main")).toBe(true);
    expect(matches("mains?", "mains")).toBe(true);
    expect(matches("ma+in", "maaain")).toBe(true);
    expect(matches("release\\*", "release*")).toBe(true);
    expect(matches("release\\*", "release1")).toBe(false);
    expect(matches("a.b", "axb")).toBe(false);
  });

  it("lets a later ! pattern exclude and a later positive pattern include again", () => {
    expect(matchesBranches(["releases/**", "!releases/**-alpha"], "releases/v1")).toBe(true);
    expect(matchesBranches(["releases/**", "!releases/**-alpha"], "releases/v1-alpha")).toBe(false);
    expect(matchesBranches(["**", "!main", "main"], "main")).toBe(true);
    expect(matchesBranches(["!main"], "main")).toBe(false);
    expect(matchesAny(["dev/**", "main"], "main")).toBe(true);
  });

  it("refuses patterns GitHub refuses", () => {
    expect(() => filterPatternRegex("[a")).toThrow(FilterPatternError);
    expect(() => filterPatternRegex("+a")).toThrow(FilterPatternError);
    expect(() => filterPatternRegex("[!a]")).toThrow(FilterPatternError);
  });
});
