import { asArray, asRecord } from "../../../model/value";
import { configurationMapper, defined, tagList, text } from "../support";

/**
 * AWS::EC2::SecurityGroup: Config gives DescribeSecurityGroups' camelCase `ipPermissions`, one
 * permission per protocol/port range with lists of sources. CloudFormation has one rule per
 * source, so each permission expands to one SecurityGroupIngress (or Egress) rule per CIDR,
 * IPv6 CIDR, prefix list and source group. Older items list CIDRs as strings in `ipRanges`.
 */
export const securityGroup = configurationMapper(
  (c) => [c.groupId],
  (c, item) => ({
    GroupId: c.groupId,
    GroupName: c.groupName,
    GroupDescription: c.description,
    VpcId: c.vpcId,
    SecurityGroupIngress: asArray(c.ipPermissions).flatMap((p) => expandPermission(asRecord(p), "ingress")),
    SecurityGroupEgress: asArray(c.ipPermissionsEgress).flatMap((p) => expandPermission(asRecord(p), "egress")),
    Tags: tagList(item, c.tags),
  }),
);

type Direction = "ingress" | "egress";

export const expandPermission = (
  permission: Record<string, unknown>,
  direction: Direction,
): Record<string, unknown>[] => {
  const base = defined({
    IpProtocol: String(permission.ipProtocol ?? "-1"),
    FromPort: permission.fromPort,
    ToPort: permission.toPort,
  });
  const peer = direction === "ingress" ? "Source" : "Destination";
  const rules: Record<string, unknown>[] = [];
  const cidrs = new Set<string>();
  for (const range of asArray(permission.ipRanges)) {
    const cidr = typeof range === "string" ? range : text(asRecord(range).cidrIp);
    if (cidr) cidrs.add(cidr);
  }
  for (const range of asArray(permission.ipv4Ranges)) {
    const cidr = text(asRecord(range).cidrIp);
    if (cidr) cidrs.add(cidr);
  }
  for (const cidr of cidrs) rules.push({ ...base, CidrIp: cidr });
  const ipv6 = new Set<string>();
  for (const range of asArray(permission.ipv6Ranges)) {
    const cidr = typeof range === "string" ? range : text(asRecord(range).cidrIpv6);
    if (cidr) ipv6.add(cidr);
  }
  for (const cidr of ipv6) rules.push({ ...base, CidrIpv6: cidr });
  for (const prefix of asArray(permission.prefixListIds)) {
    const id = typeof prefix === "string" ? prefix : text(asRecord(prefix).prefixListId);
    if (id) rules.push({ ...base, [`${peer}PrefixListId`]: id });
  }
  for (const pair of asArray(permission.userIdGroupPairs).map(asRecord)) {
    const groupId = text(pair.groupId);
    rules.push(
      defined({
        ...base,
        [`${peer}SecurityGroupId`]: groupId,
        [`${peer}SecurityGroupName`]: groupId ? undefined : text(pair.groupName),
        ...(direction === "ingress" ? { SourceSecurityGroupOwnerId: text(pair.userId) } : {}),
      }),
    );
  }
  return rules;
};
