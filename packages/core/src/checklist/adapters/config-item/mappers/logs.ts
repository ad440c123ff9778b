import type { ItemMapper } from "../support";
import { configurationOf, defined, identity, numeric, text } from "../support";

/**
 * AWS::Logs::LogGroup: CloudFormation shape (LogGroupName, RetentionInDays, KmsKeyId, Arn); the
 * describe-API camelCase spelling is accepted too. No RetentionInDays means "never expire".
 * Log group ARNs appear with and without the trailing ":*", so both are aliases.
 */
export const logGroup: ItemMapper = (item) => {
  const c = configurationOf(item);
  const name = text(c.LogGroupName) ?? text(c.logGroupName) ?? item.resourceName ?? item.resourceId;
  const arn = text(c.Arn) ?? text(c.arn) ?? item.arn;
  const bare = arn?.replace(/:\*$/, "");
  return {
    ...identity(item, name, bare, bare ? `${bare}:*` : undefined),
    properties: defined({
      ...withoutCamel(c),
      LogGroupName: name,
      RetentionInDays: numeric(c.RetentionInDays ?? c.retentionInDays),
      KmsKeyId: c.KmsKeyId ?? c.kmsKeyId,
      Arn: arn,
    }),
  };
};

const withoutCamel = (configuration: Record<string, unknown>): Record<string, unknown> => {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(configuration)) if (/^[A-Z]/.test(key)) kept[key] = value;
  return kept;
};
