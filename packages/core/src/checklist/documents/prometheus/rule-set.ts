import { type DocumentFile, type DocumentFinding, describePlace } from "../types";
import { checkRuleFile } from "./rule-checks";
import { type PrometheusRule, readRuleFile } from "./rule-file";

/**
 * All the team's rule files read and checked once, for every decider that needs them. A file that
 * promtool would refuse is one Prometheus refuses to load: its rules do not count as existing, and
 * each of its problems is a failing finding with the file and line.
 */
export interface RuleSet {
  /** Rules of the files Prometheus would load, in file order then position. */
  readonly rules: readonly PrometheusRule[];
  /** Failing findings for the files Prometheus would refuse. */
  readonly refused: readonly DocumentFinding[];
  /** Paths of the refused files, and the alert names they hold (to say why such an alert "does not exist"). */
  readonly refusedFiles: ReadonlyMap<string, readonly string[]>;
  readonly fileCount: number;
}

export const readRuleSet = (files: readonly DocumentFile[]): RuleSet => {
  const rules: PrometheusRule[] = [];
  const refused: DocumentFinding[] = [];
  const refusedFiles = new Map<string, string[]>();
  for (const file of files) {
    const read = readRuleFile(file);
    const problems = checkRuleFile(read);
    const fileRules = read.groups.flatMap((group) => group.rules);
    if (problems.length === 0) {
      rules.push(...fileRules);
      continue;
    }
    refusedFiles.set(
      file.path,
      fileRules.flatMap((rule) => (rule.alert ? [rule.alert] : [])),
    );
    for (const problem of problems)
      refused.push({
        status: "fail",
        reason: `${describePlace({ file: problem.place.file, ...(problem.place.line ? { line: problem.place.line } : {}) })}: ${problem.message} (promtool check rules refuses this file, so Prometheus loads none of its rules)`,
        place: problem.place,
        ...(problem.rule ? { subject: problem.rule } : {}),
      });
  }
  return { rules, refused, refusedFiles, fileCount: files.length };
};

export const alertingRules = (set: RuleSet): PrometheusRule[] => set.rules.filter((rule) => rule.alert !== undefined);
export const recordingRules = (set: RuleSet): PrometheusRule[] => set.rules.filter((rule) => rule.record !== undefined);

/** Why an alert the rules do not hold is missing: absent everywhere, or only in a refused file. */
export const whyMissing = (set: RuleSet, alert: string): string => {
  const files = [...set.refusedFiles].filter(([, alerts]) => alerts.includes(alert)).map(([path]) => path);
  return files.length > 0
    ? `alert ${alert} is only in ${files.join(", ")}, which promtool check rules refuses (Prometheus would not load it)`
    : `no alerting rule named ${alert} in the ${set.fileCount} Prometheus rule file(s)`;
};
