import { asArray, asRecord } from "../../../model/value";
import type { ItemMapper } from "../support";
import { configurationOf, defined, identity, pascalKeys, tagList } from "../support";

/** AWS::EC2::VPC: camelCase DescribeVpcs shape → CloudFormation properties. */
export const vpc: ItemMapper = (item) => {
  const c = configurationOf(item);
  return {
    ...identity(item, c.vpcId),
    properties: defined({
      VpcId: c.vpcId,
      CidrBlock: c.cidrBlock,
      InstanceTenancy: c.instanceTenancy,
      DhcpOptionsId: c.dhcpOptionsId,
      IsDefault: c.isDefault,
      Tags: tagList(item, c.tags),
    }),
  };
};

/** AWS::EC2::Subnet: camelCase DescribeSubnets shape → CloudFormation properties. */
export const subnet: ItemMapper = (item) => {
  const c = configurationOf(item);
  return {
    ...identity(item, c.subnetId),
    properties: defined({
      SubnetId: c.subnetId,
      VpcId: c.vpcId,
      CidrBlock: c.cidrBlock,
      AvailabilityZone: c.availabilityZone,
      AvailabilityZoneId: c.availabilityZoneId,
      MapPublicIpOnLaunch: c.mapPublicIpOnLaunch,
      DefaultForAz: c.defaultForAz,
      Tags: tagList(item, c.tags),
    }),
  };
};

/**
 * AWS::EC2::RouteTable: CloudFormation models routes and subnet associations as separate
 * resources; like the live collectors, the canonical table carries them inline in the
 * DescribeRouteTables PascalCase shape (Routes[].GatewayId, Associations[].SubnetId / Main).
 */
export const routeTable: ItemMapper = (item) => {
  const c = configurationOf(item);
  return {
    ...identity(item, c.routeTableId),
    properties: defined({
      RouteTableId: c.routeTableId,
      VpcId: c.vpcId,
      Routes: asArray(c.routes).map((r) => pascalKeys(asRecord(r))),
      Associations: asArray(c.associations).map((a) => pascalKeys(asRecord(a))),
      Tags: tagList(item, c.tags),
    }),
  };
};

/** AWS::EC2::InternetGateway: its VPC attachments are kept (CloudFormation uses a separate attachment resource). */
export const internetGateway: ItemMapper = (item) => {
  const c = configurationOf(item);
  return {
    ...identity(item, c.internetGatewayId),
    properties: defined({
      InternetGatewayId: c.internetGatewayId,
      Attachments: asArray(c.attachments).map((a) => pascalKeys(asRecord(a))),
      Tags: tagList(item, c.tags),
    }),
  };
};

/** AWS::EC2::NatGateway: camelCase → CloudFormation properties. */
export const natGateway: ItemMapper = (item) => {
  const c = configurationOf(item);
  return {
    ...identity(item, c.natGatewayId),
    properties: defined({
      SubnetId: c.subnetId,
      VpcId: c.vpcId,
      ConnectivityType: c.connectivityType,
      Tags: tagList(item, c.tags),
    }),
  };
};
