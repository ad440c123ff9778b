/** Where the templates would be deployed: drives pseudo parameters, Fn::GetAZs and synthetic ARNs. */
export interface Environment {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  readonly urlSuffix: string;
}

export const environmentOf = (region: string, accountId: string): Environment => {
  if (region.startsWith("cn-")) return { region, accountId, partition: "aws-cn", urlSuffix: "amazonaws.com.cn" };
  if (region.startsWith("us-gov-")) return { region, accountId, partition: "aws-us-gov", urlSuffix: "amazonaws.com" };
  return { region, accountId, partition: "aws", urlSuffix: "amazonaws.com" };
};

/** Synthetic Availability Zones for Fn::GetAZs: three per region, like most regions offer at least. */
export const availabilityZones = (region: string): string[] => ["a", "b", "c"].map((suffix) => `${region}${suffix}`);
