import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultParams } from "../../catalogue/params";
import { decideSloDefined } from "./decide";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");
const openslo = fixture("openslo.yaml");
const sloth = fixture("sloth.yaml");
const params = defaultParams("slo-defined");
const decide = (text: string, overrides: Partial<typeof params> = {}, path = "ops/slo.yaml") =>
  decideSloDefined({ files: [{ path, text }], params: { ...params, ...overrides } });

/** A one-objective OpenSLO SLO named `name` with a threshold indicator on `query`. */
const thresholdSlo = (name: string, query: string, objective: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: task-service
  indicator:
    metadata:
      name: ${name}-sli
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: ${query}
  objectives:
    - ${objective}
`;

describe("slo-defined", () => {
  it("Compliance (OpenSLO v1): availability 99.9% and a submit P99 ≤ 100 ms through an SLI reference", () => {
    const verdict = decide(openslo);
    expect(verdict.status).toBe("pass");
    expect(verdict.reason).toBe(
      'availability 99.9% (objective "Non-5xx responses" of SLO api-availability); submit P99 ≤ 100 ms, within 100 ms (objective "Submits under 100 ms" of SLO submit-latency)',
    );
    expect(verdict.findings.map((f) => f.place?.line)).toEqual([31, 65]);
  });

  it("Compliance (Sloth prometheus/v1): {{.window}} queries, a latency SLO from count minus bucket", () => {
    const verdict = decide(sloth);
    expect(verdict.status).toBe("pass");
    expect(verdict.findings.map((f) => f.reason)).toEqual([
      "ops/slo.yaml:7:5: SLO requests-availability (objective: 99.95): availability 99.95% ≥ 99.9%",
      "ops/slo.yaml:22:5: SLO submit-latency (objective: 99.5): submit P99.5 ≤ 50 ms, within 100 ms",
    ]);
  });

  it("Compliance (Sloth's Kubernetes resource): PrometheusServiceLevel, its spec in camelCase", () => {
    const crd = `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: task-service
  namespace: monitoring
spec:
  service: task-service
  slos:
    - name: requests-availability
      objective: 99.95
      sli:
        events:
          errorQuery: sum(rate(http_requests_total{job="api",code=~"5.."}[{{.window}}]))
          totalQuery: sum(rate(http_requests_total{job="api"}[{{.window}}]))
      alerting:
        name: TaskApiHighErrorRate
        pageAlert:
          labels: { severity: critical }
    - name: submit-latency
      objective: 99
      sli:
        raw:
          errorRatioQuery: |
            1 - sum(rate(http_request_duration_seconds_bucket{handler="submit",le="0.08"}[{{.window}}]))
              / sum(rate(http_request_duration_seconds_count{handler="submit"}[{{.window}}]))
      alerting:
        name: TaskApiSubmitSlow
`;
    const verdict = decide(crd);
    expect(verdict.findings.map((f) => f.reason)).toEqual([
      "ops/slo.yaml:10:7: SLO requests-availability (objective: 99.95): availability 99.95% ≥ 99.9%",
      "ops/slo.yaml:20:7: SLO submit-latency (objective: 99): submit P99 ≤ 80 ms, within 100 ms",
    ]);
    expect(verdict.status).toBe("pass");
    // The snake_case names belong to prometheus/v1; in the resource Sloth reads only camelCase.
    expect(decide(crd.replace("errorQuery:", "error_query:")).reason).toMatch(
      /^ops\/slo\.yaml:12:9: SLO requests-availability: sli\.events\.errorQuery must be a PromQL query \(error_query is how prometheus\/v1 spells it\)/,
    );
    // And the other way round: prometheus/v1 with the resource's camelCase (as one of Sloth's own examples has it).
    expect(decide(sloth.replaceAll("error_query:", "errorQuery:")).reason).toMatch(
      /^ops\/slo\.yaml:\d+:\d+: SLO requests-availability: sli\.events\.error_query must be a PromQL query \(errorQuery is how the PrometheusServiceLevel resource spells it\)/,
    );
    expect(decide(crd.replace("slos:", "objectives:")).reason).toBe(
      "ops/slo.yaml:6:1: Sloth PrometheusServiceLevel without spec.slos (a list of SLOs with name, objective and sli)",
    );
  });

  it("a threshold on a quantile scaled to milliseconds (`* 1000`) states its value in milliseconds", () => {
    const scaled = (query: string, value: string) =>
      thresholdSlo("submit-latency", query, `{ displayName: submit p99, op: lte, value: ${value}, target: 0.99 }`);
    const ms = decide(
      scaled(
        'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{handler="submit"}[5m]))) * 1000',
        "80",
      ),
    );
    expect(ms.findings.map((f) => f.reason).join("\n")).toMatch(/submit P99 ≤ 80 ms, within 100 ms/);
    const tooSlow = decide(
      scaled(
        '1e3 * (histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{handler="submit"}[5m]))))',
        "250",
      ),
    );
    expect(tooSlow.findings.map((f) => f.reason).join("\n")).toMatch(/submit P99 objective 250 ms is above 100 ms/);
  });

  it("an OpenSLO query with Sloth's {{.window}} template is PromQL once the window is filled in", () => {
    const text = openslo
      .replace('code!~"5.."}[5m]', 'code!~"5.."}[{{.window}}]')
      .replace('{job="api"}[5m]', '{job="api"}[{{ .window }}]');
    expect(text.match(/\{\{ ?\.window ?\}\}/g)).toHaveLength(2);
    expect(decide(text).status).toBe("pass");
  });

  it("a latency ratio whose total is the +Inf bucket reads its bound from the finite bucket", () => {
    // All requests are the _bucket{le="+Inf"} series as much as _count: the bound is the other bucket.
    const plusInf = sloth
      .replace(
        'sum(rate(http_request_duration_seconds_count{job="api",handler="submit"}[{{.window}}]))\n            -',
        'sum(rate(http_request_duration_seconds_bucket{job="api",handler="submit",le="+Inf"}[{{.window}}]))\n            -',
      )
      .replace(
        'total_query: sum(rate(http_request_duration_seconds_count{job="api",handler="submit"}[{{.window}}]))',
        'total_query: sum(rate(http_request_duration_seconds_bucket{job="api",handler="submit",le="+Inf"}[{{.window}}]))',
      );
    expect(plusInf).toContain('le="+Inf"');
    const verdict = decide(plusInf);
    expect(verdict.findings.map((f) => f.reason)).toContain(
      "ops/slo.yaml:22:5: SLO submit-latency (objective: 99.5): submit P99.5 ≤ 50 ms, within 100 ms",
    );
    expect(verdict.status).toBe("pass");
  });

  it("Noncompliance 1: the availability objective falls short, and the reason quotes it", () => {
    const verdict = decide(openslo.replace("target: 0.999", "target: 0.995"));
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toBe(
      'ops/slo.yaml:31:7: objective "Non-5xx responses" of SLO api-availability (displayName: Non-5xx responses, target: 0.995): availability target 99.5% is below 99.9%',
    );
  });

  it("Noncompliance 2: a submit objective that bounds P95, or allows 250 ms, falls short", () => {
    const p95 = decide(openslo.replace("targetPercent: 99", "targetPercent: 95"));
    expect(p95.reason).toBe(
      'ops/slo.yaml:65:7: objective "Submits under 100 ms" of SLO submit-latency (displayName: Submits under 100 ms, targetPercent: 95): bounds P95 ≤ 100 ms, not P99 (http_request_duration_seconds_bucket): its target must be 99% or more',
    );
    const slow = decide(openslo.replace('le="0.1"', 'le="0.25"'));
    expect(slow.reason).toMatch(/submit-latency .*: submit P99 objective 250 ms is above 100 ms/);
    expect(decide(openslo, { maxSubmitP99Ms: 80 }).reason).toMatch(/submit P99 objective 100 ms is above 80 ms/);
    expect(decide(openslo, { minAvailabilityPercent: 99.99 }).reason).toMatch(
      /availability target 99.9% is below 99.99%/,
    );
  });

  it("Noncompliance 3: no submit latency objective, or no availability objective, is named as missing", () => {
    const noSubmit = decide(
      openslo.replace("description: Task submits answer fast", "description: Tasks answer fast"),
      {
        submitKeyword: "enqueue",
      },
    );
    expect(noSubmit.status).toBe("fail");
    expect(noSubmit.reason).toBe(
      'ops/slo.yaml: no submit latency objective: no latency objective (objective "Submits under 100 ms" of SLO submit-latency, objective "Status P95 under 300 ms" of SLO status-latency) mentions "enqueue"',
    );
    const onlyLatency = decide(
      sloth.replace(/ {2}- name: "requests-availability"[\s\S]*?(?= {2}- name: "submit-latency")/, ""),
    );
    expect(onlyLatency.reason).toBe(
      "ops/slo.yaml: no availability objective (a ratio of good or bad to total requests); objectives read: SLO submit-latency",
    );
  });

  it("threshold indicators: histogram_quantile(0.99) or a summary quantile with op lte; the unit comes from the metric name", () => {
    const quantile = "histogram_quantile(0.99, sum by (le) (rate(submit_duration_seconds_bucket[5m])))";
    const ok = decide(
      `${openslo}---\n${thresholdSlo("submit-p99", quantile, "{ op: lte, value: 0.08, target: 0.99 }")}`,
    );
    expect(ok.findings.find((f) => f.subject?.includes("submit-p99"))?.reason).toMatch(
      /submit P99 ≤ 80 ms, within 100 ms/,
    );
    const summary = decide(
      `${openslo}---\n${thresholdSlo("submit-p99", 'submit_duration_milliseconds{quantile="0.99"}', "{ op: lt, value: 120, target: 0.99 }")}`,
    );
    expect(summary.reason).toMatch(
      /SLO submit-p99 \(op: lt, value: 120, target: 0.99\): submit P99 objective 120 ms is above 100 ms/,
    );
    const fromBelow = decide(
      `${openslo}---\n${thresholdSlo("submit-p99", quantile, "{ op: gte, value: 0.08, target: 0.99 }")}`,
    );
    expect(fromBelow.reason).toMatch(/cannot read its latency bound: op gte bounds the latency from below/);
    const noUnit = decide(
      `${openslo}---\n${thresholdSlo("submit-p99", "histogram_quantile(0.99, rate(submit_latency_bucket[5m]))", "{ op: lte, value: 80, target: 0.99 }")}`,
    );
    expect(noUnit.reason).toMatch(/the unit of submit_latency_bucket is not in its name/);
  });

  it("bad documents give reasons with file:line, never a throw and never a pass", () => {
    expect(decideSloDefined({ files: [], params })).toMatchObject({
      status: "unknown",
      reason: "no SLO file configured (documents.slo)",
    });
    expect(decide("apiVersion: [\n").reason).toMatch(/^ops\/slo\.yaml:\d+:\d+: invalid YAML/);
    expect(decide("apiVersion: apps/v1\nkind: Deployment\n").reason).toBe(
      "ops/slo.yaml:1:1: not an SLO document: expected OpenSLO v1 (apiVersion: openslo/v1, kind: SLO) or Sloth (version: prometheus/v1, or kind: PrometheusServiceLevel)",
    );
    expect(decide(openslo.replace("target: 0.999", "displayName2: x")).reason).toMatch(
      /^ops\/slo\.yaml:31:7: objective "Non-5xx responses" of SLO api-availability: no target \(target or targetPercent\)/,
    );
    expect(decide(openslo.replace("indicatorRef: submit-under-100ms", "indicatorRef: nowhere")).reason).toMatch(
      /^ops\/slo\.yaml:59:3: SLO submit-latency: indicatorRef "nowhere" names no SLI object in this file/,
    );
    expect(decide(openslo.replace('code!~"5.."}[5m]', 'code!~"5.."}[5m')).reason).toMatch(
      /^ops\/slo\.yaml:20:15: objective "Non-5xx responses" of SLO api-availability: the good query is not valid PromQL: PromQL syntax error at character/,
    );
    expect(decide(openslo.replace("target: 0.999", "target: 99.9")).reason).toMatch(
      /target 99.9 is outside \[0, 1\) \(use targetPercent/,
    );
    expect(decide(openslo.replaceAll("openslo/v1", "openslo/v1alpha")).reason).toMatch(
      /apiVersion string "openslo\/v1alpha" is not read: readiness reads OpenSLO openslo\/v1/,
    );
    expect(decide('version: "prometheus/v1"\nservice: x\n').reason).toBe(
      "ops/slo.yaml:1:1: Sloth spec without slos (a list of SLOs with name, objective and sli)",
    );
    expect(decide(sloth.replace("objective: 99.95", "objective: high")).reason).toMatch(
      /^ops\/slo\.yaml:7:5: SLO requests-availability: objective must be a percentage between 0 and 100, got string "high"/,
    );
  });

  it("reads every file of a glob together: an SLI in one file serves an SLO in another", () => {
    const [availability, sli, submit] = openslo.split("\n---\n");
    const verdict = decideSloDefined({
      files: [
        { path: "ops/slo/availability.yaml", text: availability! },
        { path: "ops/slo/slis.yaml", text: sli! },
        { path: "ops/slo/submit.yaml", text: submit! },
      ],
      params,
    });
    expect(verdict.status).toBe("pass");
  });
});
