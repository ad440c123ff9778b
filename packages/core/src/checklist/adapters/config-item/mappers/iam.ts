import { asArray, asRecord, pathOf } from "../../../model/value";
import type { ItemMapper } from "../support";
import { configurationMapper, configurationOf, defined, identity, policyDocument, tagList, text } from "../support";

/** The canonical type of a customer managed policy (Config calls it AWS::IAM::Policy). */
export const MANAGED_POLICY = "AWS::IAM::ManagedPolicy";

/**
 * AWS::IAM::Role: camelCase GetAccountAuthorizationDetails shape → CloudFormation properties.
 * Inline policies (`rolePolicyList`) become Policies, attached managed policies ManagedPolicyArns;
 * policy documents are decoded from URL-encoded JSON when they are strings.
 */
export const iamRole = configurationMapper(
  (c) => [c.arn, c.roleName, c.roleId],
  (c, item) => ({
    RoleName: c.roleName,
    Path: c.path,
    Description: c.description,
    MaxSessionDuration: c.maxSessionDuration,
    AssumeRolePolicyDocument: policyDocument(c.assumeRolePolicyDocument, `role ${String(c.roleName)} trust policy`),
    Policies: asArray(c.rolePolicyList).map((p) => {
      const policy = asRecord(p);
      return defined({
        PolicyName: policy.policyName,
        PolicyDocument: policyDocument(policy.policyDocument, `inline policy ${String(policy.policyName)}`),
      });
    }),
    ManagedPolicyArns: asArray(c.attachedManagedPolicies)
      .map((p) => asRecord(p).policyArn)
      .filter((arn) => text(arn) !== undefined),
    PermissionsBoundary: text(pathOf(c, "permissionsBoundary", "permissionsBoundaryArn")),
    Tags: tagList(item, c.tags),
  }),
);

/**
 * AWS::IAM::Policy (a customer managed policy in Config) → CloudFormation's
 * AWS::IAM::ManagedPolicy, with the default version's document as PolicyDocument. Roles refer to
 * it by ARN in ManagedPolicyArns.
 */
export const iamManagedPolicy: ItemMapper = (item) => {
  const c = configurationOf(item);
  const versions = asArray(c.policyVersionList).map(asRecord);
  const current =
    versions.find((v) => v.isDefaultVersion === true) ?? versions.find((v) => v.versionId === c.defaultVersionId);
  const name = text(c.policyName) ?? item.resourceName;
  return {
    ...identity(item, c.arn, name, c.policyId),
    type: MANAGED_POLICY,
    properties: defined({
      ManagedPolicyName: name,
      Path: c.path,
      Description: c.description,
      PolicyDocument: current ? policyDocument(current.document, `managed policy ${String(name)}`) : undefined,
      AttachmentCount: c.attachmentCount,
    }),
  };
};
