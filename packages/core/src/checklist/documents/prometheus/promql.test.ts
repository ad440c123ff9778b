import { describe, expect, it } from "vitest";
import { parsePromql } from "./promql";
import { keepsLabel, metricNamesOf } from "./promql-series";

/** Each case's verdict as promtool 2.42 gave it for a recording rule's expr. */
const VALID = [
  "rate(foo[5m])",
  'sum by (job) (rate(x{code=~"5.."}[5m])) / sum by (job)(rate(x[5m])) > 0.05',
  "1 > bool 2",
  "histogram_quantile(0.99, sum by (le, job) (rate(x_bucket[5m])))",
  "foo + on(a) group_left(b) bar",
  "topk(3, foo)",
  "foo[5m:1m]",
  'x{a=~"(?i)foo"}',
  "foo @ start() offset 5m",
  "sum(rate(x[5m])) by (job)",
  'label_join(x, "a", ",", "b", "c")',
  "x offset -5m",
  "x > -Inf",
  "0x1F + 1e3 + .5",
  "(x)[5m:1m]",
  'x{a=~"(?P<n>a)"}',
  "day_of_week()",
];

const INVALID: [string, string][] = [
  ["rate(foo)", 'expected type range vector in call to function "rate", got instant vector'],
  ["1 > 2", "comparisons between scalars must use BOOL modifier"],
  [
    "sum(foo) offset 5m",
    "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery",
  ],
  ['{job=""}', "vector selector must contain at least one non-empty matcher"],
  ["foo and 1", 'set operator "and" not allowed in binary scalar expression'],
  ["foo and on(a) group_left bar", 'no grouping allowed for "and" operation'],
  ["topk(foo)", "wrong number of arguments for aggregate expression provided, expected 2, got 1"],
  ["count_values(3, foo)", "expected type string in aggregation parameter, got scalar"],
  ["x > 5m", 'unexpected duration "5m"'],
  ["x[0s]", "duration must be greater than 0"],
  ["x offset 0s", "duration must be greater than 0"],
  ['x{a="\\q"}', 'unknown escape sequence "q"'],
  ['x{a=~"a(?=b)"}', "error parsing regexp: invalid or unsupported Perl syntax: `(?=`"],
  ["foo offset 1m offset 2m", "offset may not be set multiple times"],
  ["(x)[5m]", "ranges only allowed for vector selectors"],
  ["1 + on(a) foo", "vector matching only allowed between instant vectors"],
  ['foo{__name__="bar"}', 'metric name must not be set twice: "foo"'],
  ["round(foo, 1, 2)", 'expected at most 2 argument(s) in call to "round", got 3'],
  ["limitk(1, x)", '"limitk" is an experimental PromQL function, off by default'],
];

describe("PromQL checked as Prometheus's parser checks it", () => {
  it.each(VALID)("accepts %s", (expr) => {
    expect(parsePromql(expr).problem).toBeUndefined();
  });

  it.each(INVALID)("refuses %s: %s", (expr, message) => {
    expect(parsePromql(expr).problem?.message).toBe(message);
  });

  it("reads holt_winters as Prometheus 2.42 does, though the current grammar renamed it", () => {
    // Renamed double_exponential_smoothing (experimental) in Prometheus 3; promtool 2.42 accepts it.
    expect(parsePromql("holt_winters(x[5m], 0.5, 0.5) > 0").problem).toBeUndefined();
    expect(parsePromql("sum(holt_winters (x[1h:5m], 0.3, 0.1))").problem).toBeUndefined();
    expect(parsePromql("holt_winters(x, 0.5, 0.5)").problem).toEqual({
      message: 'expected type range vector in call to function "holt_winters", got instant vector',
      offset: 13,
    });
    expect(parsePromql("holt_winters(x[5m], 0.5)").problem?.message).toBe(
      'expected 3 argument(s) in call to "holt_winters", got 2',
    );
    expect(parsePromql('label_replace(x, "a", "holt_winters(", "b", "(.*)")').problem).toBeUndefined();
  });

  it("reads a number with a trailing point as Go's ParseFloat does", () => {
    for (const expr of ["x > 5.", "x * 100. > 1", "5. + x", 'x{a="5."} > 1.'])
      expect(parsePromql(expr).problem, expr).toBeUndefined();
    expect(parsePromql("rate(x[5.m])").problem).toBeDefined();
  });

  it("names an unknown function as Prometheus does", () => {
    expect(parsePromql("rate(x[5m]) / humanize_rate(y[5m])").problem).toEqual({
      message: 'unknown function with name "humanize_rate"',
      offset: 14,
    });
    expect(parsePromql("irrate (x[5m])").problem?.message).toBe('unknown function with name "irrate"');
  });

  it("refuses syntax errors, naming where", () => {
    expect(parsePromql("sum(x").problem).toEqual({ message: "unexpected end of input", offset: 5 });
    expect(parsePromql("foo bar").problem).toMatchObject({ message: 'unexpected "bar"' });
    expect(parsePromql("nosuch(x)").problem).toBeDefined();
    expect(parsePromql("").problem?.message).toBe("no expression found in input");
  });

  it("reads the series an expression selects and whether its result keeps a label", () => {
    const parsed = parsePromql(
      'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / on(job) group_left {__name__="up"}',
    );
    expect([...metricNamesOf(parsed)]).toEqual(["http_requests_total", "up"]);
    expect(keepsLabel(parsed, "job")).toBe(true);
    expect(keepsLabel(parsePromql("sum(rate(x[5m]))"), "job")).toBe(false);
    expect(keepsLabel(parsePromql("sum without (instance) (x)"), "job")).toBe(true);
    expect(keepsLabel(parsePromql("topk(3, x)"), "job")).toBe(true);
    expect(keepsLabel(parsePromql("a / ignoring(job) b"), "job")).toBe(false);
  });
});
