import { alertingRules, type RuleSet, readRuleSet, whyMissing } from "../prometheus/rule-set";
import { type DocumentFile, type DocumentFinding, type DocumentVerdict, verdictOf } from "../types";
import { readFailureModes } from "./manifest";

/**
 * failure-modes-alerted.
 * Given the failure-mode manifest and the Prometheus rule files,
 * Then every failure mode names at least one alert that exists in the rules Prometheus would load;
 * each uncovered mode is named with its line and why each of its alerts does not count.
 * No manifest or no rule files configured decides nothing (unknown); an empty manifest fails.
 */
export interface FailureModesInput {
  readonly failureModes?: DocumentFile;
  readonly ruleFiles: readonly DocumentFile[];
  readonly ruleSet?: RuleSet;
}

export const decideFailureModesAlerted = (input: FailureModesInput): DocumentVerdict => {
  if (!input.failureModes)
    return verdictOf(
      [{ status: "unknown", reason: "no failure-mode manifest configured (documents.failureModes)" }],
      "",
    );
  if (input.ruleFiles.length === 0 && !input.ruleSet)
    return verdictOf(
      [{ status: "unknown", reason: "no Prometheus rule files configured (documents.prometheusRules)" }],
      "",
    );
  const manifest = readFailureModes(input.failureModes);
  const set = input.ruleSet ?? readRuleSet(input.ruleFiles);
  const existing = new Set(alertingRules(set).map((rule) => rule.alert!));
  const findings: DocumentFinding[] = [...manifest.problems];
  if (manifest.modes.length === 0 && manifest.problems.length === 0)
    findings.push({
      status: "fail",
      reason: `${input.failureModes.path} lists no failure modes`,
      place: { file: input.failureModes.path },
    });
  for (const mode of manifest.modes) {
    const where = `${mode.place.file}:${mode.place.line}`;
    const covering = mode.alerts.filter((alert) => existing.has(alert));
    if (mode.alerts.length === 0)
      findings.push({
        status: "fail",
        reason: `failure mode ${mode.id} (${where}) names no alert`,
        place: mode.place,
        subject: mode.id,
      });
    else if (covering.length === 0)
      findings.push({
        status: "fail",
        reason: `failure mode ${mode.id} (${where}) is not alerted: ${mode.alerts.map((alert) => whyMissing(set, alert)).join("; ")}`,
        place: mode.place,
        subject: mode.id,
      });
    else
      findings.push({
        status: "pass",
        reason: `failure mode ${mode.id} is alerted by ${covering.join(", ")}`,
        place: mode.place,
        subject: mode.id,
      });
  }
  return verdictOf(findings, `each of the ${manifest.modes.length} failure mode(s) names an alert that exists`);
};
