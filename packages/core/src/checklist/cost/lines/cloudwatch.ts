import type { ScopedService } from "../../engine/scope";
import { containersOf, isDangling, serviceTaskDefinition } from "../../inventory/relations/ecs";
import type { Resource } from "../../model/resource";
import { asArray, asRecord, isUnknown } from "../../model/value";
import {
  BYTES_PER_GB,
  type CostLine,
  type EstimateContext,
  fmt,
  input,
  type LineInput,
  nothingInScope,
  numberOf,
  priced,
  round,
  SECONDS_PER_MONTH,
} from "../line";
import { serviceNames } from "./fargate";

const LOG_GROUP = "AWS::Logs::LogGroup";
const ALARM = "AWS::CloudWatch::Alarm";
const DAYS_PER_MONTH = 365.25 / 12;

/**
 * CloudWatch: each log group's ingestion (the requests or messages its writers handle × the log
 * bytes per request) and the logs it holds at steady state (a month's ingestion × its retention in
 * months, uncompressed: an upper bound); each alarm per metric it evaluates; custom metrics.
 */
export const cloudwatchLines = (ctx: EstimateContext): CostLine[] => {
  const groups = ctx.inventory.ofType(LOG_GROUP).filter((group) => ctx.scope.includes(group));
  const alarms = ctx.inventory.ofType(ALARM).filter((alarm) => ctx.scope.includes(alarm));
  const lines = [
    ...groups.flatMap((group) => logGroupLines(ctx, group)),
    ...alarms.map((alarm) => alarmLine(ctx, alarm)),
    ...ctx.scope.services.flatMap((service) => metricLines(ctx, service)),
  ];
  return lines.length > 0 ? lines : [nothingInScope("cloudwatch", "log group, alarm or custom metric")];
};

interface Ingestion {
  readonly gb: number;
  readonly formula: string;
  readonly inputs: readonly LineInput[];
}

const logGroupLines = (ctx: EstimateContext, group: Resource): CostLine[] => {
  const name = typeof group.properties.LogGroupName === "string" ? group.properties.LogGroupName : group.id;
  const base = { service: "cloudwatch" as const, resource: name, resourceId: group.id };
  const ingestion = ingestionOf(ctx, group);
  const retentionDays = numberOf(group.properties.RetentionInDays);
  const forever = ctx.assumptions.get("neverExpireLogMonths");
  const months = retentionDays === undefined ? forever.value : retentionDays / DAYS_PER_MONTH;
  const retention: LineInput =
    retentionDays === undefined
      ? input("months held (never expires)", forever)
      : { name: "months held", value: round(months, 4), from: `RetentionInDays ${retentionDays}` };
  return [
    priced(ctx.prices, {
      ...base,
      item: "log ingestion",
      quantity: ingestion.gb,
      priceKey: "cloudwatch.logs.ingestedGb",
      formula: ingestion.formula,
      inputs: ingestion.inputs,
    }),
    priced(ctx.prices, {
      ...base,
      item: "log storage",
      quantity: ingestion.gb * months,
      priceKey: "cloudwatch.logs.storedGbMonth",
      formula: `${fmt(round(ingestion.gb, 6))} GB a month × ${fmt(round(months, 4))} months held`,
      inputs: [{ name: "GB ingested a month", value: round(ingestion.gb, 6), from: "the ingestion line" }, retention],
      note: "stored uncompressed: an upper bound",
    }),
  ];
};

/** A log group's monthly ingestion: from the services that write to it, else the assumption for other groups. */
const ingestionOf = (ctx: EstimateContext, group: Resource): Ingestion => {
  const writers = ctx.scope.services.filter((service) => writesTo(ctx, service, group));
  if (writers.length === 0) {
    const other = ctx.assumptions.get("otherLogGbPerMonth");
    return {
      gb: other.value,
      formula: `${fmt(other.value)} GB (no ECS service writes to it)`,
      inputs: [input("GB a month", other)],
    };
  }
  const rate = ctx.assumptions.get("requestsPerSecond");
  const parts = writers.map((service) => {
    const handled = handledPerRequest(ctx, service);
    const bytes = ctx.assumptions.forResource("services", serviceNames(service), "logBytesPerRequest");
    return {
      service,
      handled,
      bytes,
      gb: (rate.value * SECONDS_PER_MONTH * handled.value * bytes.value) / BYTES_PER_GB,
    };
  });
  return {
    gb: parts.reduce((sum, part) => sum + part.gb, 0),
    formula: `(${parts
      .map(
        (part) =>
          `${fmt(rate.value)} req/s × ${fmt(SECONDS_PER_MONTH)} s × ${fmt(part.handled.value)} handled by ${part.service.name} × ${fmt(part.bytes.value)} bytes`,
      )
      .join(" + ")}) / 1,073,741,824 bytes per GB`,
    inputs: [
      input("requests/s", rate),
      ...parts.flatMap((part) => [
        { name: `${part.service.name} handles per request`, value: part.handled.value, from: part.handled.from },
        input(`${part.service.name} log bytes per request`, part.bytes),
      ]),
    ],
  };
};

/** How many of the API's requests a service handles: workers one per message, a DLQ processor its dead letters. */
const handledPerRequest = (ctx: EstimateContext, service: ScopedService): { value: number; from: string } => {
  const messages = ctx.assumptions.get("messagesPerRequest");
  if (service.role === "worker") return { value: messages.value, from: `worker: ${messages.from}` };
  if (service.role === "dlq-processor") {
    const share = ctx.assumptions.get("deadLetterShare");
    return { value: messages.value * share.value, from: `dlq-processor: ${messages.from} × ${share.from}` };
  }
  return { value: 1, from: service.role ? `${service.role}: every request` : "no role: every request" };
};

const writesTo = (ctx: EstimateContext, service: ScopedService, group: Resource): boolean => {
  const taskDefinition = serviceTaskDefinition(ctx.inventory, service.resource);
  if (isUnknown(taskDefinition) || isDangling(taskDefinition)) return false;
  const containers = containersOf(taskDefinition);
  // Containers known only after deploy write to groups nobody can name yet: no log volume assigned.
  if (isUnknown(containers)) return false;
  return containers.some((container) => {
    const options = asRecord(asRecord(container.definition.LogConfiguration).Options);
    return ctx.inventory.lookup(options["awslogs-group"]) === group;
  });
};

const alarmLine = (ctx: EstimateContext, alarm: Resource): CostLine => {
  const name = typeof alarm.properties.AlarmName === "string" ? alarm.properties.AlarmName : alarm.id;
  const queries = asArray(alarm.properties.Metrics).map(asRecord);
  const metricStats = queries.filter((query) => query.MetricStat !== undefined);
  const metrics = queries.length > 0 ? metricStats.length : 1;
  const periods =
    queries.length > 0 ? metricStats.map((query) => asRecord(query.MetricStat).Period) : [alarm.properties.Period];
  const highResolution = periods.some((period) => (numberOf(period) ?? 60) < 60);
  return priced(ctx.prices, {
    service: "cloudwatch",
    resource: name,
    resourceId: alarm.id,
    item: `alarm (${highResolution ? "high resolution" : "standard resolution"})`,
    quantity: metrics,
    priceKey: highResolution ? "cloudwatch.alarms.highResolutionMetricMonth" : "cloudwatch.alarms.standardMetricMonth",
    formula: `${metrics} metric(s) evaluated`,
    inputs: [
      { name: "metrics", value: metrics, from: queries.length > 0 ? "Metrics (MetricStat entries)" : "MetricName" },
    ],
  });
};

const metricLines = (ctx: EstimateContext, service: ScopedService): CostLine[] => {
  const metrics = ctx.assumptions.forResource("services", serviceNames(service), "customMetricsPerService");
  if (metrics.value <= 0) return [];
  return [
    priced(ctx.prices, {
      service: "cloudwatch",
      resource: service.name,
      resourceId: service.resource.id,
      item: "custom metrics",
      quantity: metrics.value,
      priceKey: "cloudwatch.metrics.metricMonth",
      formula: `${fmt(metrics.value)} metrics`,
      inputs: [input("custom metrics", metrics)],
    }),
  ];
};
