import {
  paginateDescribeScalableTargets,
  paginateDescribeScalingPolicies,
  type ScalableTarget,
  type ScalingPolicy,
  type ServiceNamespace,
} from "@aws-sdk/client-application-auto-scaling";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { aliasesOf, defined } from "./shape";
import { SCALABLE_TARGET, SCALING_POLICY, api } from "./auto-scaling.api";

export { SCALABLE_TARGET, SCALING_POLICY } from "./auto-scaling.api";

/** DynamoDB tables and ECS services are the scalable resources readiness checks. */
const NAMESPACES: ServiceNamespace[] = ["dynamodb", "ecs"];

export async function collectAutoScaling(clients: LiveClients, run: LiveRun): Promise<void> {
  const client = { client: clients.autoScaling };
  await Promise.all(
    NAMESPACES.flatMap((namespace) => [
      run.collectListing(
        `auto scaling targets (${namespace})`,
        api.describeScalableTargets,
        paginateDescribeScalableTargets(client, { ServiceNamespace: namespace }),
        (p) => p.ScalableTargets,
        scalableTargetResource,
      ),
      run.collectListing(
        `auto scaling policies (${namespace})`,
        api.describeScalingPolicies,
        paginateDescribeScalingPolicies(client, { ServiceNamespace: namespace }),
        (p) => p.ScalingPolicies,
        scalingPolicyResource,
      ),
    ]),
  );
}

/** CloudFormation's physical id of a scalable target: "<resource id>|<dimension>|<namespace>". */
const targetKey = (value: { ResourceId?: string; ScalableDimension?: string; ServiceNamespace?: string }): string =>
  `${value.ResourceId}|${value.ScalableDimension}|${value.ServiceNamespace}`;

const scalableTargetResource = (target: ScalableTarget): Resource => ({
  id: target.ScalableTargetARN ?? targetKey(target),
  type: SCALABLE_TARGET,
  aliases: aliasesOf(target.ScalableTargetARN, targetKey(target)),
  properties: defined({
    ServiceNamespace: target.ServiceNamespace,
    ResourceId: target.ResourceId,
    ScalableDimension: target.ScalableDimension,
    MinCapacity: target.MinCapacity,
    MaxCapacity: target.MaxCapacity,
    RoleARN: target.RoleARN,
    SuspendedState: target.SuspendedState && defined({ ...target.SuspendedState }),
  }),
});

const scalingPolicyResource = (policy: ScalingPolicy): Resource => ({
  id: policy.PolicyARN!,
  type: SCALING_POLICY,
  aliases: aliasesOf(policy.PolicyARN),
  properties: defined({
    PolicyName: policy.PolicyName,
    PolicyType: policy.PolicyType,
    ServiceNamespace: policy.ServiceNamespace,
    ResourceId: policy.ResourceId,
    ScalableDimension: policy.ScalableDimension,
    ScalingTargetId: targetKey(policy),
    TargetTrackingScalingPolicyConfiguration: policy.TargetTrackingScalingPolicyConfiguration,
    StepScalingPolicyConfiguration: policy.StepScalingPolicyConfiguration,
  }),
});
