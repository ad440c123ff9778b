import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  type ScalableDimension,
  type ServiceNamespace,
  type TargetTrackingScalingPolicyConfiguration,
} from "@aws-sdk/client-application-auto-scaling";
import { DescribeContinuousBackupsCommand, UpdateContinuousBackupsCommand } from "@aws-sdk/client-dynamodb";
import { asRecord } from "@readiness/core/checklist/model/value";
import { matches } from "../compare";
import { ensure, type ProvisionContext } from "../context";
import { ProvisionError } from "../errors";
import { resourcesOfType, type TemplateResource } from "../template";

export const SCALABLE_TARGET = "AWS::ApplicationAutoScaling::ScalableTarget";
export const SCALING_POLICY = "AWS::ApplicationAutoScaling::ScalingPolicy";

export interface ScalableTargetKey {
  readonly ServiceNamespace: ServiceNamespace;
  readonly ResourceId: string;
  readonly ScalableDimension: ScalableDimension;
}

/** The identity of a template scalable target on the endpoint (CloudFormation's physical id joins the same three). */
export const scalableTargetKey = async (
  context: ProvisionContext,
  target: TemplateResource,
): Promise<ScalableTargetKey> => ({
  ServiceNamespace: (await context.resolver.text(target.properties.ServiceNamespace)) as ServiceNamespace,
  ResourceId: await context.resolver.text(target.properties.ResourceId),
  ScalableDimension: (await context.resolver.text(target.properties.ScalableDimension)) as ScalableDimension,
});

/** Point-in-time recovery of tables, and the auto-scaling of provisioned ones. */
export const reconcileTables = async (context: ProvisionContext): Promise<void> => {
  const { clients, resolver } = context;
  for (const table of resourcesOfType(context.template, "AWS::DynamoDB::Table")) {
    const desired = asRecord(table.properties.PointInTimeRecoverySpecification).PointInTimeRecoveryEnabled;
    if (typeof desired !== "boolean") continue;
    const name = resolver.physicalId(table.logicalId);
    await ensure(context, {
      resource: table.logicalId,
      property: "PointInTimeRecoverySpecification",
      desired,
      read: async () =>
        (await clients.dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: name })))
          .ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === "ENABLED",
      isRight: (actual) => actual === desired,
      apply: async () => {
        await clients.dynamodb.send(
          new UpdateContinuousBackupsCommand({
            TableName: name,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: desired },
          }),
        );
      },
      action: "UpdateContinuousBackups",
    });
  }
  for (const target of resourcesOfType(context.template, SCALABLE_TARGET)) {
    const key = await scalableTargetKey(context, target);
    const desired = {
      ...key,
      MinCapacity: Number(target.properties.MinCapacity),
      MaxCapacity: Number(target.properties.MaxCapacity),
    };
    await ensure(context, {
      resource: target.logicalId,
      property: "ScalableTarget",
      desired,
      read: async () =>
        (
          await clients.autoscaling.send(
            new DescribeScalableTargetsCommand({
              ServiceNamespace: key.ServiceNamespace,
              ResourceIds: [key.ResourceId],
              ScalableDimension: key.ScalableDimension,
            }),
          )
        ).ScalableTargets?.[0],
      isRight: (actual) => matches(desired, actual),
      apply: async () => {
        await clients.autoscaling.send(new RegisterScalableTargetCommand(desired));
      },
      action: "RegisterScalableTarget",
    });
    resolver.facts.physical.set(target.logicalId, `${key.ResourceId}|${key.ScalableDimension}|${key.ServiceNamespace}`);
  }
  for (const policy of resourcesOfType(context.template, SCALING_POLICY)) {
    const targetId = asRecord(policy.properties.ScalingTargetId).Ref;
    const target = context.template.resources.find((r) => r.logicalId === targetId && r.type === SCALABLE_TARGET);
    if (!target)
      throw new ProvisionError(`${policy.logicalId}: ScalingTargetId must Ref a scalable target of the template`);
    const key = await scalableTargetKey(context, target);
    const desired = {
      ...key,
      PolicyName: await resolver.text(policy.properties.PolicyName),
      PolicyType: "TargetTrackingScaling" as const,
      TargetTrackingScalingPolicyConfiguration: asRecord(
        await resolver.value(policy.properties.TargetTrackingScalingPolicyConfiguration),
      ) as unknown as TargetTrackingScalingPolicyConfiguration,
    };
    if (policy.properties.PolicyType !== "TargetTrackingScaling")
      throw new ProvisionError(`${policy.logicalId}: only TargetTrackingScaling policies are provisioned`);
    await ensure(context, {
      resource: policy.logicalId,
      property: "ScalingPolicy",
      desired,
      read: async () =>
        (
          await clients.autoscaling.send(
            new DescribeScalingPoliciesCommand({
              ...key,
              ResourceId: key.ResourceId,
              PolicyNames: [desired.PolicyName],
            }),
          )
        ).ScalingPolicies?.[0],
      isRight: (actual) => matches(desired, actual),
      apply: async () => {
        await clients.autoscaling.send(new PutScalingPolicyCommand(desired));
      },
      action: "PutScalingPolicy",
    });
  }
};
