import type { Api } from "./run";

export const VPC = "AWS::EC2::VPC";
export const SUBNET = "AWS::EC2::Subnet";
export const ROUTE_TABLE = "AWS::EC2::RouteTable";
export const ROUTE = "AWS::EC2::Route";
export const SUBNET_ROUTE_TABLE_ASSOCIATION = "AWS::EC2::SubnetRouteTableAssociation";
export const INTERNET_GATEWAY = "AWS::EC2::InternetGateway";
export const VPC_GATEWAY_ATTACHMENT = "AWS::EC2::VPCGatewayAttachment";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  describeVpcs: { action: "ec2:DescribeVpcs", types: [VPC] },
  describeSubnets: { action: "ec2:DescribeSubnets", types: [SUBNET] },
  describeRouteTables: {
    action: "ec2:DescribeRouteTables",
    types: [ROUTE_TABLE, ROUTE, SUBNET_ROUTE_TABLE_ASSOCIATION],
  },
  describeInternetGateways: {
    action: "ec2:DescribeInternetGateways",
    types: [INTERNET_GATEWAY, VPC_GATEWAY_ATTACHMENT],
  },
} satisfies Record<string, Api>;
