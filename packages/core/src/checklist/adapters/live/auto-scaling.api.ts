import type { Api } from "./run";

export const SCALABLE_TARGET = "AWS::ApplicationAutoScaling::ScalableTarget";
export const SCALING_POLICY = "AWS::ApplicationAutoScaling::ScalingPolicy";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  describeScalableTargets: { action: "application-autoscaling:DescribeScalableTargets", types: [SCALABLE_TARGET] },
  describeScalingPolicies: { action: "application-autoscaling:DescribeScalingPolicies", types: [SCALING_POLICY] },
} satisfies Record<string, Api>;
