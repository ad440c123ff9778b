import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  type Role,
} from "@aws-sdk/client-iam";
import { policyObjectOf } from "../../inventory/relations/iam";
import type { Resource } from "../../model/resource";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { aliasesOf, defined, lastSegment } from "./shape";
import { IAM_MANAGED_POLICY, IAM_ROLE, api } from "./iam.api";

export { IAM_ROLE, IAM_MANAGED_POLICY } from "./iam.api";

/**
 * The given roles (the task and execution roles of the task definitions in scope) with their inline
 * policies and attached managed policies, and each managed policy's default version document.
 * IAM is global and large, so only roles something in scope uses are read.
 */
export async function collectRoles(clients: LiveClients, run: LiveRun, roleArns: ReadonlySet<string>): Promise<void> {
  const policyArns = new Set<string>();
  await run.forEach("iam roles", [...roleArns], async (roleArn) => {
    const role = await readRole(clients, run, roleArn);
    if (role) {
      run.add(role.resource);
      for (const arn of role.managedPolicyArns) policyArns.add(arn);
    }
  });
  await run.forEach("iam managed policies", [...policyArns], async (arn) => {
    const policy = await readManagedPolicy(clients, run, arn);
    if (policy) run.add(policy);
  });
}

async function readRole(
  clients: LiveClients,
  run: LiveRun,
  roleArn: string,
): Promise<{ resource: Resource; managedPolicyArns: string[] } | undefined> {
  const roleName = lastSegment(roleArn);
  const got = await run.read(api.getRole, () => clients.iam.send(new GetRoleCommand({ RoleName: roleName })));
  if (!got.ok || !got.value.Role) return undefined;
  const client = { client: clients.iam };
  const [inlineNames, attached] = await Promise.all([
    run.readAll(api.listRolePolicies, paginateListRolePolicies(client, { RoleName: roleName }), (p) => p.PolicyNames),
    run.readAll(
      api.listAttachedRolePolicies,
      paginateListAttachedRolePolicies(client, { RoleName: roleName }),
      (p) => p.AttachedPolicies,
    ),
  ]);
  if (!inlineNames.ok || !attached.ok) return undefined;
  const inline: Record<string, unknown>[] = [];
  for (const policyName of inlineNames.value) {
    const policy = await run.read(api.getRolePolicy, () =>
      clients.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })),
    );
    if (!policy.ok) return undefined;
    inline.push({ PolicyName: policyName, PolicyDocument: policyDocument(policy.value.PolicyDocument) });
  }
  const managed = attached.value.map((p) => p.PolicyArn).filter((arn): arn is string => arn !== undefined);
  return { resource: roleResource(got.value.Role, inline, managed), managedPolicyArns: managed };
}

async function readManagedPolicy(clients: LiveClients, run: LiveRun, arn: string): Promise<Resource | undefined> {
  const policy = await run.read(api.getPolicy, () => clients.iam.send(new GetPolicyCommand({ PolicyArn: arn })));
  if (!policy.ok || !policy.value.Policy) return undefined;
  const { DefaultVersionId: versionId, PolicyName: name, Path: path, Description: description } = policy.value.Policy;
  const version = await run.read(api.getPolicyVersion, () =>
    clients.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })),
  );
  if (!version.ok) return undefined;
  return {
    id: arn,
    type: IAM_MANAGED_POLICY,
    aliases: aliasesOf(arn),
    properties: defined({
      ManagedPolicyName: name,
      Path: path,
      Description: description,
      PolicyDocument: policyDocument(version.value.PolicyVersion?.Document),
    }),
    observed: defined({ defaultVersionId: versionId, awsManaged: arn.includes(":iam::aws:policy/") }),
  };
}

const roleResource = (role: Role, policies: Record<string, unknown>[], managedPolicyArns: string[]): Resource => ({
  id: role.Arn!,
  type: IAM_ROLE,
  aliases: aliasesOf(role.Arn, role.RoleName, role.RoleId),
  properties: defined({
    RoleName: role.RoleName,
    Path: role.Path,
    Description: role.Description,
    AssumeRolePolicyDocument: policyDocument(role.AssumeRolePolicyDocument),
    MaxSessionDuration: role.MaxSessionDuration,
    PermissionsBoundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
    Policies: policies,
    ManagedPolicyArns: managedPolicyArns,
    Tags: role.Tags?.length ? role.Tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined,
  }),
});

/**
 * IAM returns documents URL-encoded; the canonical model holds them parsed, as a template writes
 * them. One that reads as no object is left as text: parsePolicyDocument reports it as unreadable.
 */
export const policyDocument = (document: string | undefined): unknown =>
  document === undefined ? undefined : (policyObjectOf(document) ?? document);
