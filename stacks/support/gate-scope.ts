import { ConfigFileError, type ReadinessConfig, type ServiceConfig } from "@readiness/core";
import { planGate } from "@readiness/core/checklist/config/gate-services";

/** Where the deployment goes: ARN parts (CDK tokens at synth time, plain strings in tests). */
export interface ArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** How an EventBridge pattern matches one in-scope service's ARN in an event's `resources`. */
export type ServiceArnMatch = { readonly exact: string } | { readonly wildcard: string };

/**
 * The ECS services the gate acts on, in the three shapes the stack needs: IAM resources for the
 * service actions, IAM resources for their service deployments (StopServiceDeployment is
 * authorized on the deployment ARN), and the EventBridge matches. All empty when no service can
 * be gated.
 */
export interface GateScope {
  readonly serviceArns: readonly string[];
  readonly serviceDeploymentArns: readonly string[];
  readonly eventResources: readonly ServiceArnMatch[];
  /** Services listed in readiness.yml that have no smoke endpoint or protocol: the gate skips them. */
  readonly unGated: readonly string[];
  /** The Secrets Manager secrets holding the gated services' smoke client certificates (`smoke.tls.secretId`). */
  readonly smokeSecretArns: readonly string[];
}

// ECS names: letters, digits, hyphens and underscores, up to 255 characters (cluster and service).
const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;
// arn:<partition>:ecs:<region>:<account>:service/<cluster>/<service>, or the old service/<service>.
const SERVICE_ARN = /^arn:[a-z-]+:ecs:[a-z0-9-]+:\d{12}:service\/(?:([A-Za-z0-9_-]+)\/)?([A-Za-z0-9_-]+)$/;
const CLUSTER_ARN = /^arn:[a-z-]+:ecs:[a-z0-9-]+:\d{12}:cluster\/([A-Za-z0-9_-]+)$/;

/**
 * The gate's scope: the services the deployment handler gates, which are the services of
 * readiness.yml with a smoke endpoint and protocol (`planGate`, the handler's own selection).
 * A service with a cluster (name or ARN) becomes that exact service ARN; a service without one
 * matches that service name in any cluster of the account and region; a service given as an ARN
 * is used as is. readiness.yml without services gates nothing, so the scope is empty.
 */
export const gateScope = (config: ReadinessConfig, where: ArnParts): GateScope => {
  const prefix = `arn:${where.partition}:ecs:${where.region}:${where.account}`;
  const plan = planGate(config);
  const gated = new Set(plan.services.map((service) => service.name));
  const targets = config.services.flatMap((service, index) =>
    gated.has(service.name ?? service.service) ? [serviceTarget(service, index, prefix)] : [],
  );
  const unique = [...new Map(targets.map((target) => [target.serviceArn, target])).values()];
  return {
    serviceArns: unique.map((target) => target.serviceArn),
    serviceDeploymentArns: unique.map((target) => target.deploymentArn),
    eventResources: unique.map((target) =>
      target.serviceArn.includes("*") ? { wildcard: target.serviceArn } : { exact: target.serviceArn },
    ),
    unGated: plan.unGated,
    smokeSecretArns: [
      ...new Set(
        plan.services.flatMap((service) =>
          service.target.tls?.secretId ? [secretArn(service.target.tls.secretId, where)] : [],
        ),
      ),
    ],
  };
};

/**
 * A secret named by ARN is that ARN; a secret named by name gets Secrets Manager's random
 * six-character suffix as `-??????` (the documented way to grant a secret by name).
 */
const secretArn = (secretId: string, where: ArnParts): string =>
  secretId.startsWith("arn:")
    ? secretId
    : `arn:${where.partition}:secretsmanager:${where.region}:${where.account}:secret:${secretId}-??????`;

interface ServiceTarget {
  readonly serviceArn: string;
  /** arn:…:service-deployment/<cluster>/<service>/<deployment id> */
  readonly deploymentArn: string;
}

const serviceTarget = (service: ServiceConfig, index: number, prefix: string): ServiceTarget => {
  const arn = SERVICE_ARN.exec(service.service);
  if (arn) {
    const [, cluster, name] = arn;
    const arnPrefix = service.service.slice(0, service.service.indexOf(":service/"));
    return {
      serviceArn: service.service,
      deploymentArn: `${arnPrefix}:service-deployment/${cluster ?? "*"}/${name}/*`,
    };
  }
  if (service.service.startsWith("arn:"))
    throw scopeError(
      `"${service.service}" is not an ECS service ARN`,
      `services[${index}].service`,
      "use arn:<partition>:ecs:<region>:<account>:service/<cluster>/<service>, or the service name with `cluster`",
    );
  if (!ECS_NAME.test(service.service))
    throw scopeError(
      `"${service.service}" is not an ECS service name (letters, digits, - and _, up to 255)`,
      `services[${index}].service`,
      "the gate acts on deployed services: give the ECS service name or ARN, not a template logical id",
    );
  const cluster = service.cluster === undefined ? "*" : clusterName(service.cluster, index);
  return {
    serviceArn: `${prefix}:service/${cluster}/${service.service}`,
    deploymentArn: `${prefix}:service-deployment/${cluster}/${service.service}/*`,
  };
};

const clusterName = (cluster: string, index: number): string => {
  const name = CLUSTER_ARN.exec(cluster)?.[1] ?? cluster;
  if (!ECS_NAME.test(name))
    throw scopeError(
      `"${cluster}" is not an ECS cluster name or ARN`,
      `services[${index}].cluster`,
      "use the cluster name, or arn:<partition>:ecs:<region>:<account>:cluster/<name>",
    );
  return name;
};

const scopeError = (message: string, path: string, hint: string): ConfigFileError =>
  new ConfigFileError(`post-deploy gate: ${message}`, { file: "readiness.yml", path }, hint);
