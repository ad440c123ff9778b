import { asArray, asRecord } from "../../../model/value";
import { configurationMapper, pascalKeys, tagList } from "../support";

/** AWS::EC2::VPC: camelCase DescribeVpcs shape → CloudFormation properties. */
export const vpc = configurationMapper(
  (c) => [c.vpcId],
  (c, item) => ({
    VpcId: c.vpcId,
    CidrBlock: c.cidrBlock,
    InstanceTenancy: c.instanceTenancy,
    DhcpOptionsId: c.dhcpOptionsId,
    IsDefault: c.isDefault,
    Tags: tagList(item, c.tags),
  }),
);

/** AWS::EC2::Subnet: camelCase DescribeSubnets shape → CloudFormation properties. */
export const subnet = configurationMapper(
  (c) => [c.subnetId],
  (c, item) => ({
    SubnetId: c.subnetId,
    VpcId: c.vpcId,
    CidrBlock: c.cidrBlock,
    AvailabilityZone: c.availabilityZone,
    AvailabilityZoneId: c.availabilityZoneId,
    MapPublicIpOnLaunch: c.mapPublicIpOnLaunch,
    DefaultForAz: c.defaultForAz,
    Tags: tagList(item, c.tags),
  }),
);

/**
 * AWS::EC2::RouteTable: CloudFormation models routes and subnet associations as separate
 * resources; like the live collectors, the canonical table carries them inline in the
 * DescribeRouteTables PascalCase shape (Routes[].GatewayId, Associations[].SubnetId / Main).
 */
export const routeTable = configurationMapper(
  (c) => [c.routeTableId],
  (c, item) => ({
    RouteTableId: c.routeTableId,
    VpcId: c.vpcId,
    Routes: asArray(c.routes).map((r) => pascalKeys(asRecord(r))),
    Associations: asArray(c.associations).map((a) => pascalKeys(asRecord(a))),
    Tags: tagList(item, c.tags),
  }),
);

/** AWS::EC2::InternetGateway: its VPC attachments are kept (CloudFormation uses a separate attachment resource). */
export const internetGateway = configurationMapper(
  (c) => [c.internetGatewayId],
  (c, item) => ({
    InternetGatewayId: c.internetGatewayId,
    Attachments: asArray(c.attachments).map((a) => pascalKeys(asRecord(a))),
    Tags: tagList(item, c.tags),
  }),
);

/** AWS::EC2::NatGateway: camelCase → CloudFormation properties. */
export const natGateway = configurationMapper(
  (c) => [c.natGatewayId],
  (c, item) => ({
    SubnetId: c.subnetId,
    VpcId: c.vpcId,
    ConnectivityType: c.connectivityType,
    Tags: tagList(item, c.tags),
  }),
);
