import { describe, expect, it } from "vitest";
import { readSingleYaml, readYaml } from "./located-yaml";

describe("located YAML", () => {
  it("places a mapping entry at its key, a list item at the item, and a missing path at its nearest ancestor", () => {
    const reading = readSingleYaml({
      path: "ops/a.yaml",
      text: "route:\n  receiver: x\n  routes:\n    - receiver: y\n      empty:\n",
    });
    if (!reading.ok) throw new Error(reading.finding.reason);
    const { placeOf } = reading.document;
    expect(placeOf(["route", "receiver"])).toEqual({ file: "ops/a.yaml", line: 2, column: 3 });
    expect(placeOf(["route", "routes", 0])).toEqual({ file: "ops/a.yaml", line: 4, column: 7 });
    expect(placeOf(["route", "routes", 0, "empty"])).toEqual({ file: "ops/a.yaml", line: 5, column: 7 });
    expect(placeOf(["route", "routes", 3, "receiver"])).toEqual({ file: "ops/a.yaml", line: 3, column: 3 });
  });

  it("reads JSON with lines, and every document of a stream", () => {
    const json = readSingleYaml({ path: "s.json", text: '{\n  "schedule": {\n    "name": "x"\n  }\n}' });
    if (!json.ok) throw new Error(json.finding.reason);
    expect(json.document.placeOf(["schedule", "name"]).line).toBe(3);
    const stream = readYaml({ path: "s.yaml", text: "a: 1\n---\nb: 2\n---\n# only a comment\n" });
    expect(stream.ok && stream.documents.map((d) => d.data)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("invalid YAML, an empty file, duplicate keys, several documents where one is expected, cycles and deep nesting are findings with file:line", () => {
    const bad = readSingleYaml({ path: "x.yml", text: "a: 1\nb: [1, 2\n" });
    expect(!bad.ok && bad.finding.reason).toMatch(/^x\.yml:\d+:\d+: invalid YAML: /);
    const empty = readSingleYaml({ path: "x.yml", text: "# nothing\n" });
    expect(!empty.ok && empty.finding.reason).toBe("x.yml:1: the file is empty");
    const duplicate = readSingleYaml({ path: "x.yml", text: "a: 1\na: 2\n" });
    expect(!duplicate.ok && duplicate.finding.reason).toMatch(/^x\.yml:2:1: invalid YAML: Map keys must be unique/);
    const two = readSingleYaml({ path: "x.yml", text: "a: 1\n---\nb: 2\n" });
    expect(!two.ok && two.finding.reason).toBe("x.yml:3:1: expected one YAML document, found several");
    const bomb = readSingleYaml({
      path: "x.yml",
      text: `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
        { length: 12 },
        (_, i) =>
          `b${i}: &b${i} [${Array(10)
            .fill(i === 0 ? "*a" : `*b${i - 1}`)
            .join(", ")}]`,
      ).join("\n")}\n`,
    });
    expect(!bomb.ok && bomb.finding.reason).toMatch(/^x\.yml:1: invalid YAML: .*alias/i);
    const cycle = readSingleYaml({ path: "x.yml", text: "route: &r {receiver: d, routes: [*r]}\n" });
    expect(!cycle.ok && cycle.finding.reason).toBe(
      "x.yml:1: invalid YAML: an alias refers to a node that contains it (the document has no end)",
    );
    let deep = "a:\n";
    for (let i = 1; i < 4000; i++) deep += `${"  ".repeat(i)}b:\n`;
    const tooDeep = readSingleYaml({ path: "x.yml", text: deep });
    expect(!tooDeep.ok && tooDeep.finding.reason).toMatch(
      /^x\.yml:\d+(:\d+)?: invalid YAML: nested too deeply to read$/,
    );
  });

  it("merges `<<: *anchor` keys only when asked, as Go's yaml.v2 decodes them", () => {
    const text = "a: &a {x: 1, m: {p: 1}, l: [1], k: [1]}\nb:\n  <<: *a\n  m: {q: 2}\n  l: [2]\n  k: [2]\n";
    const plain = readSingleYaml({ path: "x.yml", text });
    if (!plain.ok) throw new Error(plain.finding.reason);
    expect((plain.document.data as Record<string, unknown>).b).toHaveProperty("<<");
    const merged = readSingleYaml({ path: "x.yml", text }, { goYamlV2Merge: { appendingLists: new Set(["k"]) } });
    if (!merged.ok) throw new Error(merged.finding.reason);
    expect((merged.document.data as Record<string, unknown>).b).toEqual({ x: 1, m: { p: 1, q: 2 }, l: [2], k: [1, 2] });
    const notAMap = readSingleYaml(
      { path: "x.yml", text: "a: &a 1\nb:\n  <<: *a\n" },
      { goYamlV2Merge: { appendingLists: new Set() } },
    );
    expect(!notAMap.ok && notAMap.finding.reason).toMatch(/^x\.yml:\d+: invalid YAML: Merge sources must be maps/);
  });
});
