import type { Api } from "./run";

export const IAM_ROLE = "AWS::IAM::Role";
export const IAM_MANAGED_POLICY = "AWS::IAM::ManagedPolicy";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  getRole: { action: "iam:GetRole", types: [IAM_ROLE] },
  listRolePolicies: { action: "iam:ListRolePolicies", types: [IAM_ROLE] },
  getRolePolicy: { action: "iam:GetRolePolicy", types: [IAM_ROLE] },
  listAttachedRolePolicies: { action: "iam:ListAttachedRolePolicies", types: [IAM_ROLE] },
  getPolicy: { action: "iam:GetPolicy", types: [IAM_MANAGED_POLICY] },
  getPolicyVersion: { action: "iam:GetPolicyVersion", types: [IAM_MANAGED_POLICY] },
} satisfies Record<string, Api>;
