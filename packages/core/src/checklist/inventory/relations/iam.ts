import type { Resource } from "../../model/resource";
import { asArray, asRecord, isRecord, isUnknown, type UnknownValue, unknownValue } from "../../model/value";
import type { Inventory } from "../inventory";
import { ECS_TASK_DEFINITION } from "./ecs";

export const IAM_ROLE = "AWS::IAM::Role";
export const IAM_POLICY = "AWS::IAM::Policy";
export const IAM_MANAGED_POLICY = "AWS::IAM::ManagedPolicy";
export const IAM_ROLE_POLICY = "AWS::IAM::RolePolicy";

export interface Statement {
  readonly effect: unknown;
  readonly action: unknown;
  readonly notAction: unknown;
  readonly resource: unknown;
  readonly notResource: unknown;
}

/**
 * Parses a policy document given as an object (CloudFormation), a JSON string (IAM API) or
 * URL-encoded JSON (AWS Config items, GetRolePolicy). An UnknownValue when it cannot be read.
 */
export const parsePolicyDocument = (document: unknown): Record<string, unknown> | UnknownValue => {
  if (isUnknown(document)) return document;
  if (isRecord(document)) return document;
  if (typeof document !== "string") return unknownValue("policy document missing");
  return policyObjectOf(document) ?? unknownValue("policy document is neither JSON nor URL-encoded JSON");
};

/**
 * A policy document's text read as JSON, else as URL-encoded JSON (AWS Config items, the IAM
 * API): the first reading that is an object; undefined when neither is.
 */
export const policyObjectOf = (text: string): Record<string, unknown> | undefined => {
  for (const candidate of [text, safeDecode(text)]) {
    if (candidate === undefined) continue;
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (isRecord(parsed)) return parsed;
    } catch {
      // try the next decoding
    }
  }
  return undefined;
};

const safeDecode = (text: string): string | undefined => {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
};

export const statementsOf = (document: Record<string, unknown>): Statement[] | UnknownValue => {
  const raw = document.Statement;
  if (isUnknown(raw)) return raw;
  return (Array.isArray(raw) ? raw : [raw]).filter(isRecord).map((s) => ({
    effect: s.Effect,
    action: s.Action,
    notAction: s.NotAction,
    resource: s.Resource,
    notResource: s.NotResource,
  }));
};

/** A string or list-of-strings policy field as a list; an UnknownValue when any part is unknown. */
export const policyList = (value: unknown): string[] | UnknownValue => {
  if (value === undefined) return [];
  if (isUnknown(value)) return value;
  const items = Array.isArray(value) ? value : [value];
  const unknown = items.find(isUnknown);
  if (unknown) return unknown;
  return items.map(String);
};

/** Task definitions whose TaskRoleArn names this role (execution roles are not task roles). */
export const taskDefinitionsWithTaskRole = (inventory: Inventory, role: Resource): Resource[] =>
  inventory
    .referencesTo(role)
    .filter((r) => r.type === ECS_TASK_DEFINITION && inventory.lookup(r.properties.TaskRoleArn) === role);

export interface AttachedDocument {
  /** "inline policy X", "policy X", "managed policy X". */
  readonly source: string;
  readonly document: unknown;
}

/** Inline policies of the role plus AWS::IAM::Policy / RolePolicy / customer ManagedPolicy resources attached to it. */
export const policyDocumentsOfRole = (inventory: Inventory, role: Resource): AttachedDocument[] => {
  const inline = asArray(role.properties.Policies).map((p) => ({
    source: `inline policy ${String(asRecord(p).PolicyName ?? "?")}`,
    document: asRecord(p).PolicyDocument,
  }));
  const attached = inventory.referencesTo(role).flatMap((r): AttachedDocument[] => {
    if (r.type === IAM_ROLE_POLICY && inventory.lookup(r.properties.RoleName) === role)
      return [{ source: `policy ${String(r.properties.PolicyName ?? r.id)}`, document: r.properties.PolicyDocument }];
    if (
      (r.type === IAM_POLICY || r.type === IAM_MANAGED_POLICY) &&
      asArray(r.properties.Roles).some((x) => inventory.lookup(x) === role)
    )
      return [
        {
          source: `policy ${String(r.properties.PolicyName ?? r.properties.ManagedPolicyName ?? r.id)}`,
          document: r.properties.PolicyDocument,
        },
      ];
    return [];
  });
  return [...inline, ...attached];
};

export type ManagedPolicyReference =
  | { readonly kind: "resource"; readonly policy: Resource }
  | { readonly kind: "aws"; readonly name: string }
  | { readonly kind: "external"; readonly arn: string }
  | { readonly kind: "unknown"; readonly value: UnknownValue };

/** The role's ManagedPolicyArns, resolved to a policy in the inventory, an AWS managed policy name, or unknown. */
export const managedPoliciesOfRole = (inventory: Inventory, role: Resource): ManagedPolicyReference[] => {
  const arns = role.properties.ManagedPolicyArns;
  if (isUnknown(arns)) return [{ kind: "unknown", value: arns }];
  return asArray(arns).map((arn): ManagedPolicyReference => {
    if (isUnknown(arn)) return { kind: "unknown", value: arn };
    const found = inventory.lookupOfType(arn, IAM_MANAGED_POLICY, IAM_POLICY);
    if (found && !isUnknown(found)) return { kind: "resource", policy: found };
    const text = String(arn);
    const aws = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(text);
    return aws ? { kind: "aws", name: aws[1]! } : { kind: "external", arn: text };
  });
};
