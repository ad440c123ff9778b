import { describe, expect, it } from "vitest";
import { checkRuleFile } from "./rule-checks";
import { readRuleFile } from "./rule-file";

const read = (text: string) => readRuleFile({ path: "rules.yaml", text });

describe("rule files decoded as Prometheus decodes them", () => {
  it("reads scalars as Go reads them into strings: the text as written, null as absent", () => {
    const file = read(
      "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: 1 > bool 0x10\n        for: 0\n        labels: {severity: 5, page: true, ratio: 1.50, empty: ~}\n",
    );
    expect(file.problems).toEqual([]);
    const [rule] = file.groups[0].rules;
    expect(rule).toMatchObject({
      alert: "A",
      forMs: 0,
      labels: { severity: "5", page: "true", ratio: "1.50", empty: "" },
    });
    expect(rule.place).toEqual({ file: "rules.yaml", line: 4, column: 16 });
  });

  it("follows anchors and aliases", () => {
    const file = read(
      "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        labels: &page {severity: critical}\n      - alert: B\n        expr: up == 1\n        labels: *page\n",
    );
    expect(file.groups[0].rules.map((r) => r.labels)).toEqual([{ severity: "critical" }, { severity: "critical" }]);
  });

  it("reports decoding errors with yaml.v3's words and the line", () => {
    expect(read("groups:\n  - name: g\n    rules: {}\n").problems).toEqual([
      { message: "cannot unmarshal !!map into []rulefmt.RuleNode", place: { file: "rules.yaml", line: 3, column: 12 } },
    ]);
    expect(read("groups:\n  - name: g\n    limit: many\n").problems[0].message).toBe(
      "cannot unmarshal !!str `many` into int",
    );
  });

  it("an empty file, or one with no groups, is valid; only the first YAML document counts", () => {
    expect(checkRuleFile(read(""))).toEqual([]);
    expect(checkRuleFile(read("groups:\n"))).toEqual([]);
    expect(checkRuleFile(read("groups: []\n---\ngroups:\n  - name: ''\n"))).toEqual([]);
  });
});
