import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { privateSubnetsLoadBalancers } from "../rules/network/private-subnets-load-balancers";
import { privateSubnetsServices } from "../rules/network/private-subnets-services";

const params = z.strictObject({});

/** VPC: API and Worker in private subnets; ALB in public subnet only */
export const privateSubnetsItem: ItemDeclaration<"private-subnets", typeof params> = declareItem({
  id: "private-subnets",
  section: "Security",
  title: "VPC: API and Worker in private subnets; ALB in public subnet only",
  severity: "critical",
  decidedBy:
    "services have `assignPublicIp` DISABLED and their subnets have no route to an internet gateway; internet-facing load balancers sit only in public subnets",
  remediation:
    "Run services in private subnets (no 0.0.0.0/0 route to an internet gateway; use a NAT gateway or VPC endpoints) with `AssignPublicIp: DISABLED`; put internet-facing load balancers in public subnets only.",
  params,
  rules: [privateSubnetsServices, privateSubnetsLoadBalancers],
});
