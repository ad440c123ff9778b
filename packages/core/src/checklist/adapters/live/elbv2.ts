import {
  DescribeTargetGroupAttributesCommand,
  type Listener,
  type LoadBalancer,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeRules,
  paginateDescribeTargetGroups,
  type Rule,
  type TargetGroup,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type { Resource } from "../../model/resource";
import { type UnknownValue, unknownValue } from "../../model/value";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { aliasesOf, defined } from "./shape";
import { LISTENER, LISTENER_RULE, LOAD_BALANCER, TARGET_GROUP, api } from "./elbv2.api";

export { LOAD_BALANCER, LISTENER, LISTENER_RULE, TARGET_GROUP } from "./elbv2.api";

/** Load balancers → listeners → listener rules, and target groups with their attributes. */
export async function collectLoadBalancing(clients: LiveClients, run: LiveRun): Promise<void> {
  await Promise.all([collectLoadBalancers(clients, run), collectTargetGroups(clients, run)]);
}

async function collectLoadBalancers(clients: LiveClients, run: LiveRun): Promise<void> {
  const client = { client: clients.elbv2 };
  const balancers = await run.readAll(
    api.describeLoadBalancers,
    paginateDescribeLoadBalancers(client, {}),
    (p) => p.LoadBalancers,
  );
  if (!balancers.ok) return;
  await run.forEach("elbv2 load balancers", balancers.value, async (balancer) => {
    run.add(loadBalancerResource(balancer));
    const listeners = await run.readAll(
      api.describeListeners,
      paginateDescribeListeners(client, { LoadBalancerArn: balancer.LoadBalancerArn }),
      (p) => p.Listeners,
    );
    if (listeners.ok)
      for (const listener of listeners.value) {
        run.add(listenerResource(listener));
        const rules = await run.readAll(
          api.describeRules,
          paginateDescribeRules(client, { ListenerArn: listener.ListenerArn }),
          (p) => p.Rules,
        );
        if (rules.ok)
          for (const rule of rules.value) if (!rule.IsDefault) run.add(listenerRuleResource(listener, rule));
      }
  });
}

async function collectTargetGroups(clients: LiveClients, run: LiveRun): Promise<void> {
  const groups = await run.readAll(
    api.describeTargetGroups,
    paginateDescribeTargetGroups({ client: clients.elbv2 }, {}),
    (p) => p.TargetGroups,
  );
  if (!groups.ok) return;
  await run.forEach("elbv2 target groups", groups.value, async (group) => {
    const attributes = await run.read(api.describeTargetGroupAttributes, () =>
      clients.elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: group.TargetGroupArn })),
    );
    const shaped = attributes.ok
      ? (attributes.value.Attributes ?? []).map((a) => ({ Key: a.Key, Value: a.Value }))
      : run.unknownFrom(attributes.error);
    run.add(targetGroupResource(group, shaped));
  });
}

const loadBalancerResource = (balancer: LoadBalancer): Resource => ({
  id: balancer.LoadBalancerArn!,
  type: LOAD_BALANCER,
  aliases: aliasesOf(balancer.LoadBalancerArn, balancer.LoadBalancerName, balancer.DNSName),
  properties: defined({
    Name: balancer.LoadBalancerName,
    Type: balancer.Type,
    Scheme: balancer.Scheme,
    IpAddressType: balancer.IpAddressType,
    Subnets: balancer.AvailabilityZones?.map((zone) => zone.SubnetId).filter((id) => id !== undefined),
    SecurityGroups: balancer.SecurityGroups,
  }),
  observed: defined({ state: balancer.State?.Code, vpcId: balancer.VpcId, dnsName: balancer.DNSName }),
});

export const listenerResource = (listener: Listener): Resource => ({
  id: listener.ListenerArn!,
  type: LISTENER,
  aliases: aliasesOf(listener.ListenerArn),
  properties: defined({
    LoadBalancerArn: listener.LoadBalancerArn,
    Protocol: listener.Protocol,
    Port: listener.Port,
    DefaultActions: listener.DefaultActions,
    Certificates: listener.Certificates?.map((c) => defined({ CertificateArn: c.CertificateArn })),
    SslPolicy: listener.SslPolicy,
    AlpnPolicy: listener.AlpnPolicy,
    MutualAuthentication: listener.MutualAuthentication
      ? defined({ ...listener.MutualAuthentication })
      : listener.Protocol === "HTTPS"
        ? UNREAD_MUTUAL_AUTHENTICATION
        : undefined,
  }),
});

/**
 * AWS answers every HTTPS listener with its mutual authentication (at least `Mode: off`), so an
 * answer without it is an endpoint that dropped it (moto 5.2 cannot hold it): not read, rather than off.
 */
const UNREAD_MUTUAL_AUTHENTICATION = unknownValue(
  "the endpoint's DescribeListeners answer has no MutualAuthentication for this HTTPS listener (AWS always sends it; the endpoint dropped it)",
);

const listenerRuleResource = (listener: Listener, rule: Rule): Resource => ({
  id: rule.RuleArn!,
  type: LISTENER_RULE,
  aliases: aliasesOf(rule.RuleArn),
  properties: defined({
    ListenerArn: listener.ListenerArn,
    Priority: rule.Priority === undefined ? undefined : Number(rule.Priority),
    Conditions: rule.Conditions,
    Actions: rule.Actions,
  }),
});

const targetGroupResource = (
  group: TargetGroup,
  attributes: { Key?: string; Value?: string }[] | UnknownValue,
): Resource => ({
  id: group.TargetGroupArn!,
  type: TARGET_GROUP,
  aliases: aliasesOf(group.TargetGroupArn, group.TargetGroupName),
  properties: defined({
    Name: group.TargetGroupName,
    Protocol: group.Protocol,
    ProtocolVersion: group.ProtocolVersion,
    Port: group.Port,
    TargetType: group.TargetType,
    VpcId: group.VpcId,
    IpAddressType: group.IpAddressType,
    HealthCheckEnabled: group.HealthCheckEnabled,
    HealthCheckProtocol: group.HealthCheckProtocol,
    HealthCheckPort: group.HealthCheckPort,
    HealthCheckPath: group.HealthCheckPath,
    HealthCheckIntervalSeconds: group.HealthCheckIntervalSeconds,
    HealthCheckTimeoutSeconds: group.HealthCheckTimeoutSeconds,
    HealthyThresholdCount: group.HealthyThresholdCount,
    UnhealthyThresholdCount: group.UnhealthyThresholdCount,
    Matcher: group.Matcher && defined({ ...group.Matcher }),
    LoadBalancerArns: group.LoadBalancerArns,
    TargetGroupAttributes: attributes,
  }),
});
