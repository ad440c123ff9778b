import { type IpPermission, paginateDescribeSecurityGroups, type SecurityGroup } from "@aws-sdk/client-ec2";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { aliasesOf, cfnTags, defined } from "./shape";
import { SECURITY_GROUP, api } from "./security-groups.api";

export { SECURITY_GROUP } from "./security-groups.api";

export async function collectSecurityGroups(clients: LiveClients, run: LiveRun): Promise<void> {
  const pages = paginateDescribeSecurityGroups({ client: clients.ec2 }, {});
  await run.collectListing(
    "ec2 security groups",
    api.describeSecurityGroups,
    pages,
    (p) => p.SecurityGroups,
    securityGroupResource,
  );
}

export const securityGroupResource = (group: SecurityGroup): Resource => ({
  id: group.SecurityGroupArn ?? group.GroupId!,
  type: SECURITY_GROUP,
  aliases: aliasesOf(group.GroupId, group.SecurityGroupArn),
  properties: defined({
    GroupName: group.GroupName,
    GroupDescription: group.Description,
    VpcId: group.VpcId,
    SecurityGroupIngress: (group.IpPermissions ?? []).flatMap((p) => cfnRules(p, "ingress")),
    SecurityGroupEgress: (group.IpPermissionsEgress ?? []).flatMap((p) => cfnRules(p, "egress")),
    Tags: cfnTags(group.Tags),
  }),
});

/**
 * Flattens one API permission (a protocol/port range with lists of peers) into CloudFormation
 * rules, one per peer, the way a template writes them.
 */
export const cfnRules = (permission: IpPermission, direction: "ingress" | "egress"): Record<string, unknown>[] => {
  const base = defined({ IpProtocol: permission.IpProtocol, FromPort: permission.FromPort, ToPort: permission.ToPort });
  const group = direction === "ingress" ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
  const prefixList = direction === "ingress" ? "SourcePrefixListId" : "DestinationPrefixListId";
  return [
    ...(permission.IpRanges ?? []).map((r) => defined({ ...base, CidrIp: r.CidrIp, Description: r.Description })),
    ...(permission.Ipv6Ranges ?? []).map((r) => defined({ ...base, CidrIpv6: r.CidrIpv6, Description: r.Description })),
    ...(permission.UserIdGroupPairs ?? []).map((pair) =>
      defined({
        ...base,
        [group]: pair.GroupId,
        ...(direction === "ingress" ? { SourceSecurityGroupOwnerId: pair.UserId } : {}),
        Description: pair.Description,
      }),
    ),
    ...(permission.PrefixListIds ?? []).map((p) =>
      defined({ ...base, [prefixList]: p.PrefixListId, Description: p.Description }),
    ),
  ];
};
