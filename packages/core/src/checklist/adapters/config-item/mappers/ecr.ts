import type { ItemMapper } from "../support";
import { configurationOf, identity, text } from "../support";

/**
 * AWS::ECR::Repository: CloudFormation shape. The repository URI (what image references contain)
 * is not in the item, so it is derived from the ARN: arn:aws:ecr:<region>:<account>:repository/<name>.
 */
export const ecrRepository: ItemMapper = (item) => {
  const configuration = configurationOf(item);
  const arn = text(configuration.Arn) ?? item.arn;
  const name = text(configuration.RepositoryName) ?? item.resourceName ?? item.resourceId;
  return {
    ...identity(item, arn, name, repositoryUri(arn, name)),
    properties: { ...configuration, RepositoryName: name },
  };
};

const repositoryUri = (arn: string | undefined, name: string): string | undefined => {
  const parts = arn?.split(":");
  if (!parts || parts.length < 6) return undefined;
  const [, partition, , region, account] = parts;
  const suffix = partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  return `${account}.dkr.ecr.${region}.${suffix}/${name}`;
};
