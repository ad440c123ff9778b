/**
 * PromQL's function signatures, as the Prometheus parser checks them at parse time
 * (promql/parser/functions.go). `optional` > 0: that many trailing arguments may be left out;
 * `repeats`: the last argument type repeats (at least `args.length - 1` arguments).
 * A function the grammar knows and this table does not is checked for syntax only.
 */
export type ValueType = "scalar" | "vector" | "matrix" | "string";

export interface FunctionSignature {
  readonly args: readonly ValueType[];
  readonly returns: ValueType;
  readonly optional?: number;
  readonly repeats?: boolean;
}

const v = "vector" as const;
const m = "matrix" as const;
const s = "scalar" as const;
const str = "string" as const;

const vectorToVector = { args: [v], returns: v } as const;
const rangeToVector = { args: [m], returns: v } as const;
const dateFunction = { args: [v], returns: v, optional: 1 } as const;

const each = (names: readonly string[], signature: FunctionSignature) =>
  Object.fromEntries(names.map((name) => [name, signature]));

export const FUNCTIONS: Readonly<Record<string, FunctionSignature>> = {
  ...each(
    [
      "abs",
      "ceil",
      "exp",
      "floor",
      "ln",
      "log10",
      "log2",
      "sqrt",
      "sgn",
      "deg",
      "rad",
      "sort",
      "sort_desc",
      "timestamp",
    ],
    vectorToVector,
  ),
  ...each(
    ["acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh"],
    vectorToVector,
  ),
  ...each(
    ["absent", "histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev", "histogram_stdvar"],
    vectorToVector,
  ),
  ...each(
    [
      "absent_over_time",
      "avg_over_time",
      "count_over_time",
      "last_over_time",
      "max_over_time",
      "min_over_time",
      "present_over_time",
      "stddev_over_time",
      "stdvar_over_time",
      "sum_over_time",
      "mad_over_time",
      "first_over_time",
      "changes",
      "delta",
      "deriv",
      "idelta",
      "increase",
      "irate",
      "rate",
      "resets",
    ],
    rangeToVector,
  ),
  ...each(
    ["day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year"],
    dateFunction,
  ),
  quantile_over_time: { args: [s, m], returns: v },
  predict_linear: { args: [m, s], returns: v },
  holt_winters: { args: [m, s, s], returns: v },
  double_exponential_smoothing: { args: [m, s, s], returns: v },
  clamp: { args: [v, s, s], returns: v },
  clamp_max: { args: [v, s], returns: v },
  clamp_min: { args: [v, s], returns: v },
  histogram_quantile: { args: [s, v], returns: v },
  histogram_fraction: { args: [s, s, v], returns: v },
  label_replace: { args: [v, str, str, str, str], returns: v },
  label_join: { args: [v, str, str, str], returns: v, repeats: true },
  sort_by_label: { args: [v, str], returns: v, repeats: true },
  sort_by_label_desc: { args: [v, str], returns: v, repeats: true },
  round: { args: [v, s], returns: v, optional: 1 },
  scalar: { args: [v], returns: s },
  vector: { args: [s], returns: v },
  pi: { args: [], returns: s },
  time: { args: [], returns: s },
};

/** Aggregations that take a parameter before the vector, and its type. */
export const AGGREGATION_PARAMETER: Readonly<Record<string, ValueType>> = {
  topk: s,
  bottomk: s,
  quantile: s,
  limitk: s,
  limit_ratio: s,
  count_values: str,
};

/** Aggregations whose result keeps each input series' labels (they select series, not sum them). */
export const SELECTING_AGGREGATIONS: ReadonlySet<string> = new Set(["topk", "bottomk", "limitk", "limit_ratio"]);
