import type { Template } from "aws-cdk-lib/assertions";

/** A CloudFormation resource as the templates hold it. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
}

export interface IamStatement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Sid?: string;
}

export const resourcesOf = (template: Template, type: string): [string, CfnResource][] =>
  Object.entries(template.findResources(type)) as [string, CfnResource][];

export const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every statement of every inline policy (AWS::IAM::Policy and roles' Policies), with where it is. */
export const iamStatementsOf = (template: Template): { owner: string; statement: IamStatement }[] => {
  const found: { owner: string; statement: IamStatement }[] = [];
  for (const [id, policy] of resourcesOf(template, "AWS::IAM::Policy")) {
    const document = policy.Properties?.PolicyDocument as { Statement: IamStatement[] };
    for (const statement of document.Statement) found.push({ owner: id, statement });
  }
  for (const [id, role] of resourcesOf(template, "AWS::IAM::Role"))
    for (const policy of asList(role.Properties?.Policies as { PolicyDocument: { Statement: IamStatement[] } }[]))
      for (const statement of policy.PolicyDocument.Statement) found.push({ owner: id, statement });
  return found;
};

/** True when `value` (any intrinsic) mentions the logical id: Ref, GetAtt, or inside a Join/Sub. */
export const references = (value: unknown, logicalId: string): boolean => {
  const text = JSON.stringify(value) ?? "";
  return text.includes(`{"Ref":"${logicalId}"}`) || text.includes(`"Fn::GetAtt":["${logicalId}",`);
};
