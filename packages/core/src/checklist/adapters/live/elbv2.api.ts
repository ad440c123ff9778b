import type { Api } from "./run";

export const LOAD_BALANCER = "AWS::ElasticLoadBalancingV2::LoadBalancer";
export const LISTENER = "AWS::ElasticLoadBalancingV2::Listener";
export const LISTENER_RULE = "AWS::ElasticLoadBalancingV2::ListenerRule";
export const TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  describeLoadBalancers: {
    action: "elasticloadbalancing:DescribeLoadBalancers",
    types: [LOAD_BALANCER, LISTENER, LISTENER_RULE],
  },
  describeListeners: { action: "elasticloadbalancing:DescribeListeners", types: [LISTENER, LISTENER_RULE] },
  describeRules: { action: "elasticloadbalancing:DescribeRules", types: [LISTENER_RULE] },
  describeTargetGroups: { action: "elasticloadbalancing:DescribeTargetGroups", types: [TARGET_GROUP] },
  describeTargetGroupAttributes: { action: "elasticloadbalancing:DescribeTargetGroupAttributes", types: [] },
} satisfies Record<string, Api>;
