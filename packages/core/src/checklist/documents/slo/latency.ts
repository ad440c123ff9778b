import type { SloObjective } from "./model";
import { histogramQuantileOf, parsePromql, scaleOf, type Selector, selectorsOf } from "./promql";
import { queriesOf } from "./read";

/**
 * What a latency objective promises, read from its indicator's PromQL:
 * - a ratio of requests under a histogram bucket (`…_bucket{le="0.1"}` in the good or bad query):
 *   `targetPercent`% of requests take at most `le`, so the objective bounds P<targetPercent>;
 * - a threshold on `histogram_quantile(φ, …)` or on a summary's `{quantile="φ"}` series, with op
 *   lte or lt: P<φ×100> stays at most `value`.
 * The bucket's or summary's unit comes from the metric name (Prometheus names carry their unit:
 * `_seconds`, `_milliseconds`), scaled as the query scales it (`histogram_quantile(…) * 1000`
 * states the threshold in milliseconds of a `_seconds` histogram). An objective whose names mention latency or duration but whose
 * indicator shows none of these is a latency objective whose bound cannot be read.
 */
export type Latency =
  | { readonly kind: "bound"; readonly percentile: number; readonly thresholdMs: number; readonly series: string }
  | { readonly kind: "unreadable"; readonly why: string }
  | { readonly kind: "none" };

const UNIT_TO_MS: readonly (readonly [string, number])[] = [
  ["_milliseconds", 1],
  ["_ms", 1],
  ["_microseconds", 0.001],
  ["_us", 0.001],
  ["_seconds", 1000],
];

export const latencyOf = (objective: SloObjective): Latency => {
  const selectors = queriesOf(objective).flatMap((query) => {
    if (query.promql === undefined) return [];
    const parsed = parsePromql(query.promql);
    return parsed.ok ? selectorsOf(parsed.query).map((selector) => ({ selector, parsed: parsed.query })) : [];
  });
  const { indicator } = objective;
  if (indicator.kind === "ratio") {
    // The `+Inf` bucket counts every request (as `_count` does): the bound is a finite bucket's `le`.
    const bucket = selectors.find(
      ({ selector }) =>
        selector.metric?.endsWith("_bucket") &&
        selector.equals.le !== undefined &&
        !/^\+?Inf$/i.test(selector.equals.le.trim()),
    );
    if (bucket) return bound(bucket.selector, "_bucket", Number(bucket.selector.equals.le), objective.targetPercent);
  } else {
    const quantileQuery = selectors.find(({ parsed }) => histogramQuantileOf(parsed) !== undefined);
    const summary = selectors.find(({ selector }) => selector.equals.quantile !== undefined);
    const percentile = quantileQuery
      ? histogramQuantileOf(quantileQuery.parsed)! * 100
      : summary
        ? Number(summary.selector.equals.quantile) * 100
        : undefined;
    if (percentile !== undefined) {
      if (indicator.op !== "lte" && indicator.op !== "lt")
        return { kind: "unreadable", why: `op ${indicator.op} bounds the latency from below, not from above` };
      const series = quantileQuery
        ? selectors.find(({ selector }) => selector.metric?.endsWith("_bucket"))?.selector
        : summary!.selector;
      if (!series?.metric)
        return { kind: "unreadable", why: "the quantile's series has no metric name to read its unit from" };
      // A query scaled by a number (`… * 1000`, seconds shown as milliseconds) states its threshold in that scale.
      const scale = scaleOf((quantileQuery ?? summary)!.parsed);
      return bound(series, quantileQuery ? "_bucket" : "", indicator.value / scale, percentile);
    }
  }
  if (/latency|duration|response time/.test(objective.words))
    return {
      kind: "unreadable",
      why: "its indicator shows no percentile and threshold (a ratio under a histogram bucket's le, or a threshold on histogram_quantile or a summary quantile)",
    };
  return { kind: "none" };
};

const bound = (selector: Selector, suffix: string, value: number, percentile: number): Latency => {
  const metric = selector.metric!;
  const base = suffix && metric.endsWith(suffix) ? metric.slice(0, -suffix.length) : metric;
  const unit = UNIT_TO_MS.find(([name]) => base.endsWith(name));
  if (!unit)
    return {
      kind: "unreadable",
      why: `the unit of ${metric} is not in its name (Prometheus names end in their unit: _seconds, _milliseconds)`,
    };
  if (!Number.isFinite(value)) return { kind: "unreadable", why: `the threshold of ${metric} is not a finite number` };
  return { kind: "bound", percentile, thresholdMs: Number((value * unit[1]).toPrecision(12)), series: metric };
};
