import type { ConfigRule } from "../rule";
import { privateSubnetsLoadBalancers } from "./private-subnets-load-balancers";
import { privateSubnetsServices } from "./private-subnets-services";
import { sgAlbOnly } from "./sg-alb-only";
import { vpcFlowLogs } from "./vpc-flow-logs";

/** Rules whose subject resources are network placement: subnets of services and load balancers, security groups, VPCs. */
export const networkRules: readonly ConfigRule[] = [
  privateSubnetsServices,
  privateSubnetsLoadBalancers,
  sgAlbOnly,
  vpcFlowLogs,
] as readonly ConfigRule[];
