/*
 * golden-signals (services): Metrics: four golden signals + SQS queue depth + DLQ depth.
 * Given a DLQ processor, Then not applicable (its queue's depth alarm covers it).
 * Given an API or Worker service (or one whose role is unknown), Then an alarm on its saturation
 *   (AWS/ECS or ECS/ContainerInsights CPU/memory with its ServiceName) is required.
 * Given an API service (or an unknown-role service behind a load balancer), Then latency
 *   (TargetResponseTime), traffic (RequestCount) and errors (HTTPCode_*_5XX_Count) alarms on
 *   AWS/ApplicationELB for its target group or load balancer are required too; the reason names
 *   every missing signal.
 */
import type { Inventory } from "../../inventory/inventory";
import { type AlarmedMetric, alarmedMetricsOf, CLOUDWATCH_ALARM } from "../../inventory/relations/alarms";
import { ECS_SERVICE, isDangling, serviceTargetGroups } from "../../inventory/relations/ecs";
import { LISTENER, LOAD_BALANCER, loadBalancersOfTargetGroup, TARGET_GROUP } from "../../inventory/relations/network";
import type { Resource } from "../../model/resource";
import { isUnknown } from "../../model/value";
import { combine, compliant, defineRule, nonCompliant, notApplicable, type RuleOutcome, undecided } from "../rule";

const SATURATION = new Set(["CPUUtilization", "MemoryUtilization", "CpuUtilized", "MemoryUtilized"]);
const ECS_NAMESPACES = new Set(["AWS/ECS", "ECS/ContainerInsights"]);
const ALB_SIGNALS: Record<string, ReadonlySet<string>> = {
  latency: new Set(["TargetResponseTime"]),
  traffic: new Set(["RequestCount", "RequestCountPerTarget"]),
  errors: new Set(["HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count"]),
};

const serviceNameOf = (service: Resource): string[] =>
  typeof service.properties.ServiceName === "string" ? [service.properties.ServiceName] : [];

/** ALB metrics alarmed for the service's target groups or the load balancers in front of them. */
const albMetricsOf = (inventory: Inventory, targetGroups: Resource[]): AlarmedMetric[] =>
  targetGroups
    .flatMap((tg) => [tg, ...loadBalancersOfTargetGroup(inventory, tg)])
    .flatMap((r) => alarmedMetricsOf(inventory, r))
    .filter(
      (m) => m.namespace === "AWS/ApplicationELB" && (m.dimension === "TargetGroup" || m.dimension === "LoadBalancer"),
    );

const checkSaturation = (inventory: Inventory, service: Resource): RuleOutcome => {
  const alarmed = alarmedMetricsOf(inventory, service, serviceNameOf(service)).some(
    (m) => ECS_NAMESPACES.has(m.namespace) && m.dimension === "ServiceName" && SATURATION.has(m.metricName),
  );
  return alarmed ? compliant("saturation alarmed") : nonCompliant("no saturation metric alarm (CPU/memory)");
};

/** Latency, traffic and errors of an API come from its load balancer's metrics. */
const checkLoadBalancerSignals = (inventory: Inventory, service: Resource): RuleOutcome => {
  const references = serviceTargetGroups(inventory, service);
  const targetGroups = references.filter((r): r is Resource => !isUnknown(r) && !isDangling(r));
  const alarmed = new Set(albMetricsOf(inventory, targetGroups).map((m) => m.metricName));
  const absent = Object.entries(ALB_SIGNALS)
    .filter(([, metrics]) => ![...metrics].some((m) => alarmed.has(m)))
    .map(([signal]) => signal);
  if (absent.length === 0) return compliant("latency, traffic and errors alarmed");
  if (targetGroups.length < references.length)
    return undecided(`a target group of the service is not in the inventory; ${absent.join(", ")} alarms not found`);
  return nonCompliant(`no alarm for ${absent.join(", ")} (load balancer metrics)`);
};

export const goldenSignalsServices = defineRule({
  itemId: "golden-signals",
  resourceTypes: [ECS_SERVICE],
  readsTypes: [CLOUDWATCH_ALARM, TARGET_GROUP, LISTENER, LOAD_BALANCER],
  evaluate(service, { inventory, scope }) {
    const role = scope.roleOf(service);
    if (role === "dlq-processor") return notApplicable("DLQ processor: its queue's depth alarm covers it");
    const fronted = role === "api" || (role === undefined && serviceTargetGroups(inventory, service).length > 0);
    if (!fronted) return checkSaturation(inventory, service);
    return combine(
      [checkSaturation(inventory, service), checkLoadBalancerSignals(inventory, service)],
      "latency, traffic, errors and saturation alarmed",
    );
  },
});
