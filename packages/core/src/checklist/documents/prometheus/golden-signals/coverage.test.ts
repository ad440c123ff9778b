import { describe, expect, it } from "vitest";
import { prometheusSignalCoverage } from "./coverage";
import { decideGoldenSignalsPrometheus } from "./decide";

const rules = (...records: [string, string][]) => ({
  path: "monitoring/rules/signals.yaml",
  text: `groups:\n  - name: signals\n    rules:\n${records.map(([name, expr]) => `      - record: ${name}\n        expr: ${JSON.stringify(expr)}\n`).join("")}`,
});
const services = [
  { name: "api", role: "api" },
  { name: "worker", role: "worker", metricsJob: "task-worker" },
  { name: "dlq-processor", role: "dlq-processor" },
];
const queues = [
  { name: "tasks", isDlq: false },
  { name: "tasks-dlq", isDlq: true },
];

const fourSignals = rules(
  ["job:http_requests:rate5m", "sum by (job) (rate(http_requests_total[5m]))"],
  ["job:http_request_errors:rate5m", 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))'],
  [
    "job:request_latency_seconds:p99",
    "histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket[5m])))",
  ],
  ["job:cpu_utilization:avg", "avg by (job) (rate(process_cpu_seconds_total[5m]))"],
  ["queue:messages_visible:max", "max by (queue_name) (aws_sqs_approximate_number_of_messages_visible_average)"],
);

describe("golden signals from Prometheus rules and dashboards", () => {
  it("Compliance: rules aggregating by (job) and by (queue_name) cover every service and queue", () => {
    const verdict = decideGoldenSignalsPrometheus({ services, queues, ruleFiles: [fourSignals], dashboards: [] });
    expect(verdict.status).toBe("pass");
    expect(verdict.findings).toHaveLength(2 * 4 + 2);
    expect(verdict.findings[2].reason).toBe(
      'errors of api (job "api"): recording rule job:http_request_errors:rate5m (monitoring/rules/signals.yaml:6:17)',
    );
  });

  it("a job filter covers only that service; an aggregation that drops job covers none", () => {
    const coverage = prometheusSignalCoverage({
      services,
      queues: [],
      ruleFiles: [
        rules(
          ["api:cpu:rate5m", 'rate(process_cpu_seconds_total{job="api"}[5m])'],
          ["all:http_requests:rate5m", "sum(rate(http_requests_total[5m]))"],
        ),
      ],
      dashboards: [],
    });
    const covered = coverage.filter((c) => c.coveredBy).map((c) => `${c.subject}:${c.signal}`);
    expect(covered).toEqual(["api:saturation"]);
  });

  it("dashboard queries count, Grafana variables in filters stand for any service; queues match by queue_name", () => {
    const dashboard = {
      path: "monitoring/dashboards/worker.json",
      text: JSON.stringify({
        panels: [
          { title: "Worker in-flight", targets: [{ expr: 'max by (job) (worker_tasks_in_flight{job="$job"})' }] },
          {
            title: "DLQ",
            targets: [{ expr: 'aws_sqs_approximate_number_of_messages_visible_average{queue_name="tasks-dlq"}' }],
          },
        ],
      }),
    };
    const coverage = prometheusSignalCoverage({ services, queues, ruleFiles: [], dashboards: [dashboard] });
    expect(
      coverage.filter((c) => c.coveredBy).map((c) => `${c.subject}:${c.signal} <- ${c.coveredBy!.source}`),
    ).toEqual([
      'api:saturation <- dashboard panel "Worker in-flight" (monitoring/dashboards/worker.json)',
      'worker:saturation <- dashboard panel "Worker in-flight" (monitoring/dashboards/worker.json)',
      'tasks-dlq:dlq-depth <- dashboard panel "DLQ" (monitoring/dashboards/worker.json)',
    ]);
  });

  it("Noncompliance: each uncovered signal is named with the service's job", () => {
    const verdict = decideGoldenSignalsPrometheus({
      services,
      queues,
      ruleFiles: [rules(["job:http_requests:rate5m", "sum by (job) (rate(http_requests_total[5m]))"])],
      dashboards: [],
    });
    expect(verdict.status).toBe("fail");
    expect(verdict.findings.filter((f) => f.status === "fail").map((f) => f.reason)).toEqual([
      'latency of api (job "api"): no recording rule or dashboard query covers it',
      'errors of api (job "api"): no recording rule or dashboard query covers it',
      'saturation of api (job "api"): no recording rule or dashboard query covers it',
      'latency of worker (job "task-worker"): no recording rule or dashboard query covers it',
      'errors of worker (job "task-worker"): no recording rule or dashboard query covers it',
      'saturation of worker (job "task-worker"): no recording rule or dashboard query covers it',
      "queue depth of tasks: no recording rule or dashboard query covers it",
      "DLQ depth of tasks-dlq: no recording rule or dashboard query covers it",
    ]);
  });

  it("no documents decide nothing", () => {
    expect(decideGoldenSignalsPrometheus({ services, queues, ruleFiles: [], dashboards: [] }).status).toBe("unknown");
  });
});
