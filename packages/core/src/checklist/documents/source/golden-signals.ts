import { alarmedQueueDepth } from "../../rules/cloudwatch/golden-signals-queues";
import { alarmedServiceSignals } from "../../rules/cloudwatch/golden-signals-services";
import { prometheusSignalCoverage, ROLES_WITH_SIGNALS } from "../prometheus/golden-signals/coverage";
import { type DocumentFinding, describePlace, verdictOf } from "../types";
import type { PublishedQueueDepth, PublishedSignal } from "../../../kernel/results/records/documents";
import type { DocumentDecider, ResourceOutcome } from "./run";

const NOT_CONFIGURED =
  "no Prometheus rule files or Grafana dashboards configured (documents.prometheusRules, documents.dashboards): CloudWatch alarms are the only source read; Prometheus recording rules and dashboard queries also count when configured";

/**
 * golden-signals, document part, with the either-source rule (issue 10): each signal of each API
 * and Worker (latency, traffic, errors, saturation) and each queue's and DLQ's depth is covered
 * when a CloudWatch alarm or a Prometheus recording rule or dashboard query covers it; it fails
 * only when neither does. A platform monitored through Prometheus alone then passes. The decision
 * judges each service and queue, and weighs the configuration part's source (CloudWatch alarms),
 * so it replaces that part's outcome on them. Without Prometheus documents it decides nothing and
 * the configuration part (CloudWatch alone) stands, as before documents existed.
 */
export const goldenSignals: DocumentDecider = (set, run) => {
  const rules = set.configured("prometheusRules");
  const boards = set.configured("dashboards");
  const problems = set.problemsOf(["prometheusRules", "dashboards"]);
  if (!rules && !boards) return { verdict: verdictOf([{ status: "unknown", reason: NOT_CONFIGURED }], "") };
  const ruleSet = set.ruleSet();
  const dashboards = set.dashboards();
  const services = run.services.filter((s) => s.role !== undefined && ROLES_WITH_SIGNALS.has(s.role));
  const coverage = prometheusSignalCoverage({
    services: services.map((s) => ({ name: s.name, role: s.role!, metricsJob: s.metricsJob })),
    queues: run.queues.map((q) => ({ name: q.name, isDlq: q.isDlq })),
    ruleFiles: set.files("prometheusRules").files,
    dashboards: set.files("dashboards").files,
    ...(ruleSet ? { ruleSet } : {}),
    readDashboards: dashboards,
  });
  // What the documents alone say of each service's signals and each queue's depth: `readiness publish` stores it, so that a
  // run reading the published verdict weighs it with the CloudWatch alarms it sees itself.
  const queueDepth: PublishedQueueDepth[] = coverage
    .filter((entry) => entry.kind === "queue")
    .map((entry) => ({
      queue: entry.subject,
      dlq: entry.signal === "dlq-depth",
      ...(entry.coveredBy ? { coveredBy: `${entry.coveredBy.source} (${describePlace(entry.coveredBy.place)})` } : {}),
    }));
  const serviceSignals: Record<string, PublishedSignal[]> = {};
  for (const service of services)
    serviceSignals[service.resource.id] = coverage
      .filter((entry) => entry.kind === "service" && entry.subject === service.name)
      .map((entry) => ({
        signal: entry.signal,
        what: `${entry.signal} of ${entry.subject} (job "${entry.job}")`,
        ...(entry.coveredBy
          ? { coveredBy: `${entry.coveredBy.source} (${describePlace(entry.coveredBy.place)})` }
          : {}),
      }));
  const outcomes: ResourceOutcome[] = [];
  const unreadable = [...problems, ...(ruleSet?.refused ?? []), ...dashboards.flatMap((d) => d.problems)];
  const unread = unreadable.length
    ? ` (not counted, unreadable: ${unreadable.map((p) => (p.place && !p.reason.includes(p.place.file) ? `${describePlace(p.place)}: ${p.reason}` : p.reason)).join("; ")})`
    : "";
  const subjects = [
    ...services.map((service) => ({
      kind: "service" as const,
      name: service.name,
      resource: service.resource,
      alarmed: alarmedServiceSignals(run.inventory, service.resource),
    })),
    ...run.queues.map((queue) => {
      const alarm = alarmedQueueDepth(run.inventory, queue.resource);
      return {
        kind: "queue" as const,
        name: queue.name,
        resource: queue.resource,
        alarmed: new Map(alarm ? [[queue.isDlq ? "dlq-depth" : "queue-depth", alarm]] : []),
      };
    }),
  ];
  for (const subject of subjects) {
    const entries = coverage.filter((entry) => entry.kind === subject.kind && entry.subject === subject.name);
    const missing: string[] = [];
    const covered: string[] = [];
    for (const entry of entries) {
      const what =
        entry.kind === "service"
          ? `${entry.signal} of ${entry.subject} (job "${entry.job}")`
          : `${entry.signal === "dlq-depth" ? "DLQ" : "queue"} depth of ${entry.subject}`;
      const alarm = subject.alarmed.get(entry.signal);
      const by = entry.coveredBy ? `${entry.coveredBy.source} (${describePlace(entry.coveredBy.place)})` : alarm;
      if (by) covered.push(`${what}: ${by}`);
      else missing.push(`${what}: no CloudWatch alarm, recording rule or dashboard query covers it`);
    }
    outcomes.push(
      missing.length > 0
        ? { resource: subject.resource, status: "fail", reason: `${missing.join("; ")}${unread}` }
        : { resource: subject.resource, status: "pass", reason: covered.join("; ") },
    );
  }
  // Rules and dashboards that could not be read count for nothing; a signal left uncovered says so.
  const findings: DocumentFinding[] = outcomes.map((o) => ({ status: o.status, reason: o.reason }));
  if (outcomes.length === 0) findings.push({ status: "unknown", reason: "no API, Worker or queue in scope to cover" });
  return {
    verdict: verdictOf(
      findings,
      "every golden signal, queue depth and DLQ depth is covered by a CloudWatch alarm, a recording rule or a dashboard query",
    ),
    resources: outcomes,
    weighsConfig: true,
    queueDepth,
    serviceSignals,
  };
};
