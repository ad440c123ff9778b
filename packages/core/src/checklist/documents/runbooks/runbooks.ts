import { alertingRules, type RuleSet, readRuleSet } from "../prometheus/rule-set";
import type { PrometheusRule } from "../prometheus/rule-file";
import { type DocumentFile, type DocumentFinding, type DocumentVerdict, describePlace, verdictOf } from "../types";
import { readMarkdown } from "./markdown";
import { type RunbookLibrary, resolveRunbookUrl } from "./resolve";
import { describeGaps, hasGaps, sectionGaps } from "./sections";
import { severityRank } from "./severity";

/**
 * runbooks.
 * Given the Prometheus rule files and the runbooks folder,
 * Then the top `topAlerts` alerts (distinct names, ordered by their most urgent severity, then by
 * their first appearance in the rule files) each carry a `runbook_url` annotation that resolves to
 * a runbook file having every required section, none empty.
 * No rule files or no runbooks folder configured decides nothing (unknown).
 */
export interface RunbooksInput {
  readonly ruleFiles: readonly DocumentFile[];
  readonly ruleSet?: RuleSet;
  readonly runbooks?: RunbookLibrary;
}

export interface RunbooksParams {
  readonly topAlerts: number;
  readonly requiredSections: readonly string[];
}

/** The most urgent rule of each alert name, most urgent first, ties in file order. */
export const topAlerts = (rules: readonly PrometheusRule[], count: number): PrometheusRule[] => {
  const best = new Map<string, { rule: PrometheusRule; order: number; rank: number }>();
  rules.forEach((rule, order) => {
    const rank = severityRank(rule.labels["severity"]);
    const seen = best.get(rule.alert!);
    if (!seen) best.set(rule.alert!, { rule, order, rank });
    else if (rank < seen.rank) best.set(rule.alert!, { rule, order: seen.order, rank });
  });
  return [...best.values()]
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, count)
    .map((entry) => entry.rule);
};

export const decideRunbooks = (input: RunbooksInput, params: RunbooksParams): DocumentVerdict => {
  if (input.ruleFiles.length === 0 && !input.ruleSet)
    return verdictOf(
      [{ status: "unknown", reason: "no Prometheus rule files configured (documents.prometheusRules)" }],
      "",
    );
  if (!input.runbooks)
    return verdictOf([{ status: "unknown", reason: "no runbooks folder configured (documents.runbooks)" }], "");
  const set = input.ruleSet ?? readRuleSet(input.ruleFiles);
  const top = topAlerts(alertingRules(set), params.topAlerts);
  const findings: DocumentFinding[] = [];
  if (top.length === 0)
    findings.push({
      status: "fail",
      reason: `no alerting rule in the ${set.fileCount} rule file(s) to write runbooks for`,
    });
  for (const rule of top) findings.push(checkAlertRunbook(rule, input.runbooks, params.requiredSections));
  return verdictOf(
    findings,
    `the top ${top.length} alert(s) link runbooks with the sections ${params.requiredSections.join(", ")}`,
  );
};

const checkAlertRunbook = (
  rule: PrometheusRule,
  library: RunbookLibrary,
  required: readonly string[],
): DocumentFinding => {
  const name = rule.alert!;
  const at = { place: rule.place, subject: name };
  const where = describePlace(rule.place);
  const url = rule.annotations["runbook_url"];
  if (!url?.trim()) return { status: "fail", reason: `alert ${name} (${where}) has no runbook_url annotation`, ...at };
  const resolved = resolveRunbookUrl(url, library);
  if ("error" in resolved) return { status: "fail", reason: `alert ${name} (${where}): ${resolved.error}`, ...at };
  const gaps = sectionGaps(readMarkdown(resolved.file.text), resolved.file.path, required);
  if (hasGaps(gaps))
    return { status: "fail", reason: `alert ${name}: runbook ${resolved.file.path} ${describeGaps(gaps)}`, ...at };
  return { status: "pass", reason: `alert ${name}: runbook ${resolved.file.path}`, ...at };
};
