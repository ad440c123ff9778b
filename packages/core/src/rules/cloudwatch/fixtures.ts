import type { Resource } from "../../model/resource";
import { resource } from "../../testing/builders";

/** A single-metric CloudWatch alarm, as a template declares it. */
export const alarm = (
  id: string,
  namespace: string,
  metricName: string,
  dimensions: Record<string, unknown>,
): Resource =>
  resource("AWS::CloudWatch::Alarm", id, {
    Namespace: namespace,
    MetricName: metricName,
    Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
    Statistic: "Maximum",
    Period: 60,
    EvaluationPeriods: 5,
    Threshold: 100,
    ComparisonOperator: "GreaterThanThreshold",
  });

/** A metric-math alarm whose first query is a MetricStat. */
export const mathAlarm = (
  id: string,
  namespace: string,
  metricName: string,
  dimensions: Record<string, unknown>,
): Resource =>
  resource("AWS::CloudWatch::Alarm", id, {
    Metrics: [
      {
        Id: "m1",
        ReturnData: false,
        MetricStat: {
          Metric: {
            Namespace: namespace,
            MetricName: metricName,
            Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
          },
          Period: 60,
          Stat: "Sum",
        },
      },
      { Id: "e1", Expression: "m1 / 60", ReturnData: true },
    ],
    EvaluationPeriods: 5,
    Threshold: 1,
    ComparisonOperator: "GreaterThanThreshold",
  });
