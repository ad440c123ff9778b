import { checkAlertTemplate } from "./go-template";
import { isValidLabelName, isValidMetricName, METRIC_NAME_LABEL } from "./names";
import { parsePromqlOf } from "./promql";
import type { PrometheusRule, RuleFile, RuleProblem } from "./rule-file";

/**
 * The checks `promtool check rules --lint-fatal` makes once a file has decoded
 * (model/rulefmt `RuleGroups.Validate`, and promtool's duplicate-rules lint): group names, one of
 * record/alert, a parsable expression, what a recording rule may not have, label and annotation
 * names, the Go templates of alerting rules, and rules that are the same alert or series twice.
 */
export const checkRuleFile = (file: RuleFile): RuleProblem[] => {
  const problems: RuleProblem[] = [...file.problems];
  // Prometheus stops at decoding errors: the rules it could not decode are not there to check.
  if (problems.length > 0) return problems;
  const seen = new Set<string>();
  for (const group of file.groups) {
    if (group.name === "") problems.push({ message: "Groupname must not be empty", place: group.place });
    else if (seen.has(group.name))
      problems.push({ message: `groupname: "${group.name}" is repeated in the same file`, place: group.place });
    seen.add(group.name);
    for (const rule of group.rules) problems.push(...checkRule(rule));
  }
  problems.push(...duplicateRules(file));
  return problems;
};

const ruleName = (rule: PrometheusRule): string => rule.alert ?? rule.record ?? "";

const describeRule = (rule: PrometheusRule): string =>
  `group "${rule.group}", rule ${rule.index}${ruleName(rule) ? `, "${ruleName(rule)}"` : ""}`;

export const checkRule = (rule: PrometheusRule): RuleProblem[] => {
  const problems: RuleProblem[] = [];
  const name = ruleName(rule);
  const problem = (message: string, place = rule.place) =>
    problems.push({ message: `${describeRule(rule)}: ${message}`, place, ...(name ? { rule: name } : {}) });

  if (rule.record !== undefined && rule.alert !== undefined) problem("only one of 'record' and 'alert' must be set");
  if (rule.record === undefined && rule.alert === undefined) problem("one of 'record' or 'alert' must be set");
  if (rule.expr === undefined) problem("field 'expr' must be set in rule");
  else {
    const parsed = parsePromqlOf(rule, rule.expr);
    if (parsed.problem)
      problem(
        `could not parse expression: ${parsed.problem.message} (column ${parsed.problem.offset + 1})`,
        rule.exprPlace,
      );
  }
  if (rule.record !== undefined) {
    if (Object.keys(rule.annotations).length > 0) problem("invalid field 'annotations' in recording rule");
    if (rule.forMs !== 0) problem("invalid field 'for' in recording rule");
    if (rule.keepFiringForMs !== 0) problem("invalid field 'keep_firing_for' in recording rule");
    if (!isValidMetricName(rule.record)) problem(`invalid recording rule name: ${rule.record}`);
  }
  for (const label of Object.keys(rule.labels))
    if (!isValidLabelName(label) || label === METRIC_NAME_LABEL)
      problem(`invalid label name: ${label}`, rule.labelPlaces[label]);
  for (const annotation of Object.keys(rule.annotations))
    if (!isValidLabelName(annotation))
      problem(`invalid annotation name: ${annotation}`, rule.annotationPlaces[annotation]);
  if (rule.alert !== undefined) {
    for (const [label, value] of Object.entries(rule.labels)) {
      const template = checkAlertTemplate(value);
      if (!template.ok) problem(`label "${label}": template: ${template.error}`, rule.labelPlaces[label]);
    }
    for (const [annotation, value] of Object.entries(rule.annotations)) {
      const template = checkAlertTemplate(value);
      if (!template.ok)
        problem(`annotation "${annotation}": template: ${template.error}`, rule.annotationPlaces[annotation]);
    }
  }
  return problems;
};

/** promtool's duplicate-rules lint: the same alert or recorded series with the same labels, anywhere in the file. */
const duplicateRules = (file: RuleFile): RuleProblem[] => {
  const first = new Map<string, PrometheusRule>();
  const problems: RuleProblem[] = [];
  for (const group of file.groups)
    for (const rule of group.rules) {
      const labels = Object.entries(rule.labels)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
      const key = `${ruleName(rule)}{${labels.join(",")}}`;
      const earlier = first.get(key);
      if (!earlier) first.set(key, rule);
      else
        problems.push({
          message: `duplicate rule: ${describeRule(rule)} is the same ${rule.alert !== undefined ? "alert" : "series"} as ${describeRule(earlier)} (line ${earlier.place.line}), with the same labels`,
          place: rule.place,
          rule: ruleName(rule),
        });
    }
  return problems;
};
