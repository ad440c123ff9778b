/** Test fixtures for the ECS rules: canonical resources built the way the adapters produce them. */
import type { ItemId } from "../../catalogue/items";
import { itemParams, type ParamsOf } from "../../catalogue/params";
import type { ReadinessConfig } from "../../config/schema";
import type { Inventory } from "../../inventory/inventory";
import type { Resource } from "../../model/resource";
import { configOf, resource, scopeOf } from "../../testing/builders";
import type { ConfigRule, RuleOutcome } from "../rule";

/** A container definition that passes every ECS rule; override what a scenario needs. */
export const hardenedContainer = (name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  Name: name,
  Image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/task-service/${name}:1.4.2`,
  Essential: true,
  ReadonlyRootFilesystem: true,
  User: "1000:1000",
  LinuxParameters: { Capabilities: { Drop: ["ALL"] } },
  Environment: [
    { Name: "LOG_LEVEL", Value: "info" },
    { Name: "OTEL_EXPORTER_OTLP_ENDPOINT", Value: "http://localhost:4317" },
  ],
  Secrets: [{ Name: "DB_PASSWORD", ValueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf" }],
  StopTimeout: 60,
  ...overrides,
});

export const taskDefinition = (id: string, ...containers: Record<string, unknown>[]): Resource =>
  resource("AWS::ECS::TaskDefinition", id, { Family: id, NetworkMode: "awsvpc", ContainerDefinitions: containers }, [
    `arn:aws:ecs:us-east-1:123456789012:task-definition/${id}:1`,
  ]);

/** An awsvpc service in the given subnets running the given task definition, rolling with the circuit breaker. */
export const service = (id: string, taskDefinitionId: string, overrides: Record<string, unknown> = {}): Resource =>
  resource("AWS::ECS::Service", id, {
    ServiceName: id,
    TaskDefinition: taskDefinitionId,
    DesiredCount: 2,
    NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ["SubnetA", "SubnetB"], AssignPublicIp: "DISABLED" } },
    DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true } },
    ...overrides,
  });

export const subnet = (id: string, availabilityZone: unknown): Resource =>
  resource("AWS::EC2::Subnet", id, availabilityZone === undefined ? {} : { AvailabilityZone: availabilityZone });

export const subnets = (): Resource[] => [subnet("SubnetA", "us-east-1a"), subnet("SubnetB", "us-east-1b")];

export const targetGroup = (id: string, deregistrationDelay?: unknown): Resource =>
  resource(
    "AWS::ElasticLoadBalancingV2::TargetGroup",
    id,
    deregistrationDelay === undefined
      ? {}
      : { TargetGroupAttributes: [{ Key: "deregistration_delay.timeout_seconds", Value: deregistrationDelay }] },
  );

export const repository = (
  name: string,
  properties: Record<string, unknown> = {},
  observed?: Record<string, unknown>,
): Resource =>
  resource(
    "AWS::ECR::Repository",
    name,
    { RepositoryName: name, ...properties },
    [`123456789012.dkr.ecr.us-east-1.amazonaws.com/${name}`, `arn:aws:ecr:us-east-1:123456789012:repository/${name}`],
    observed,
  );

export interface EvaluateOptions<Id extends ItemId> {
  readonly params?: Partial<ParamsOf<Id>>;
  readonly config?: ReadinessConfig;
}

/** Runs one rule on one subject with the item's default parameters (overridable) and a scope built from config. */
export const evaluateRule = <Id extends ItemId>(
  rule: ConfigRule<Id>,
  subject: Resource,
  inventory: Inventory,
  options: EvaluateOptions<Id> = {},
): RuleOutcome => {
  const params = itemParams[rule.itemId].parse(options.params ?? {}) as ParamsOf<Id>;
  const scope = scopeOf(inventory, options.config ?? configOf());
  const outcome = rule.evaluate(subject, { inventory, params, scope });
  if (Array.isArray(outcome)) throw new Error(`expected one outcome, got ${outcome.length}`);
  return outcome as RuleOutcome;
};
