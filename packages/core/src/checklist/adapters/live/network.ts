import {
  type InternetGateway,
  paginateDescribeInternetGateways,
  paginateDescribeRouteTables,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  type Route,
  type RouteTable,
  type Subnet,
  type Vpc,
} from "@aws-sdk/client-ec2";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { aliasesOf, cfnTags, defined } from "./shape";
import {
  INTERNET_GATEWAY,
  ROUTE,
  ROUTE_TABLE,
  SUBNET,
  SUBNET_ROUTE_TABLE_ASSOCIATION,
  VPC,
  VPC_GATEWAY_ATTACHMENT,
  api,
} from "./network.api";

export {
  VPC,
  SUBNET,
  ROUTE_TABLE,
  ROUTE,
  SUBNET_ROUTE_TABLE_ASSOCIATION,
  INTERNET_GATEWAY,
  VPC_GATEWAY_ATTACHMENT,
} from "./network.api";

/**
 * VPCs, subnets, route tables (with routes and associations) and internet gateways. NAT gateways are
 * not read: no rule needs them (a route to one is simply not a route to an internet gateway).
 */
export async function collectNetwork(clients: LiveClients, run: LiveRun): Promise<void> {
  const client = { client: clients.ec2 };
  const vpcs = paginateDescribeVpcs(client, {});
  const subnets = paginateDescribeSubnets(client, {});
  const routeTables = paginateDescribeRouteTables(client, {});
  const gateways = paginateDescribeInternetGateways(client, {});
  await Promise.all([
    run.collectListing("ec2 vpcs", api.describeVpcs, vpcs, (p) => p.Vpcs, vpcResource),
    run.collectListing("ec2 subnets", api.describeSubnets, subnets, (p) => p.Subnets, subnetResource),
    run.collectListing(
      "ec2 route tables",
      api.describeRouteTables,
      routeTables,
      (p) => p.RouteTables,
      routeTableResources,
    ),
    run.collectListing(
      "ec2 internet gateways",
      api.describeInternetGateways,
      gateways,
      (p) => p.InternetGateways,
      internetGatewayResources,
    ),
  ]);
}

// EC2 describe calls return no ARN for VPCs, route tables and gateways: their id is the resource id.

const vpcResource = (vpc: Vpc): Resource => ({
  id: vpc.VpcId!,
  type: VPC,
  aliases: aliasesOf(vpc.VpcId),
  properties: defined({
    CidrBlock: vpc.CidrBlock,
    InstanceTenancy: vpc.InstanceTenancy,
    Tags: cfnTags(vpc.Tags),
  }),
  observed: defined({ isDefault: vpc.IsDefault, state: vpc.State }),
});

const subnetResource = (subnet: Subnet): Resource => ({
  id: subnet.SubnetArn ?? subnet.SubnetId!,
  type: SUBNET,
  aliases: aliasesOf(subnet.SubnetId, subnet.SubnetArn),
  properties: defined({
    VpcId: subnet.VpcId,
    CidrBlock: subnet.CidrBlock,
    AvailabilityZone: subnet.AvailabilityZone,
    AvailabilityZoneId: subnet.AvailabilityZoneId,
    MapPublicIpOnLaunch: subnet.MapPublicIpOnLaunch,
    Tags: cfnTags(subnet.Tags),
  }),
  observed: defined({ defaultForAz: subnet.DefaultForAz, state: subnet.State }),
});

/**
 * A route table, one AWS::EC2::Route per route and one AWS::EC2::SubnetRouteTableAssociation per
 * subnet association. The main association stays inline (Associations[].Main) on the table, so a
 * subnet without an explicit association falls back to its VPC's main route table.
 */
export const routeTableResources = (table: RouteTable): Resource[] => {
  const tableId = table.RouteTableId!;
  const associations = (table.Associations ?? []).filter((a) => a.AssociationState?.State !== "disassociated");
  const resources: Resource[] = [
    {
      id: tableId,
      type: ROUTE_TABLE,
      aliases: aliasesOf(tableId),
      properties: defined({
        VpcId: table.VpcId,
        Tags: cfnTags(table.Tags),
        Associations: associations.map((a) =>
          defined({
            RouteTableAssociationId: a.RouteTableAssociationId,
            SubnetId: a.SubnetId,
            GatewayId: a.GatewayId,
            Main: a.Main === true,
          }),
        ),
      }),
    },
  ];
  for (const route of table.Routes ?? []) resources.push(routeResource(tableId, route));
  for (const association of associations) {
    if (!association.RouteTableAssociationId || (!association.SubnetId && !association.Main)) continue;
    resources.push({
      id: association.RouteTableAssociationId,
      type: SUBNET_ROUTE_TABLE_ASSOCIATION,
      aliases: aliasesOf(association.RouteTableAssociationId),
      properties: defined({
        RouteTableId: tableId,
        SubnetId: association.SubnetId,
        Main: association.Main === true ? true : undefined,
      }),
    });
  }
  return resources;
};

const routeResource = (tableId: string, route: Route): Resource => {
  const destination =
    route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId ?? "?";
  return {
    // Routes have no id of their own; CloudFormation's physical id is "<table>|<destination>" too.
    id: `${tableId}|${destination}`,
    type: ROUTE,
    aliases: [],
    properties: defined({
      RouteTableId: tableId,
      DestinationCidrBlock: route.DestinationCidrBlock,
      DestinationIpv6CidrBlock: route.DestinationIpv6CidrBlock,
      DestinationPrefixListId: route.DestinationPrefixListId,
      GatewayId: route.GatewayId,
      NatGatewayId: route.NatGatewayId,
      TransitGatewayId: route.TransitGatewayId,
      VpcPeeringConnectionId: route.VpcPeeringConnectionId,
      NetworkInterfaceId: route.NetworkInterfaceId,
      InstanceId: route.InstanceId,
      EgressOnlyInternetGatewayId: route.EgressOnlyInternetGatewayId,
      CarrierGatewayId: route.CarrierGatewayId,
      LocalGatewayId: route.LocalGatewayId,
      CoreNetworkArn: route.CoreNetworkArn,
    }),
    observed: defined({ state: route.State, origin: route.Origin }),
  };
};

const internetGatewayResources = (gateway: InternetGateway): Resource[] => {
  const id = gateway.InternetGatewayId!;
  return [
    { id, type: INTERNET_GATEWAY, aliases: aliasesOf(id), properties: defined({ Tags: cfnTags(gateway.Tags) }) },
    ...(gateway.Attachments ?? [])
      .filter((a) => a.VpcId)
      .map(
        (attachment): Resource => ({
          id: `${id}|${attachment.VpcId}`,
          type: VPC_GATEWAY_ATTACHMENT,
          aliases: [],
          properties: { InternetGatewayId: id, VpcId: attachment.VpcId },
          observed: defined({ state: attachment.State }),
        }),
      ),
  ];
};
