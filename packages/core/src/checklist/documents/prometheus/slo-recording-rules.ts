import { type Dashboard, readDashboards } from "../grafana/dashboard";
import { grafanaQueryAsPromql } from "../grafana/query-text";
import {
  type DocumentFile,
  type DocumentFinding,
  type DocumentPlace,
  type DocumentVerdict,
  describePlace,
  verdictOf,
} from "../types";
import { parsePromqlOf } from "./promql";
import { metricNamesOf } from "./promql-series";
import type { PrometheusRule } from "./rule-file";
import { type RuleSet, readRuleSet, recordingRules } from "./rule-set";

/**
 * slo-recording-rules.
 * Given the SLOs (each with the series its indicator reads), the Prometheus rule files and the
 * Grafana dashboards,
 * Then each SLO has recording rules over its indicator: rules whose expression reads one of the
 * indicator's series, and the rules built on those (a ratio over two recorded rates); and a
 * dashboard has an error-budget panel (its title or description says "budget") whose query reads
 * one of those recorded series.
 * No SLO document, rule files or dashboards configured decides nothing (unknown).
 */

/** What this decider needs of an SLO; the SLO document's reader maps OpenSLO and Sloth to it. */
export interface SloIndicator {
  readonly name: string;
  /** Metric names the indicator's queries read (good/total or error/total series). */
  readonly indicatorSeries: readonly string[];
  readonly place?: DocumentPlace;
}

export interface SloRecordingInput {
  /** Undefined when no SLO document is configured. */
  readonly slos?: readonly SloIndicator[];
  readonly ruleFiles: readonly DocumentFile[];
  readonly dashboards: readonly DocumentFile[];
  readonly ruleSet?: RuleSet;
  readonly readDashboards?: readonly Dashboard[];
}

export const decideSloRecordingRules = (input: SloRecordingInput): DocumentVerdict => {
  const unknown: DocumentFinding[] = [];
  if (!input.slos) unknown.push({ status: "unknown", reason: "no SLO document configured (documents.slo)" });
  if (input.ruleFiles.length === 0 && !input.ruleSet)
    unknown.push({ status: "unknown", reason: "no Prometheus rule files configured (documents.prometheusRules)" });
  if (input.dashboards.length === 0 && !input.readDashboards)
    unknown.push({ status: "unknown", reason: "no Grafana dashboards configured (documents.dashboards)" });
  if (unknown.length > 0) return verdictOf(unknown, "");
  const slos = input.slos!;
  const set = input.ruleSet ?? readRuleSet(input.ruleFiles);
  const dashboards = input.readDashboards ?? readDashboards(input.dashboards);
  const findings: DocumentFinding[] = [...set.refused, ...dashboards.flatMap((d) => d.problems)];
  if (slos.length === 0) findings.push({ status: "fail", reason: "the SLO document declares no SLO to record" });

  const recorded = new Set<string>();
  for (const slo of slos) {
    const rules = rulesRecording(slo.indicatorSeries, recordingRules(set));
    if (rules.length === 0) {
      findings.push({
        status: "fail",
        reason:
          slo.indicatorSeries.length > 0
            ? `SLO ${slo.name}: no recording rule reads its indicator series (${slo.indicatorSeries.join(", ")})`
            : `SLO ${slo.name}: its indicator names no Prometheus series (no PromQL query: another metric source, or a Sloth plugin SLI), so no recording rule can be tied to it`,
        ...(slo.place ? { place: slo.place } : {}),
        subject: slo.name,
      });
      continue;
    }
    for (const rule of rules) recorded.add(rule.record!);
    findings.push({
      status: "pass",
      reason: `SLO ${slo.name} is recorded by ${rules.map((r) => `${r.record} (${describePlace(r.place)})`).join(", ")}`,
      place: rules[0].place,
      subject: slo.name,
    });
  }
  if (recorded.size > 0) findings.push(errorBudgetPanel(dashboards, recorded));
  return verdictOf(
    findings,
    `each of the ${slos.length} SLO(s) has recording rules and a dashboard shows the error budget from them`,
  );
};

/**
 * Rules reading the indicator's series, then the rules reading what those record, to a fixed
 * point. An indicator written over recorded series (`job:http_requests:rate5m`, the SRE workbook's
 * style) is recorded by the rules that record them.
 */
const rulesRecording = (indicatorSeries: readonly string[], rules: readonly PrometheusRule[]): PrometheusRule[] => {
  const reads = new Map(rules.map((rule) => [rule, metricNamesOf(parsePromqlOf(rule, rule.expr ?? ""))]));
  const sources = new Set(indicatorSeries);
  const chosen = new Set<PrometheusRule>(rules.filter((rule) => sources.has(rule.record!)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const rule of rules) {
      if (chosen.has(rule) || ![...reads.get(rule)!].some((metric) => sources.has(metric))) continue;
      chosen.add(rule);
      sources.add(rule.record!);
      grew = true;
    }
  }
  return rules.filter((rule) => chosen.has(rule));
};

const isBudgetPanel = (title: string, description: string): boolean =>
  `${title} ${description}`.toLowerCase().includes("budget");

const errorBudgetPanel = (dashboards: readonly Dashboard[], recorded: ReadonlySet<string>): DocumentFinding => {
  const budgetPanels: string[] = [];
  for (const dashboard of dashboards)
    for (const panel of dashboard.panels) {
      if (!isBudgetPanel(panel.title, panel.description)) continue;
      const library = panel.libraryPanel;
      budgetPanels.push(
        `"${panel.title}" (${describePlace(panel.place)})${
          library && !library.element
            ? ` (library panel ${library.uid}: its queries are kept in Grafana, not in the dashboard; add the library panel's JSON, GET /api/library-elements/${library.uid}, to documents.dashboards)`
            : panel.queries.length === 0 && panel.otherQueries
              ? ` (its ${panel.otherQueries} query(ies) are not Prometheus queries: none has an expr)`
              : ""
        }`,
      );
      for (const query of panel.queries) {
        const used = [...metricNamesOf(parsePromqlOf(query, grafanaQueryAsPromql(query.expr)))].filter((m) =>
          recorded.has(m),
        );
        if (used.length > 0)
          return {
            status: "pass",
            reason: `error-budget panel "${panel.title}" in ${dashboard.path}${panel.libraryPanel?.element ? ` (library panel ${panel.libraryPanel.uid}, ${panel.libraryPanel.element})` : ""} reads ${used.join(", ")}`,
            place: query.place,
          };
      }
    }
  const series = [...recorded].join(", ");
  return {
    status: "fail",
    reason:
      budgetPanels.length === 0
        ? `no error-budget panel (a panel titled or described as an error budget) in the ${dashboards.length} dashboard(s); it should query one of ${series}`
        : `the error-budget panel(s) ${budgetPanels.join(", ")} query none of the SLO recording rules' series (${series})`,
  };
};
