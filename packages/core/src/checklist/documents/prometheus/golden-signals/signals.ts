import type { LabelMatcher } from "../promql";
import type { SeriesSelector } from "../promql-series";

/**
 * Which golden signal a series measures, from its name's words (`http_request_duration_seconds`
 * → duration → latency; Prometheus names are `_`/`:`-separated words by convention, recording
 * rules `level:metric:operations`) and from its matchers (`code=~"5.."` → errors).
 */
export type ServiceSignal = "latency" | "traffic" | "errors" | "saturation";
export type QueueSignal = "queue-depth" | "dlq-depth";
export const SERVICE_SIGNALS: readonly ServiceSignal[] = ["latency", "traffic", "errors", "saturation"];

const LATENCY = new Set(["duration", "latency", "latencies"]);
const ERRORS = new Set([
  "error",
  "errors",
  "failed",
  "failure",
  "failures",
  "fault",
  "faults",
  "exception",
  "exceptions",
  "5xx",
]);
const TRAFFIC = new Set([
  "request",
  "requests",
  "calls",
  "handled",
  "messages",
  "tasks",
  "jobs",
  "processed",
  "received",
  "consumed",
  "operations",
]);
const SATURATION = new Set([
  "cpu",
  "memory",
  "mem",
  "utilization",
  "utilisation",
  "saturation",
  "inflight",
  "concurrency",
  "concurrent",
  "heap",
  "pool",
  "goroutines",
  "fds",
  "threads",
  "rss",
]);
const DEPTH = new Set(["depth", "length", "backlog", "size"]);
/** Labels that carry a request's outcome. */
const STATUS_LABELS = new Set([
  "code",
  "status",
  "status_code",
  "http_status",
  "grpc_code",
  "response_code",
  "outcome",
  "result",
]);

export const wordsOf = (metric: string): string[] => metric.toLowerCase().split(/[_:]/).filter(Boolean);

/** A matcher that keeps failed requests: 5xx codes, or outcomes naming an error. */
const selectsErrors = (matcher: LabelMatcher): boolean => {
  if (!STATUS_LABELS.has(matcher.label)) return false;
  const value = matcher.value.toLowerCase();
  const positive = matcher.op === "=" || matcher.op === "=~";
  if (positive)
    return value.startsWith("5") || value.includes("error") || value.includes("fail") || value.includes("internal");
  return value.startsWith("2") || value === "ok" || value === "success";
};

export const serviceSignalsOf = (selector: SeriesSelector, underHistogramQuantile: boolean): Set<ServiceSignal> => {
  const out = new Set<ServiceSignal>();
  // A queue's depth is the queue's signal, not the traffic of whatever service the series' job names.
  if (!selector.metric || measuresQueueDepth(selector)) return out;
  const words = wordsOf(selector.metric);
  const has = (set: ReadonlySet<string>) => words.some((word) => set.has(word));
  const last = words[words.length - 1];
  if (has(LATENCY) || (underHistogramQuantile && last === "bucket")) out.add("latency");
  const errorSelected = selector.matchers.some(selectsErrors);
  const saturation = has(SATURATION) || (words.includes("in") && words.includes("flight"));
  if (saturation) out.add("saturation");
  if (has(ERRORS) || errorSelected) out.add("errors");
  else if (has(TRAFFIC) && last !== "bucket" && !saturation) out.add("traffic");
  return out;
};

/** Queue depth: messages visible (SQS's ApproximateNumberOfMessagesVisible as exporters name it), or a queue's depth, length or backlog. */
export const measuresQueueDepth = (selector: SeriesSelector): boolean => {
  if (!selector.metric) return false;
  const words = wordsOf(selector.metric);
  if (words.includes("messages") && words.includes("visible")) return true;
  if (words.includes("backlog")) return true;
  return words.includes("queue") && words.some((word) => DEPTH.has(word) || word === "messages");
};
