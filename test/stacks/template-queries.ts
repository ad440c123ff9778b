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

/** A resource property the test needs: missing, it fails here with its name. */
export const property = <T>(resource: CfnResource, key: string): T => {
  const value = resource.Properties?.[key];
  if (value === undefined) throw new Error(`the resource has no ${key}`);
  return value as T;
};

/** The role a function runs as (its logical id). */
export const roleOf = (fn: CfnResource): string =>
  property<{ "Fn::GetAtt": [string, string] }>(fn, "Role")["Fn::GetAtt"][0];

/** Every statement of the inline policies (AWS::IAM::Policy) attached to a role. */
export const statementsOfRole = (template: Template, roleId: string): IamStatement[] =>
  resourcesOf(template, "AWS::IAM::Policy")
    .filter(([, policy]) => asList(policy.Properties?.Roles as unknown[]).some((role) => references(role, roleId)))
    .flatMap(([, policy]) => property<{ Statement: IamStatement[] }>(policy, "PolicyDocument").Statement);

/** CDK's log-retention provider: it sets a retention on its own log group when it runs (CDK source). */
export const LOG_RETENTION_PROVIDER = /^LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/;

/** Whether a function's logs have a retention: through CDK's Custom::LogRetention, or a log group it logs to. */
export const hasLogRetention = (template: Template, functionId: string, fn: CfnResource): boolean => {
  const viaCustomResource = resourcesOf(template, "Custom::LogRetention").some(
    ([, r]) => references(r.Properties?.LogGroupName, functionId) && Number(r.Properties?.RetentionInDays) > 0,
  );
  const logging = (fn.Properties?.LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup;
  const viaLogGroup = resourcesOf(template, "AWS::Logs::LogGroup").some(
    ([groupId, g]) => references(logging, groupId) && Number(g.Properties?.RetentionInDays) > 0,
  );
  return viaCustomResource || viaLogGroup;
};

/** SST gives every stack a custom-resource handler function (its logical id starts so). */
const SST_CUSTOM_RESOURCE_HANDLER = /^CustomResourceHandler/;

/**
 * The functions of a template, checked to hold every function the stack declares: one per handler
 * it names, and SST's custom-resource handler. A test looping over them cannot pass by looping over
 * nothing: a template without them throws here, naming what is missing.
 */
export const functionsOf = (template: Template, declaredHandlers: readonly string[]): [string, CfnResource][] => {
  const functions = resourcesOf(template, "AWS::Lambda::Function");
  const handlers = new Set(functions.map(([, fn]) => String(fn.Properties?.Handler)));
  const missing = declaredHandlers.filter((handler) => !handlers.has(handler));
  if (!functions.some(([id]) => SST_CUSTOM_RESOURCE_HANDLER.test(id))) missing.push("SST's CustomResourceHandler");
  if (missing.length > 0) throw new Error(`the template lacks functions its stack declares: ${missing.join(", ")}`);
  return functions;
};
