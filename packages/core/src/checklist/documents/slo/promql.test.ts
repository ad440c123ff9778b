import { describe, expect, it } from "vitest";
import { fillSlothWindow, histogramQuantileOf, parsePromql, selectorsOf, seriesOf, unquote } from "./promql";

const parsed = (text: string) => {
  const result = parsePromql(text);
  if (!result.ok) throw new Error(result.message);
  return result.query;
};

describe("PromQL through the Prometheus grammar", () => {
  it("lists the series a query selects: identifiers, __name__ matchers and quoted names, once each", () => {
    expect(
      seriesOf(
        parsed(
          'sum(rate(a_total{code=~"5.."}[5m])) / on(job) group_left sum(rate(a_total[5m] offset 1h)) + {__name__="b"} - {"c.d", x="y"}',
        ),
      ),
    ).toEqual(["a_total", "b", "c.d"]);
    expect(seriesOf(parsed("rate(x[5m:1m]) @ start()"))).toEqual(["x"]);
    expect(seriesOf(parsed('{job="api"}'))).toEqual([]);
  });

  it("reads equality matchers, with PromQL's string escapes", () => {
    expect(selectorsOf(parsed(`x_bucket{le="0.1", a!="b", c='it\\'s', d=\`raw\\n\`}`))).toEqual([
      { metric: "x_bucket", equals: { le: "0.1", c: "it's", d: "raw\\n" } },
    ]);
    expect(unquote('"tab\\there \\u00e9"')).toBe("tab\there é");
  });

  it("finds histogram_quantile's quantile", () => {
    expect(histogramQuantileOf(parsed("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))) > 0.1"))).toBe(0.99);
    expect(histogramQuantileOf(parsed("histogram_quantile(9.5e-1, x)"))).toBe(0.95);
    expect(histogramQuantileOf(parsed("rate(x[5m])"))).toBeUndefined();
  });

  it("refuses what the grammar refuses, at the first error", () => {
    expect(parsePromql("sum(rate(x[5m])")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^PromQL syntax error at character/),
    });
    expect(parsePromql("foo{")).toMatchObject({ ok: false });
    expect(parsePromql("  ")).toMatchObject({ ok: false, message: "the query is empty" });
    expect(parsePromql("sum(rate(x[{{.window}}]))").ok).toBe(false);
    expect(parsePromql(fillSlothWindow("sum(rate(x[{{.window}}])) / sum(rate(y[{{ .window }}]))")).ok).toBe(true);
  });
});
