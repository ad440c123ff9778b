import type { Resource } from "../../model/resource";
import { asArray, asRecord, isUnknown, pathOf, type UnknownValue, unknownValue } from "../../model/value";
import type { Inventory } from "../inventory";
import { ECS_SERVICE, isDangling, type Resolved, resolve, serviceSecurityGroups } from "./ecs";

export const SUBNET = "AWS::EC2::Subnet";
export const VPC = "AWS::EC2::VPC";
export const ROUTE_TABLE = "AWS::EC2::RouteTable";
export const ROUTE = "AWS::EC2::Route";
export const SUBNET_ROUTE_TABLE_ASSOCIATION = "AWS::EC2::SubnetRouteTableAssociation";
export const INTERNET_GATEWAY = "AWS::EC2::InternetGateway";
export const SECURITY_GROUP = "AWS::EC2::SecurityGroup";
export const SECURITY_GROUP_INGRESS = "AWS::EC2::SecurityGroupIngress";
export const FLOW_LOG = "AWS::EC2::FlowLog";
export const LOAD_BALANCER = "AWS::ElasticLoadBalancingV2::LoadBalancer";
export const LISTENER = "AWS::ElasticLoadBalancingV2::Listener";
export const LISTENER_RULE = "AWS::ElasticLoadBalancingV2::ListenerRule";
export const TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup";

/** Indexes built once per inventory; rules then answer in O(references). */
const memo = <T>(build: (inventory: Inventory) => T): ((inventory: Inventory) => T) => {
  const cache = new WeakMap<Inventory, T>();
  return (inventory) => {
    const cached = cache.get(inventory);
    if (cached !== undefined) return cached;
    const value = build(inventory);
    cache.set(inventory, value);
    return value;
  };
};

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

const resolvedId = (inventory: Inventory, reference: unknown, ...types: string[]): string | undefined => {
  const found = inventory.lookupOfType(reference, ...types);
  return found && !isUnknown(found) ? found.id : undefined;
};

/** Human name of a reference for reasons: the resource's display id or the raw string. */
export const describeResolved = (value: Resolved): string =>
  isUnknown(value) ? `<unknown: ${value.reason}>` : isDangling(value) ? value.dangling : value.id;

// ---- Subnets, route tables, internet gateways ----------------------------------------------

interface RoutingIndex {
  /** Route table id by subnet id (explicit associations, template or live). */
  readonly tableOfSubnet: Map<string, Resource | UnknownValue>;
  /** Main route table by VPC id. */
  readonly mainOfVpc: Map<string, Resource>;
  /** Standalone AWS::EC2::Route resources by route table id. */
  readonly routesOfTable: Map<string, Record<string, unknown>[]>;
}

const routingIndex = memo((inventory: Inventory): RoutingIndex => {
  const tableOfSubnet = new Map<string, Resource | UnknownValue>();
  const mainOfVpc = new Map<string, Resource>();
  const routesOfTable = new Map<string, Record<string, unknown>[]>();
  for (const association of inventory.ofType(SUBNET_ROUTE_TABLE_ASSOCIATION)) {
    const subnet = resolvedId(inventory, association.properties.SubnetId, SUBNET);
    const table = inventory.lookupOfType(association.properties.RouteTableId, ROUTE_TABLE);
    if (subnet && table) tableOfSubnet.set(subnet, table);
  }
  for (const table of inventory.ofType(ROUTE_TABLE)) {
    // Live collectors describe associations inline (DescribeRouteTables shape).
    for (const association of asArray(table.properties.Associations)) {
      const entry = asRecord(association);
      if (entry.Main === true) {
        const vpc = resolvedId(inventory, table.properties.VpcId, VPC);
        if (vpc) mainOfVpc.set(vpc, table);
      }
      const subnet = resolvedId(inventory, entry.SubnetId, SUBNET);
      if (subnet && !tableOfSubnet.has(subnet)) tableOfSubnet.set(subnet, table);
    }
  }
  for (const route of inventory.ofType(ROUTE)) {
    const table = resolvedId(inventory, route.properties.RouteTableId, ROUTE_TABLE);
    if (table) push(routesOfTable, table, route.properties);
  }
  return { tableOfSubnet, mainOfVpc, routesOfTable };
});

/**
 * The route table a subnet uses: its explicit association, else its VPC's main route table;
 * "template-main" for a VPC the template creates, whose main route table has only the local route
 * (CloudFormation exposes no attribute through which a template could add routes to it).
 */
export const routeTableOfSubnet = (
  inventory: Inventory,
  subnet: Resource,
): Resource | "template-main" | UnknownValue => {
  const index = routingIndex(inventory);
  const explicit = index.tableOfSubnet.get(subnet.id);
  if (explicit) return explicit;
  const vpc = resolvedId(inventory, subnet.properties.VpcId, VPC);
  const main = vpc ? index.mainOfVpc.get(vpc) : undefined;
  if (main) return main;
  if (vpc && inventory.source === "template") return "template-main";
  return unknownValue(`subnet ${subnet.id} has no route table association and its VPC's main route table is not known`);
};

export const routesOf = (inventory: Inventory, table: Resource): Record<string, unknown>[] => [
  ...asArray(table.properties.Routes).map(asRecord),
  ...(routingIndex(inventory).routesOfTable.get(table.id) ?? []),
];

/** The internet gateway a route targets, or undefined; an UnknownValue when its target is unknown. */
const internetGatewayOf = (inventory: Inventory, route: Record<string, unknown>): string | UnknownValue | undefined => {
  const gateway = route.GatewayId;
  if (isUnknown(gateway)) return gateway;
  if (typeof gateway !== "string") return undefined;
  if (gateway.startsWith("igw-")) return gateway;
  const found = inventory.lookupOfType(gateway, INTERNET_GATEWAY);
  return found && !isUnknown(found) ? found.id : undefined;
};

/** The types subnetInternetGateway reads: a rule that calls it reads these. */
export const SUBNET_ROUTING_TYPES: readonly string[] = [
  SUBNET,
  ROUTE_TABLE,
  ROUTE,
  SUBNET_ROUTE_TABLE_ASSOCIATION,
  INTERNET_GATEWAY,
];

/**
 * Whether the subnet is public (its route table routes to an internet gateway). Returns the
 * gateway that makes it public, false when private, or an UnknownValue when it cannot be decided.
 */
export const subnetInternetGateway = (inventory: Inventory, subnet: Resource): string | false | UnknownValue => {
  const table = routeTableOfSubnet(inventory, subnet);
  if (isUnknown(table)) return table;
  if (table === "template-main") return false;
  let unknown: UnknownValue | undefined;
  for (const route of routesOf(inventory, table)) {
    const gateway = internetGatewayOf(inventory, route);
    if (typeof gateway === "string") return gateway;
    if (gateway)
      unknown ??= unknownValue(`route table ${table.id} has a route whose gateway is unknown (${gateway.reason})`);
  }
  return unknown ?? false;
};

// ---- Security groups ---------------------------------------------------------------------

const standaloneIngressIndex = memo((inventory: Inventory): Map<string, Record<string, unknown>[]> => {
  const byGroup = new Map<string, Record<string, unknown>[]>();
  for (const ingress of inventory.ofType(SECURITY_GROUP_INGRESS)) {
    const group = resolvedId(inventory, ingress.properties.GroupId ?? ingress.properties.GroupName, SECURITY_GROUP);
    if (group) push(byGroup, group, ingress.properties);
  }
  return byGroup;
});

/** Every ingress rule of a security group: inline SecurityGroupIngress plus standalone ingress resources. */
export const ingressRulesOf = (inventory: Inventory, group: Resource): Record<string, unknown>[] | UnknownValue => {
  const inline = group.properties.SecurityGroupIngress;
  if (isUnknown(inline)) return inline;
  return [...asArray(inline).map(asRecord), ...(standaloneIngressIndex(inventory).get(group.id) ?? [])];
};

/** Security group ids attached to any load balancer. */
export const loadBalancerSecurityGroups = memo((inventory: Inventory): Set<string> => {
  const groups = new Set<string>();
  for (const lb of inventory.ofType(LOAD_BALANCER))
    for (const group of asArray(lb.properties.SecurityGroups)) {
      const id = resolvedId(inventory, group, SECURITY_GROUP);
      if (id) groups.add(id);
    }
  return groups;
});

/** ECS services whose awsvpc configuration attaches this security group. */
export const servicesUsingSecurityGroup = (inventory: Inventory, group: Resource): Resource[] =>
  inventory.referencesTo(group).filter((r) => {
    if (r.type !== ECS_SERVICE) return false;
    const groups = serviceSecurityGroups(inventory, r);
    return !isUnknown(groups) && groups.includes(group);
  });

/** "tcp 8080", "tcp 8000-8100", "all traffic". */
export const describePorts = (rule: Record<string, unknown>): string => {
  const protocol = rule.IpProtocol;
  if (protocol === "-1" || protocol === -1 || protocol === "all") return "all traffic";
  const from = rule.FromPort;
  const to = rule.ToPort;
  const range =
    from === undefined ? "all ports" : from === to || to === undefined ? String(from) : `${String(from)}-${String(to)}`;
  return `${String(protocol ?? "tcp")} ${range}`;
};

// ---- Flow logs ---------------------------------------------------------------------------

interface FlowLogIndex {
  readonly byVpc: Map<string, Resource[]>;
  /** Flow logs whose target could not be determined. */
  readonly undetermined: Resource[];
}

const flowLogIndex = memo((inventory: Inventory): FlowLogIndex => {
  const byVpc = new Map<string, Resource[]>();
  const undetermined: Resource[] = [];
  for (const flowLog of inventory.ofType(FLOW_LOG)) {
    const { ResourceId: resourceId, ResourceIds: resourceIds, ResourceType: resourceType } = flowLog.properties;
    if (resourceType !== undefined && resourceType !== "VPC" && !isUnknown(resourceType)) continue;
    const targets = [resourceId, ...asArray(resourceIds)].filter((t) => t !== undefined);
    if (isUnknown(resourceType) || isUnknown(resourceIds) || targets.some(isUnknown)) undetermined.push(flowLog);
    for (const target of targets) {
      const vpc = resolvedId(inventory, target, VPC);
      if (vpc) push(byVpc, vpc, flowLog);
    }
  }
  return { byVpc, undetermined };
});

export const flowLogsOfVpc = (inventory: Inventory, vpc: Resource): readonly Resource[] =>
  flowLogIndex(inventory).byVpc.get(vpc.id) ?? [];

export const undeterminedFlowLogs = (inventory: Inventory): readonly Resource[] => flowLogIndex(inventory).undetermined;

// ---- Load balancers, listeners, target groups -------------------------------------------

/** Target group references of a list of listener actions (forward and weighted forward). */
export const forwardedTargetGroups = (actions: unknown): unknown[] =>
  asArray(actions).flatMap((action) => {
    const entry = asRecord(action);
    return [
      entry.TargetGroupArn,
      ...asArray(pathOf(entry, "ForwardConfig", "TargetGroups")).map((tg) => asRecord(tg).TargetGroupArn),
    ].filter((tg) => tg !== undefined);
  });

/** Listener rules attached to a listener. */
export const rulesOfListener = (inventory: Inventory, listener: Resource): Resource[] =>
  inventory
    .referencesTo(listener)
    .filter((r) => r.type === LISTENER_RULE && inventory.lookup(r.properties.ListenerArn) === listener);

/** Target groups a listener forwards to, through its default actions and its listener rules. */
export const listenerTargetGroups = (inventory: Inventory, listener: Resource): Resolved[] => {
  const references = [
    ...forwardedTargetGroups(listener.properties.DefaultActions),
    ...rulesOfListener(inventory, listener).flatMap((rule) => forwardedTargetGroups(rule.properties.Actions)),
  ];
  return references.map((reference) => resolve(inventory, reference, TARGET_GROUP));
};

/** ECS services that register tasks with this target group. */
export const servicesBehindTargetGroup = (inventory: Inventory, targetGroup: Resource): Resource[] =>
  inventory
    .referencesTo(targetGroup)
    .filter(
      (r) =>
        r.type === ECS_SERVICE &&
        asArray(r.properties.LoadBalancers).some((lb) => inventory.lookup(asRecord(lb).TargetGroupArn) === targetGroup),
    );

const loadBalancersOfTargetGroupIndex = memo((inventory: Inventory): Map<string, Resource[]> => {
  const byTargetGroup = new Map<string, Resource[]>();
  const add = (targetGroup: unknown, lbReference: unknown): void => {
    const tg = resolvedId(inventory, targetGroup, TARGET_GROUP);
    const lb = inventory.lookupOfType(lbReference, LOAD_BALANCER);
    if (!tg || !lb || isUnknown(lb)) return;
    const list = byTargetGroup.get(tg);
    if (!list?.includes(lb)) push(byTargetGroup, tg, lb);
  };
  for (const listener of inventory.ofType(LISTENER))
    for (const tg of forwardedTargetGroups(listener.properties.DefaultActions))
      add(tg, listener.properties.LoadBalancerArn);
  for (const rule of inventory.ofType(LISTENER_RULE)) {
    const listener = inventory.lookupOfType(rule.properties.ListenerArn, LISTENER);
    if (!listener || isUnknown(listener)) continue;
    for (const tg of forwardedTargetGroups(rule.properties.Actions)) add(tg, listener.properties.LoadBalancerArn);
  }
  // Live target groups carry LoadBalancerArns (DescribeTargetGroups shape).
  for (const tg of inventory.ofType(TARGET_GROUP))
    for (const lb of asArray(tg.properties.LoadBalancerArns)) add(tg.id, lb);
  return byTargetGroup;
});

/** Load balancers that forward to this target group. */
export const loadBalancersOfTargetGroup = (inventory: Inventory, targetGroup: Resource): readonly Resource[] =>
  loadBalancersOfTargetGroupIndex(inventory).get(targetGroup.id) ?? [];

/** Subnet references of a load balancer (Subnets or SubnetMappings). */
export const loadBalancerSubnets = (inventory: Inventory, lb: Resource): Resolved[] | UnknownValue => {
  const { Subnets: subnets, SubnetMappings: mappings } = lb.properties;
  if (isUnknown(subnets)) return subnets;
  if (isUnknown(mappings)) return mappings;
  const references = [...asArray(subnets), ...asArray(mappings).map((m) => asRecord(m).SubnetId)];
  return references.map((reference) => resolve(inventory, reference, SUBNET));
};
