import type { SmokeSpec, SmokeTarget } from "../../gate/smoke/types";
import { serviceNamesOf } from "../../kernel/ecs-arn";
import type { ReadinessConfig } from "./schema";
import { mergeSmokeSettings } from "./smoke-settings";

/** A service the gate watches: where it runs, how to smoke-test it, whether to test early. */
export interface GateService {
  /** Display name (readiness.yml `name`, else `service`). */
  readonly name: string;
  /** Cluster name or ARN; absent: any cluster. */
  readonly cluster?: string;
  /** Service name or ARN. */
  readonly service: string;
  readonly target: SmokeTarget;
  readonly spec: SmokeSpec;
  /** Smoke-test on SERVICE_DEPLOYMENT_IN_PROGRESS too, and stop the deployment with an ECS rollback on FAIL. */
  readonly earlyCheck?: boolean;
}

/**
 * The gate's services from readiness.yml: each service's `smoke` merged over the top-level one.
 * Services without a smoke endpoint and protocol (after the merge) cannot be gated and are left
 * out; `unGated` lists them so the caller can say so.
 */
export const gateServicesFromConfig = (config: ReadinessConfig): GateService[] => planGate(config).services;

export const planGate = (config: ReadinessConfig): { services: GateService[]; unGated: string[] } => {
  const services: GateService[] = [];
  const unGated: string[] = [];
  for (const entry of config.services) {
    const { protocol, endpoint, tls, ...spec } = mergeSmokeSettings(config.smoke, entry.smoke);
    const name = entry.name ?? entry.service;
    if (!protocol || !endpoint) {
      unGated.push(name);
      continue;
    }
    services.push({
      name,
      ...(entry.cluster ? { cluster: entry.cluster } : {}),
      service: entry.service,
      target: { protocol, endpoint, ...(tls ? { tls } : {}) },
      spec,
      ...(entry.earlyCheck ? { earlyCheck: true } : {}),
    });
  }
  return { services, unGated };
};

/** The configured service an event's service ARN names (cluster and service may be names or ARNs). */
export const findGateService = (services: readonly GateService[], serviceArn: string): GateService | undefined => {
  const wanted = serviceNamesOf(serviceArn);
  return services.find(
    (candidate) =>
      (candidate.service === serviceArn || lastSegment(candidate.service) === wanted.service) &&
      (candidate.cluster === undefined || lastSegment(candidate.cluster) === wanted.cluster),
  );
};

const lastSegment = (nameOrArn: string): string => nameOrArn.slice(nameOrArn.lastIndexOf("/") + 1);
