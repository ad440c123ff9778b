import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { sgAlbOnly } from "../rules/network/sg-alb-only";

const params = z.strictObject({});

/** Security groups: tasks only accept traffic from ALB SG (not 0.0.0.0/0) */
export const sgAlbOnlyItem: ItemDeclaration<"sg-alb-only", typeof params> = declareItem({
  id: "sg-alb-only",
  section: "Security",
  title: "Security groups: tasks only accept traffic from ALB SG (not 0.0.0.0/0)",
  severity: "critical",
  decidedBy:
    "every ingress rule of a task security group references the ALB's security group; no CIDR ranges, no 0.0.0.0/0 or ::/0",
  remediation:
    "Replace CIDR ingress rules on task security groups with rules whose source is the load balancer's security group (`SourceSecurityGroupId`).",
  params,
  rules: [sgAlbOnly],
});
