import {
  AttachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { asArray, asRecord } from "@readiness/core/checklist/model/value";
import { matches } from "../compare";
import { ensure, type ProvisionContext } from "../context";
import { resourcesOfType } from "../template";

/** IAM returns policy documents URL-encoded; moto stores CloudFormation's as a Python repr, which is no JSON at all. */
const parseDocument = (encoded: string | undefined): unknown => {
  if (encoded === undefined) return undefined;
  const text = decodeURIComponent(encoded);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const sameDocument = (desired: unknown) => (actual: unknown) => matches(desired, actual) && matches(actual, desired);

/** Trust policy, inline policies and managed policy attachments of every role, as the template says. */
export const reconcileRoles = async (context: ProvisionContext): Promise<void> => {
  const { clients, resolver } = context;
  for (const role of resourcesOfType(context.template, "AWS::IAM::Role")) {
    const roleName = resolver.physicalId(role.logicalId);
    const trust = await resolver.value(role.properties.AssumeRolePolicyDocument);
    await ensure(context, {
      resource: role.logicalId,
      property: "AssumeRolePolicyDocument",
      desired: trust,
      read: async () =>
        parseDocument(
          (await clients.iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.AssumeRolePolicyDocument,
        ),
      isRight: sameDocument(trust),
      apply: async () => {
        await clients.iam.send(
          new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: JSON.stringify(trust) }),
        );
      },
      action: "UpdateAssumeRolePolicy",
    });
    for (const policy of asArray(role.properties.Policies).map(asRecord)) {
      const policyName = String(policy.PolicyName);
      const document = await resolver.value(policy.PolicyDocument);
      await ensure(context, {
        resource: role.logicalId,
        property: `Policies.${policyName}`,
        desired: document,
        read: async () =>
          parseDocument(
            (await clients.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })))
              .PolicyDocument,
          ),
        isRight: sameDocument(document),
        apply: async () => {
          await clients.iam.send(
            new PutRolePolicyCommand({
              RoleName: roleName,
              PolicyName: policyName,
              PolicyDocument: JSON.stringify(document),
            }),
          );
        },
        action: `PutRolePolicy ${policyName}`,
      });
    }
    const managed = asArray(await resolver.value(role.properties.ManagedPolicyArns)).map(String);
    if (managed.length === 0) continue;
    const attached = async (): Promise<string[]> =>
      (
        (await clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }))).AttachedPolicies ?? []
      ).map((p) => p.PolicyArn ?? "");
    await ensure(context, {
      resource: role.logicalId,
      property: "ManagedPolicyArns",
      desired: managed,
      read: attached,
      isRight: (actual) => managed.every((arn) => asArray(actual).includes(arn)),
      apply: async () => {
        const present = await attached();
        for (const arn of managed.filter((a) => !present.includes(a)))
          await clients.iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn }));
      },
      action: "AttachRolePolicy",
    });
  }
};
