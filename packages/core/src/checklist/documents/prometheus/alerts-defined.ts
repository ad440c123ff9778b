import { type DocumentFile, type DocumentFinding, type DocumentVerdict, describePlace, verdictOf } from "../types";
import { formatDuration } from "./duration";
import type { PrometheusRule } from "./rule-file";
import { alertingRules, type RuleSet, readRuleSet, whyMissing } from "./rule-set";

/**
 * alerts-defined, document part.
 * Given the team's Prometheus rule files and the required alert names,
 * Then every file passes promtool's structural checks, and each required alert exists (in a file
 * Prometheus would load) with a parsable `expr`, a `for` duration above zero and a non-empty
 * `severity` label; every rule of that name is checked (an alert often has one rule per severity).
 * No rule files configured decides nothing (unknown).
 */
export interface AlertsDefinedInput {
  readonly ruleFiles: readonly DocumentFile[];
  /** Already read, when the caller shares one RuleSet between deciders. */
  readonly ruleSet?: RuleSet;
}

export const decideAlertsDefined = (
  input: AlertsDefinedInput,
  params: { readonly requiredAlerts: readonly string[] },
): DocumentVerdict => {
  if (input.ruleFiles.length === 0 && !input.ruleSet)
    return verdictOf(
      [{ status: "unknown", reason: "no Prometheus rule files configured (documents.prometheusRules)" }],
      "",
    );
  const set = input.ruleSet ?? readRuleSet(input.ruleFiles);
  const findings: DocumentFinding[] = [...set.refused];
  // Grouped once by name: a thousand required alerts each scanning every rule is quadratic.
  const alertsByName = new Map<string, PrometheusRule[]>();
  for (const rule of alertingRules(set)) {
    const named = alertsByName.get(rule.alert!);
    if (named) named.push(rule);
    else alertsByName.set(rule.alert!, [rule]);
  }
  for (const name of params.requiredAlerts) {
    const rules = alertsByName.get(name) ?? [];
    if (rules.length === 0) {
      findings.push({ status: "fail", reason: whyMissing(set, name), subject: name });
      continue;
    }
    for (const rule of rules) findings.push(checkRequiredAlert(rule));
  }
  return verdictOf(
    findings,
    `the ${params.requiredAlerts.length} required alert(s) exist with an expression, a for duration and a severity label`,
  );
};

const checkRequiredAlert = (rule: PrometheusRule): DocumentFinding => {
  const name = rule.alert!;
  const where = describePlace(rule.place);
  const missing: string[] = [];
  if (rule.forMs === 0) missing.push("a `for` duration (without one it fires on the first evaluation that matches)");
  const severity = rule.labels["severity"]?.trim();
  if (!severity) missing.push("a `severity` label");
  if (missing.length > 0)
    return {
      status: "fail",
      reason: `alert ${name} (${where}) lacks ${missing.join(" and ")}`,
      place: rule.place,
      subject: name,
    };
  return {
    status: "pass",
    reason: `alert ${name} (${where}): for ${formatDuration(rule.forMs)}, severity ${severity}`,
    place: rule.place,
    subject: name,
  };
};
