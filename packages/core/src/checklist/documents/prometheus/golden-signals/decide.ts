import { type DocumentFinding, type DocumentVerdict, describePlace, verdictOf } from "../../types";
import { readRuleSet } from "../rule-set";
import { type PrometheusSignalsInput, prometheusSignalCoverage, ROLES_WITH_SIGNALS } from "./coverage";

/**
 * golden-signals, Prometheus part.
 * Given the services (name, role, metricsJob), the queues (name, DLQ or not), the recording rules
 * and the dashboards,
 * Then latency, traffic, errors and saturation are covered for every API and Worker, and depth for
 * every queue and DLQ, each by a recording rule or a dashboard query (the finding names it and its
 * line). Merging with the CloudWatch part (either source covers a signal) is the caller's: it reads
 * `prometheusSignalCoverage` directly.
 * No rule files and no dashboards configured decides nothing (unknown).
 */
export const decideGoldenSignalsPrometheus = (input: PrometheusSignalsInput): DocumentVerdict => {
  if (input.ruleFiles.length === 0 && input.dashboards.length === 0 && !input.ruleSet && !input.readDashboards)
    return verdictOf(
      [
        {
          status: "unknown",
          reason:
            "no Prometheus rule files or Grafana dashboards configured (documents.prometheusRules, documents.dashboards)",
        },
      ],
      "",
    );
  const subjects = input.services.filter((s) => ROLES_WITH_SIGNALS.has(s.role)).length + input.queues.length;
  if (subjects === 0)
    return verdictOf([{ status: "unknown", reason: "no API, Worker or queue in scope to cover" }], "");
  const ruleSet = input.ruleSet ?? readRuleSet(input.ruleFiles);
  const findings: DocumentFinding[] = [...ruleSet.refused];
  for (const entry of prometheusSignalCoverage({ ...input, ruleSet })) {
    const what =
      entry.kind === "service"
        ? `${entry.signal} of ${entry.subject} (job "${entry.job}")`
        : `${entry.signal === "dlq-depth" ? "DLQ" : "queue"} depth of ${entry.subject}`;
    findings.push(
      entry.coveredBy
        ? {
            status: "pass",
            reason: `${what}: ${entry.coveredBy.source} (${describePlace(entry.coveredBy.place)})`,
            place: entry.coveredBy.place,
            subject: entry.subject,
          }
        : { status: "fail", reason: `${what}: no recording rule or dashboard query covers it`, subject: entry.subject },
    );
  }
  return verdictOf(
    findings,
    "every golden signal, queue depth and DLQ depth is covered by a recording rule or a dashboard query",
  );
};
