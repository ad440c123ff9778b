import { type Dashboard, readDashboards } from "../../grafana/dashboard";
import { grafanaQueryAsPromql, isGrafanaVariable } from "../../grafana/query-text";
import type { DocumentFile, DocumentPlace } from "../../types";
import { type LabelMatcher, matcherMatches, type ParsedPromql, parsePromqlOf } from "../promql";
import { functionsOf, keepsLabel, type SeriesSelector, selectorsOf } from "../promql-series";
import { type RuleSet, readRuleSet, recordingRules } from "../rule-set";
import { measuresQueueDepth, type QueueSignal, SERVICE_SIGNALS, type ServiceSignal, serviceSignalsOf } from "./signals";

/**
 * Which golden signals the team's Prometheus recording rules and Grafana dashboard queries cover.
 * A series belongs to a service through its `job` label (the service's metricsJob); a rule or
 * query with no job filter whose result keeps `job` (no aggregation, or `by (job)`) covers every
 * service. Queue series belong to queues through `queue_name` in the same way. Grafana variables
 * in a filter (`job="$job"`) stand for any value.
 */
export interface SignalService {
  readonly name: string;
  readonly role: string;
  /** The `job` label of the service's series (readiness.yml `services[].metricsJob`, default the name). */
  readonly metricsJob?: string;
}

export interface SignalQueue {
  readonly name: string;
  readonly isDlq: boolean;
}

export interface CoveringSource {
  /** "recording rule job:http_requests:rate5m" or "dashboard panel \"Latency\"". */
  readonly source: string;
  readonly place: DocumentPlace;
}

export interface SignalCoverage {
  readonly kind: "service" | "queue";
  readonly subject: string;
  /** The `job` label a service's series carry. */
  readonly job?: string;
  readonly signal: ServiceSignal | QueueSignal;
  readonly coveredBy?: CoveringSource;
}

export interface PrometheusSignalsInput {
  readonly services: readonly SignalService[];
  readonly queues: readonly SignalQueue[];
  readonly ruleFiles: readonly DocumentFile[];
  readonly dashboards: readonly DocumentFile[];
  readonly ruleSet?: RuleSet;
  readonly readDashboards?: readonly Dashboard[];
}

/** The roles whose four golden signals must be covered. */
export const ROLES_WITH_SIGNALS: ReadonlySet<string> = new Set(["api", "worker"]);

interface Source extends CoveringSource {
  readonly parsed: ParsedPromql;
}

const sourcesOf = (input: PrometheusSignalsInput): Source[] => {
  const set = input.ruleSet ?? readRuleSet(input.ruleFiles);
  const dashboards = input.readDashboards ?? readDashboards(input.dashboards);
  return [
    ...recordingRules(set).map((rule) => ({
      source: `recording rule ${rule.record}`,
      place: rule.place,
      parsed: parsePromqlOf(rule, rule.expr ?? ""),
    })),
    ...dashboards.flatMap((dashboard) =>
      dashboard.panels.flatMap((panel) =>
        panel.queries.map((query) => ({
          source: `dashboard panel "${panel.title}" (${dashboard.path})`,
          place: query.place,
          parsed: parsePromqlOf(query, grafanaQueryAsPromql(query.expr)),
        })),
      ),
    ),
  ];
};

/** Whether a selector's filters on `label` admit `value`; no filter admits every value when the result keeps the label. */
const admits = (selector: SeriesSelector, label: string, value: string, keeps: boolean): boolean => {
  const filters = selector.matchers.filter((m: LabelMatcher) => m.label === label);
  if (filters.length === 0) return keeps;
  return filters.every((m) => isGrafanaVariable(m.value) || matcherMatches(m, value));
};

export const prometheusSignalCoverage = (input: PrometheusSignalsInput): SignalCoverage[] => {
  // Each selector is classified once (not once per service and signal): what it measures, and
  // whether it measures a queue's depth.
  const sources = sourcesOf(input).map((source) => {
    const quantile = functionsOf(source.parsed).has("histogram_quantile");
    return {
      ...source,
      selectors: selectorsOf(source.parsed).map((selector) => ({
        selector,
        signals: serviceSignalsOf(selector, quantile),
        queueDepth: measuresQueueDepth(selector),
      })),
      keepsJob: keepsLabel(source.parsed, "job"),
      keepsQueue: keepsLabel(source.parsed, "queue_name"),
    };
  });
  const coverage: SignalCoverage[] = [];
  for (const service of input.services.filter((s) => ROLES_WITH_SIGNALS.has(s.role))) {
    const job = service.metricsJob ?? service.name;
    for (const signal of SERVICE_SIGNALS) {
      const found = sources.find((source) =>
        source.selectors.some(
          ({ selector, signals }) => signals.has(signal) && admits(selector, "job", job, source.keepsJob),
        ),
      );
      coverage.push({
        kind: "service",
        subject: service.name,
        job,
        signal,
        ...(found ? { coveredBy: { source: found.source, place: found.place } } : {}),
      });
    }
  }
  for (const queue of input.queues) {
    const signal: QueueSignal = queue.isDlq ? "dlq-depth" : "queue-depth";
    const found = sources.find((source) =>
      source.selectors.some(
        ({ selector, queueDepth }) => queueDepth && admits(selector, "queue_name", queue.name, source.keepsQueue),
      ),
    );
    coverage.push({
      kind: "queue",
      subject: queue.name,
      signal,
      ...(found ? { coveredBy: { source: found.source, place: found.place } } : {}),
    });
  }
  return coverage;
};
