import {
  AssociateRouteTableCommand,
  DescribeRouteTablesCommand,
  DescribeVpcAttributeCommand,
  ModifyVpcAttributeCommand,
} from "@aws-sdk/client-ec2";
import { ensure, type ProvisionContext } from "../context";
import { resourcesOfType } from "../template";

const VPC_ATTRIBUTES = [
  { property: "EnableDnsSupport", attribute: "enableDnsSupport", read: "EnableDnsSupport" },
  { property: "EnableDnsHostnames", attribute: "enableDnsHostnames", read: "EnableDnsHostnames" },
] as const;

/** DNS attributes of the VPC and the explicit subnet → route table associations. */
export const reconcileNetwork = async (context: ProvisionContext): Promise<void> => {
  const { clients, resolver } = context;
  for (const vpc of resourcesOfType(context.template, "AWS::EC2::VPC")) {
    const vpcId = resolver.physicalId(vpc.logicalId);
    for (const { property, attribute, read } of VPC_ATTRIBUTES) {
      const desired = vpc.properties[property];
      if (typeof desired !== "boolean") continue;
      await ensure(context, {
        resource: vpc.logicalId,
        property,
        desired,
        read: async () =>
          (await clients.ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: attribute })))[read]
            ?.Value,
        isRight: (actual) => actual === desired,
        apply: async () => {
          await clients.ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, [property]: { Value: desired } }));
        },
        action: `ModifyVpcAttribute ${property}`,
      });
    }
  }
  for (const association of resourcesOfType(context.template, "AWS::EC2::SubnetRouteTableAssociation")) {
    const subnetId = await resolver.text(association.properties.SubnetId);
    const routeTableId = await resolver.text(association.properties.RouteTableId);
    await ensure(context, {
      resource: association.logicalId,
      property: "SubnetId/RouteTableId",
      desired: { subnetId, routeTableId },
      read: async () => associatedTable(context, subnetId),
      isRight: (actual) => actual === routeTableId,
      apply: async () => {
        await clients.ec2.send(new AssociateRouteTableCommand({ SubnetId: subnetId, RouteTableId: routeTableId }));
      },
      action: "AssociateRouteTable",
    });
  }
};

/** The route table explicitly associated with a subnet, if any. */
export const associatedTable = async (context: ProvisionContext, subnetId: string): Promise<string | undefined> => {
  const { RouteTables } = await context.clients.ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: "association.subnet-id", Values: [subnetId] }] }),
  );
  return RouteTables?.find((t) => t.Associations?.some((a) => a.SubnetId === subnetId))?.RouteTableId;
};
