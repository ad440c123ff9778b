import { TemplateError } from "../../../kernel/errors";
import { isRecord } from "../../model/value";
import cfnTypes from "./cfn-types.json";
import type { ParsedFile } from "./parse";
import { didYouMean } from "./suggest";
import { placeIn, type Template, type TemplateResource } from "./template";

const KNOWN_TYPES: ReadonlySet<string> = new Set(cfnTypes);
const TYPE_NAME = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(::MODULE)?$/;

/**
 * Custom resources, SAM resources and third-party registry types (any namespace but AWS) cannot
 * be checked against cfn-lint's list; every other AWS:: type must be a real one, so a typo fails
 * here instead of at deploy time.
 */
export const isAcceptedType = (type: string): boolean =>
  KNOWN_TYPES.has(type) ||
  type.startsWith("Custom::") ||
  type.startsWith("AWS::Serverless::") ||
  (!type.startsWith("AWS::") && TYPE_NAME.test(type));

/** True when the document looks like a CloudFormation template (used to pick files in a directory). */
export const looksLikeTemplate = (body: unknown): boolean => isRecord(body) && "Resources" in body;

const section = (body: Record<string, unknown>, name: string, parsed: ParsedFile): Record<string, unknown> => {
  const value = body[name];
  if (value === undefined || value === null) return {};
  if (!isRecord(value))
    throw new TemplateError(
      `${name} must be a map`,
      placeIn(parsed, name),
      `write ${name} as a map of names to entries`,
    );
  return value;
};

const records = (
  values: Record<string, unknown>,
  name: string,
  parsed: ParsedFile,
): Record<string, Record<string, unknown>> => {
  for (const [key, value] of Object.entries(values))
    if (!isRecord(value))
      throw new TemplateError(`${name} entry ${key} must be a map`, placeIn(parsed, `${name}.${key}`), undefined);
  return values as Record<string, Record<string, unknown>>;
};

const dependsOnOf = (value: unknown, path: string, parsed: ParsedFile): string[] => {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((item) => typeof item === "string"))
    throw new TemplateError("DependsOn must be a logical id or a list of logical ids", placeIn(parsed, path));
  return list as string[];
};

const resourceOf = (logicalId: string, raw: unknown, parsed: ParsedFile): TemplateResource => {
  const path = `Resources.${logicalId}`;
  if (logicalId.startsWith("Fn::ForEach"))
    throw new TemplateError(
      `${logicalId}: Fn::ForEach needs the AWS::LanguageExtensions transform, which this template does not declare`,
      placeIn(parsed, path),
      "add Transform: AWS::LanguageExtensions to the template",
    );
  if (!isRecord(raw)) throw new TemplateError(`resource ${logicalId} must be a map with a Type`, placeIn(parsed, path));
  const type = raw.Type;
  if (type === undefined || type === null || type === "")
    throw new TemplateError(
      `resource ${logicalId} has no Type`,
      placeIn(parsed, path),
      "every resource needs a Type, e.g. Type: AWS::SQS::Queue",
    );
  if (typeof type !== "string")
    throw new TemplateError(`resource ${logicalId} has a Type that is not a string`, placeIn(parsed, `${path}.Type`));
  if (!isAcceptedType(type))
    throw new TemplateError(
      `unknown resource type ${type} for resource ${logicalId}`,
      placeIn(parsed, `${path}.Type`),
      didYouMean(type, KNOWN_TYPES, "see the CloudFormation resource type reference for valid types"),
    );
  const properties = raw.Properties ?? {};
  if (!isRecord(properties))
    throw new TemplateError(`Properties of resource ${logicalId} must be a map`, placeIn(parsed, `${path}.Properties`));
  const condition = raw.Condition;
  if (condition !== undefined && typeof condition !== "string")
    throw new TemplateError(
      `Condition of resource ${logicalId} must be a condition name`,
      placeIn(parsed, `${path}.Condition`),
    );
  return {
    logicalId,
    type,
    properties,
    condition,
    dependsOn: dependsOnOf(raw.DependsOn, `${path}.DependsOn`, parsed),
    metadata: isRecord(raw.Metadata) ? raw.Metadata : {},
  };
};

/** Checks that a parsed file is a CloudFormation template and returns its sections. */
export const toTemplate = (parsed: ParsedFile): Template => {
  const { body, file } = parsed;
  const hint =
    "a CloudFormation template is a map with a Resources section mapping logical ids to { Type, Properties }";
  if (!isRecord(body))
    throw new TemplateError("not a CloudFormation template: the document is not a map", { file }, hint);
  if (!("Resources" in body))
    throw new TemplateError("not a CloudFormation template: it has no Resources section", { file }, hint);
  if (!isRecord(body.Resources))
    throw new TemplateError(
      "not a CloudFormation template: Resources is not a map of logical ids to resources",
      placeIn(parsed, "Resources"),
      hint,
    );
  if (Object.keys(body.Resources).length === 0)
    throw new TemplateError(
      "the template declares no resources: CloudFormation requires at least one",
      placeIn(parsed, "Resources"),
      "declare the stack's resources under Resources",
    );
  const resources = new Map<string, TemplateResource>();
  for (const [logicalId, raw] of Object.entries(body.Resources))
    resources.set(logicalId, resourceOf(logicalId, raw, parsed));
  return {
    file,
    positions: parsed.positions,
    parameters: records(section(body, "Parameters", parsed), "Parameters", parsed),
    mappings: section(body, "Mappings", parsed),
    conditions: section(body, "Conditions", parsed),
    resources,
    outputs: records(section(body, "Outputs", parsed), "Outputs", parsed),
  };
};
