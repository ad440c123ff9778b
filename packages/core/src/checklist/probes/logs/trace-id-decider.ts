import type { ItemId } from "../../catalogue/items";
import type { PartDecider } from "../../engine/item-evaluation";
import type { Finding, Status } from "../../model/finding";
import { ECS_SERVICE } from "../../inventory/relations/ecs";
import {
  judgeTraceIds,
  type ServiceLogSamples,
  type TraceIdJudgement,
  type TraceIdThresholds,
} from "./trace-id-verdict";

export const TRACE_ID_ITEM = "trace-id-in-logs" satisfies ItemId;

const worst = (statuses: readonly Status[]): Status =>
  statuses.includes("fail") ? "fail" : statuses.includes("unknown") ? "unknown" : "pass";

/**
 * Decides the probe part from the samples gathered per service (by the service's resource id),
 * for the services in the run's scope: the part fails when one service fails, is undecided when one
 * is, and passes when every one passes. Each service is a finding.
 */
export const traceIdProbeDecider =
  (samples: ReadonlyMap<string, ServiceLogSamples>, thresholds: TraceIdThresholds): PartDecider =>
  (item, kind, scope) => {
    if (item.id !== TRACE_ID_ITEM || kind !== "probe") return undefined;
    if (scope.services.length === 0) return { status: "unknown", reason: "no service in scope to sample logs of" };
    const judged = scope.services.map((service) => ({
      service,
      judgement: ((): TraceIdJudgement => {
        const sampled = samples.get(service.resource.id);
        return sampled
          ? judgeTraceIds(sampled, thresholds)
          : { status: "unknown", detail: "the service was not read", sampled: 0, withTraceId: 0 };
      })(),
    }));
    const status = worst(judged.map((j) => j.judgement.status));
    const findings: Finding[] = judged.map(({ service, judgement }) => ({
      resource: service.resource.id,
      type: ECS_SERVICE,
      status: judgement.status,
      reason: `service ${service.name}: ${judgement.detail}`,
      kind: "probe",
    }));
    const reason = judged
      .filter((j) => j.judgement.status === status)
      .map((j) => `${j.service.name}: ${j.judgement.detail}`)
      .join("; ");
    return { status, reason, findings };
  };
