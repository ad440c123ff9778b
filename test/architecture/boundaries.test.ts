/**
 * The architecture, checked on the import graph (TypeScript's parser over every tracked source):
 * the wings of core import downward only, production code never reaches test tooling, nothing
 * crosses a package by a relative path, and core has no runtime import cycle.
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { type ImportEdge, ImportGraph } from "@readiness/devkit/architecture/import-graph";
import { packageOf, WING_IMPORTS, wingOf } from "@readiness/devkit/architecture/wings";
import { describe, expect, it } from "vitest";

const REPO = resolve(import.meta.dirname, "../..");
const SOURCES = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: REPO, encoding: "utf8" })
  .split("\n")
  .filter(
    (file) => /\.(m?ts)$/.test(file) && !file.includes("node_modules/") && !file.startsWith("packages/cli/dist/"),
  );
const graph = new ImportGraph(REPO);
const edges: ImportEdge[] = SOURCES.flatMap((file) => graph.of(file));
const isTest = (file: string) => /\.test\.ts$/.test(file);
const show = (list: readonly ImportEdge[]) => list.map((e) => `${e.from} → ${e.specifier}`);

describe("import boundaries", () => {
  it("the graph is read: core's wings import each other", () => {
    expect(SOURCES.length).toBeGreaterThan(500);
    expect(edges.some((e) => wingOf(e.from) === "gate" && wingOf(e.to) === "kernel")).toBe(true);
  });

  it("each wing of core imports at run time only the wings below it", () => {
    const upward = edges.filter((e) => {
      const from = wingOf(e.from);
      const to = wingOf(e.to);
      if (!from || !to || from === to || from === "root" || e.typeOnly || isTest(e.from)) return false;
      return !(WING_IMPORTS[from] ?? []).includes(to);
    });
    expect(show(upward)).toEqual([]);
  });

  it("every folder of core is a known wing", () => {
    const wings = new Set(SOURCES.map(wingOf).filter((w) => w !== undefined && w !== "root"));
    expect([...wings].sort()).toEqual(Object.keys(WING_IMPORTS).sort());
  });

  it("production code (core, functions) never imports the devkit, the CLI, the examples or the tests", () => {
    const production = (file: string) =>
      (file.startsWith("packages/core/") || file.startsWith("packages/functions/")) && !isTest(file);
    const tooling = (file: string) => !file.startsWith("packages/core/") && !file.startsWith("packages/functions/");
    expect(show(edges.filter((e) => production(e.from) && tooling(e.to)))).toEqual([]);
  });

  it("nothing reaches into another package by a relative path: one import style, @readiness/…", () => {
    const crossing = edges.filter(
      (e) =>
        e.specifier.startsWith(".") &&
        packageOf(e.from) !== packageOf(e.to) &&
        (e.to.startsWith("packages/") || e.to.startsWith("examples/")),
    );
    expect(show(crossing)).toEqual([]);
  });

  it("core has no runtime import cycle", () => {
    const core = SOURCES.filter((f) => f.startsWith("packages/core/") && !isTest(f));
    const runtime = new Map(
      core.map((f) => [
        f,
        graph
          .of(f)
          .filter((e) => !e.typeOnly)
          .map((e) => e.to),
      ]),
    );
    const cycles = stronglyConnected(runtime).filter((component) => component.length > 1);
    expect(cycles).toEqual([]);
  });
});

/** Tarjan's strongly connected components. */
const stronglyConnected = (adjacent: ReadonlyMap<string, readonly string[]>): string[][] => {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of adjacent.get(node) ?? []) {
      if (!adjacent.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  };
  for (const node of adjacent.keys()) if (!index.has(node)) visit(node);
  return components;
};
