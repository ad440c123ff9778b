import type { Resource } from "../../model/resource";
import { asArray, asRecord, isUnknown, pathOf } from "../../model/value";
import type { Inventory } from "../inventory";

export const CLOUDWATCH_ALARM = "AWS::CloudWatch::Alarm";

/** One metric an alarm watches, with one of its dimensions. */
export interface AlarmedMetric {
  readonly alarm: Resource;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimension: string;
}

interface AlarmIndex {
  /** By resolved resource id of the dimension value. */
  readonly byResource: Map<string, AlarmedMetric[]>;
  /** By the dimension value as written (names, full names). */
  readonly byValue: Map<string, AlarmedMetric[]>;
  /** Metrics whose dimension value could not be determined, by namespace: they might watch anything. */
  readonly undetermined: Map<string, AlarmedMetric[]>;
}

/** Metrics of an alarm: its single metric, or every MetricStat of a metric-math alarm. */
const metricsOf = (alarm: Resource): Record<string, unknown>[] => [
  alarm.properties,
  ...asArray(alarm.properties.Metrics).map((m) => asRecord(pathOf(m, "MetricStat", "Metric"))),
];

/**
 * ELB metric dimensions use "full names" (targetgroup/name/id, app/name/id) that are the tail of
 * the resource's ARN; map those tails back to the resources.
 */
const fullNameIndex = (inventory: Inventory): Map<string, Resource> => {
  const byFullName = new Map<string, Resource>();
  for (const type of ["AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::ElasticLoadBalancingV2::LoadBalancer"])
    for (const resource of inventory.ofType(type))
      for (const alias of [resource.id, ...resource.aliases]) {
        const match = /^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:(?:loadbalancer\/)?(.+)$/.exec(alias);
        if (match) byFullName.set(match[1]!, resource);
      }
  return byFullName;
};

const indexes = new WeakMap<Inventory, AlarmIndex>();

const alarmIndex = (inventory: Inventory): AlarmIndex => {
  const cached = indexes.get(inventory);
  if (cached) return cached;
  const byResource = new Map<string, AlarmedMetric[]>();
  const byValue = new Map<string, AlarmedMetric[]>();
  const undetermined = new Map<string, AlarmedMetric[]>();
  const byFullName = fullNameIndex(inventory);
  const add = (map: Map<string, AlarmedMetric[]>, key: string, entry: AlarmedMetric): void => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (const alarm of inventory.ofType(CLOUDWATCH_ALARM))
    for (const metric of metricsOf(alarm)) {
      const { Namespace: namespace, MetricName: metricName } = metric;
      if (typeof namespace !== "string" || typeof metricName !== "string") continue;
      for (const raw of asArray(metric.Dimensions)) {
        const { Name: dimension, Value: value } = asRecord(raw);
        if (typeof dimension !== "string") continue;
        const entry = { alarm, namespace, metricName, dimension };
        if (isUnknown(value)) {
          add(undetermined, namespace, entry);
          continue;
        }
        const found = inventory.lookup(value);
        const target =
          found && !isUnknown(found) ? found : typeof value === "string" ? byFullName.get(value) : undefined;
        if (target) add(byResource, target.id, entry);
        if (typeof value === "string") add(byValue, value, entry);
      }
    }
  const index = { byResource, byValue, undetermined };
  indexes.set(inventory, index);
  return index;
};

/**
 * Alarmed metrics whose dimension names this resource: the dimension value resolves to it, or
 * equals one of the given names (e.g. the queue name when the alarm writes it literally).
 */
export const alarmedMetricsOf = (
  inventory: Inventory,
  resource: Resource,
  names: readonly string[] = [],
): AlarmedMetric[] => {
  const index = alarmIndex(inventory);
  const found = new Set<AlarmedMetric>(index.byResource.get(resource.id) ?? []);
  for (const name of names) for (const entry of index.byValue.get(name) ?? []) found.add(entry);
  return [...found];
};

/** Alarmed metrics of a namespace whose dimension value is unknown (they might watch the resource in question). */
export const undeterminedAlarmedMetrics = (inventory: Inventory, namespace: string): readonly AlarmedMetric[] =>
  alarmIndex(inventory).undetermined.get(namespace) ?? [];
