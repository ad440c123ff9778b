import type { Resource } from "../../model/resource";
import { resource } from "../../testing/builders";

/**
 * A VPC with a public subnet (route table → internet gateway) and a private subnet (route table →
 * NAT gateway), shaped as a CloudFormation template gives them.
 */
export const vpcWithSubnets = (): Resource[] => [
  resource("AWS::EC2::VPC", "Vpc", { CidrBlock: "10.0.0.0/16" }, ["vpc-0a1"]),
  resource("AWS::EC2::InternetGateway", "Igw", {}, ["igw-0b2"]),
  resource("AWS::EC2::Subnet", "PublicSubnet", { VpcId: "Vpc", CidrBlock: "10.0.0.0/24", MapPublicIpOnLaunch: true }),
  resource("AWS::EC2::Subnet", "PrivateSubnet", { VpcId: "Vpc", CidrBlock: "10.0.1.0/24" }),
  resource("AWS::EC2::RouteTable", "PublicRoutes", { VpcId: "Vpc" }),
  resource("AWS::EC2::RouteTable", "PrivateRoutes", { VpcId: "Vpc" }),
  resource("AWS::EC2::Route", "PublicDefault", {
    RouteTableId: "PublicRoutes",
    DestinationCidrBlock: "0.0.0.0/0",
    GatewayId: "Igw",
  }),
  resource("AWS::EC2::Route", "PrivateDefault", {
    RouteTableId: "PrivateRoutes",
    DestinationCidrBlock: "0.0.0.0/0",
    NatGatewayId: "nat-0c3",
  }),
  resource("AWS::EC2::SubnetRouteTableAssociation", "PublicAssoc", {
    SubnetId: "PublicSubnet",
    RouteTableId: "PublicRoutes",
  }),
  resource("AWS::EC2::SubnetRouteTableAssociation", "PrivateAssoc", {
    SubnetId: "PrivateSubnet",
    RouteTableId: "PrivateRoutes",
  }),
];

export const service = (id: string, awsvpc: Record<string, unknown>, extra: Record<string, unknown> = {}): Resource =>
  resource("AWS::ECS::Service", id, {
    ServiceName: id.toLowerCase(),
    TaskDefinition: `${id}Task`,
    NetworkConfiguration: { AwsvpcConfiguration: awsvpc },
    ...extra,
  });

export const loadBalancer = (properties: Record<string, unknown>): Resource =>
  resource("AWS::ElasticLoadBalancingV2::LoadBalancer", "Alb", { Type: "application", ...properties });
