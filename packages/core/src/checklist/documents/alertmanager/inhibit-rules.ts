import type { YamlPath } from "../located-yaml/located-yaml";
import { type MatchType, newMatcher, parseMatchers } from "./matchers";
import type { ConfigProblem } from "./notifier-checks";
import { goString } from "./route-checks";

/**
 * `inhibit_rules` as Alertmanager 0.25 reads them (config.InhibitRule): known fields, label
 * names, regexes and matchers that parse, `equal` label names. Inhibition does not change where an
 * alert is routed, but a rule Alertmanager cannot read makes it refuse the whole file.
 */
const FIELDS = new Set([
  "source_match",
  "source_match_re",
  "source_matchers",
  "target_match",
  "target_match_re",
  "target_matchers",
  "equal",
]);
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

type Data = Readonly<Record<string, unknown>>;
const isRecord = (value: unknown): value is Data =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const ruleProblems = (rule: unknown, at: YamlPath): ConfigProblem[] => {
  if (!isRecord(rule)) return [{ at, message: "inhibit rule: expected a mapping" }];
  const problems: ConfigProblem[] = [];
  for (const [field, value] of Object.entries(rule)) {
    const where = [...at, field];
    if (!FIELDS.has(field)) {
      problems.push({ at: where, message: `field ${field} not found in inhibit rule` });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (field.endsWith("_match") || field.endsWith("_match_re")) {
      if (!isRecord(value)) {
        problems.push({ at: where, message: `${field}: expected a mapping of label names to values` });
        continue;
      }
      const type: MatchType = field.endsWith("_re") ? "=~" : "=";
      for (const [name, text] of Object.entries(value)) {
        if (!LABEL_NAME.test(name))
          problems.push({ at: [...where, name], message: `invalid label name ${JSON.stringify(name)}` });
        else {
          const made = newMatcher(type, name, goString(text) ?? "");
          if (!made.ok && made.kind === "invalid") problems.push({ at: [...where, name], message: made.message });
        }
      }
    } else if (field.endsWith("_matchers") || field === "equal") {
      if (!Array.isArray(value)) {
        problems.push({ at: where, message: `${field}: expected a list` });
        continue;
      }
      value.forEach((item: unknown, index: number) => {
        const text = goString(item) ?? "";
        if (field === "equal") {
          if (!LABEL_NAME.test(text))
            problems.push({ at: [...where, index], message: `${JSON.stringify(text)} is not a valid label name` });
          return;
        }
        const parsed = parseMatchers(text);
        if (!parsed.ok && parsed.kind === "invalid") problems.push({ at: [...where, index], message: parsed.message });
      });
    }
  }
  return problems;
};

export const checkInhibitRules = (rules: unknown): ConfigProblem[] => {
  if (rules === undefined || rules === null) return [];
  if (!Array.isArray(rules)) return [{ at: ["inhibit_rules"], message: "inhibit_rules: expected a list" }];
  return rules.flatMap((rule: unknown, index: number) => ruleProblems(rule, ["inhibit_rules", index]));
};
