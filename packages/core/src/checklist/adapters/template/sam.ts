import { TemplateError } from "../../../kernel/errors";
import { isRecord } from "../../model/value";
import { intrinsicName } from "./intrinsic-name";
import type { Position } from "./locate";
import type { ParsedFile } from "./parse";
import { expandFunction, type Generated, type ImplicitApis } from "./sam-function";
import { placeIn } from "./template";

export const SERVERLESS_TRANSFORM = "AWS::Serverless-2016-10-31";

/** A SAM resource and the CloudFormation resources it became (logical ids of this template). */
export interface SamExpansion {
  readonly logicalId: string;
  readonly type: string;
  readonly expandedTo: readonly string[];
  /** What of it this adapter does not model ("Events.Thumbnails (IoTRule)"); empty when all of it was read. */
  readonly notModelled: readonly string[];
}

/** Globals: primitives are replaced by the resource's value, maps merged, lists prepended (SAM's globals.rst). */
const mergeGlobals = (global: unknown, own: unknown): unknown => {
  if (own === undefined) return global;
  if (Array.isArray(global) && Array.isArray(own)) return [...global, ...own];
  const isPlainMap = (value: unknown) => isRecord(value) && intrinsicName(value) === undefined;
  if (isPlainMap(global) && isPlainMap(own)) {
    const merged: Record<string, unknown> = { ...(global as Record<string, unknown>) };
    for (const [key, value] of Object.entries(own as Record<string, unknown>))
      merged[key] = mergeGlobals(merged[key], value);
    return merged;
  }
  return own;
};

const withGlobals = (globals: unknown, properties: Record<string, unknown>): Record<string, unknown> =>
  isRecord(globals) ? (mergeGlobals(globals, properties) as Record<string, unknown>) : properties;

/** The implicit REST API (`ServerlessRestApi`) and HTTP API (`ServerlessHttpApi`) functions' Api events create. */
const implicitApiResources = (apis: ImplicitApis): Generated[] => {
  const made: Generated[] = [];
  if (apis.rest !== undefined)
    made.push(
      {
        logicalId: "ServerlessRestApi",
        resource: { Type: "AWS::ApiGateway::RestApi", Properties: { Name: { Ref: "AWS::StackName" } } },
      },
      {
        logicalId: "ServerlessRestApiDeployment",
        resource: { Type: "AWS::ApiGateway::Deployment", Properties: { RestApiId: { Ref: "ServerlessRestApi" } } },
      },
      {
        logicalId: "ServerlessRestApiProdStage",
        resource: {
          Type: "AWS::ApiGateway::Stage",
          Properties: {
            RestApiId: { Ref: "ServerlessRestApi" },
            DeploymentId: { Ref: "ServerlessRestApiDeployment" },
            StageName: "Prod",
          },
        },
      },
    );
  if (apis.http !== undefined)
    made.push(
      {
        logicalId: "ServerlessHttpApi",
        resource: {
          Type: "AWS::ApiGatewayV2::Api",
          Properties: { Name: { Ref: "AWS::StackName" }, ProtocolType: "HTTP" },
        },
      },
      {
        logicalId: "ServerlessHttpApiApiGatewayDefaultStage",
        resource: {
          Type: "AWS::ApiGatewayV2::Stage",
          Properties: { ApiId: { Ref: "ServerlessHttpApi" }, StageName: "$default", AutoDeploy: true },
        },
      },
    );
  return made;
};

/** AWS::Serverless::Api: the REST API, its deployment and its stage `<Api><StageName>Stage`. */
const expandApi = (
  apiId: string,
  resource: Record<string, unknown>,
  properties: Record<string, unknown>,
): Generated[] => {
  const stageName = typeof properties.StageName === "string" ? properties.StageName : "Stage";
  const stage: Record<string, unknown> = {
    RestApiId: { Ref: apiId },
    DeploymentId: { Ref: `${apiId}Deployment` },
    StageName: properties.StageName,
  };
  for (const key of ["TracingEnabled", "MethodSettings", "AccessLogSetting", "Variables", "CacheClusterEnabled"])
    if (properties[key] !== undefined) stage[key] = properties[key];
  return [
    {
      logicalId: apiId,
      resource: {
        ...resource,
        Type: "AWS::ApiGateway::RestApi",
        Properties: { Name: properties.Name ?? { Ref: "AWS::StackName" }, ...pickApi(properties) },
      },
    },
    {
      logicalId: `${apiId}Deployment`,
      resource: { Type: "AWS::ApiGateway::Deployment", Properties: { RestApiId: { Ref: apiId } } },
    },
    { logicalId: `${apiId}${stageName}Stage`, resource: { Type: "AWS::ApiGateway::Stage", Properties: stage } },
  ];
};

const pickApi = (properties: Record<string, unknown>): Record<string, unknown> => {
  const kept: Record<string, unknown> = {};
  for (const key of [
    "Description",
    "EndpointConfiguration",
    "BinaryMediaTypes",
    "MinimumCompressionSize",
    "Policy",
    "Tags",
    "DisableExecuteApiEndpoint",
    "ApiKeySourceType",
  ])
    if (properties[key] !== undefined) kept[key] = properties[key];
  if (isRecord(kept.Tags)) kept.Tags = Object.entries(kept.Tags).map(([Key, Value]) => ({ Key, Value }));
  return kept;
};

/** AWS::Serverless::SimpleTable: a DynamoDB table keyed by PrimaryKey, on demand unless throughput is given. */
const expandSimpleTable = (
  tableId: string,
  resource: Record<string, unknown>,
  properties: Record<string, unknown>,
): Generated[] => {
  const key = isRecord(properties.PrimaryKey) ? properties.PrimaryKey : { Name: "id", Type: "String" };
  const attributeType = (type: unknown) => (type === "Number" ? "N" : type === "Binary" ? "B" : "S");
  const table: Record<string, unknown> = {
    AttributeDefinitions: [{ AttributeName: key.Name, AttributeType: attributeType(key.Type) }],
    KeySchema: [{ AttributeName: key.Name, KeyType: "HASH" }],
    ...(properties.ProvisionedThroughput !== undefined
      ? { ProvisionedThroughput: properties.ProvisionedThroughput }
      : { BillingMode: "PAY_PER_REQUEST" }),
    ...(properties.TableName !== undefined ? { TableName: properties.TableName } : {}),
    ...(properties.SSESpecification !== undefined ? { SSESpecification: properties.SSESpecification } : {}),
    ...(isRecord(properties.Tags)
      ? { Tags: Object.entries(properties.Tags).map(([Key, Value]) => ({ Key, Value })) }
      : {}),
  };
  return [{ logicalId: tableId, resource: { ...resource, Type: "AWS::DynamoDB::Table", Properties: table } }];
};

/** Types that keep their logical id and become one CloudFormation resource with the same properties. */
const RENAMED: Record<string, string> = {
  "AWS::Serverless::LayerVersion": "AWS::Lambda::LayerVersion",
  "AWS::Serverless::HttpApi": "AWS::ApiGatewayV2::Api",
};

/**
 * `!Ref MyFunction.Alias`, `!Ref MyFunction.Version`, `!Ref MyApi.Stage` and `.Deployment`: SAM's
 * referenceable properties, rewritten to the generated resources they name.
 */
const referenceable = (expansions: ReadonlyMap<string, Generated[]>): Map<string, string> => {
  const names = new Map<string, string>();
  for (const [samId, made] of expansions)
    for (const { logicalId, resource } of made) {
      const type = resource.Type;
      if (type === "AWS::Lambda::Alias") names.set(`${samId}.Alias`, logicalId);
      if (type === "AWS::Lambda::Version") names.set(`${samId}.Version`, logicalId);
      if (type === "AWS::ApiGateway::Stage" || type === "AWS::ApiGatewayV2::Stage")
        names.set(`${samId}.Stage`, logicalId);
      if (type === "AWS::ApiGateway::Deployment") names.set(`${samId}.Deployment`, logicalId);
    }
  return names;
};

const rewriteReferences = (node: unknown, names: ReadonlyMap<string, string>): unknown => {
  if (Array.isArray(node)) return node.map((item) => rewriteReferences(item, names));
  if (!isRecord(node)) return node;
  if (typeof node.Ref === "string" && names.has(node.Ref) && Object.keys(node).length === 1)
    return { Ref: names.get(node.Ref) };
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) result[key] = rewriteReferences(value, names);
  return result;
};

/**
 * The AWS::Serverless-2016-10-31 transform, as far as the checklist needs it: Globals applied;
 * functions (role, environment, log configuration, dead-letter queue, event invoke config and
 * every event source), APIs, simple tables, layers, HTTP APIs and applications (nested stacks)
 * expanded into the CloudFormation resources SAM generates, under SAM's logical ids; the implicit
 * ServerlessRestApi / ServerlessHttpApi created when an event uses them. Generated resources are
 * located at the SAM resource they came from and share its Condition. Other SAM types are left
 * as written and reported as not modelled.
 */
export const expandSam = (parsed: ParsedFile): { parsed: ParsedFile; expansions: SamExpansion[] } => {
  const body = parsed.body as Record<string, unknown>;
  const resources = isRecord(body.Resources) ? body.Resources : {};
  const globals = isRecord(body.Globals) ? body.Globals : {};
  const stages = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(resources))
    if (isRecord(resource) && resource.Type === "AWS::Serverless::Api" && isRecord(resource.Properties))
      if (typeof resource.Properties.StageName === "string") stages.set(logicalId, resource.Properties.StageName);
  const apis: ImplicitApis = { stages };
  const output: Record<string, unknown> = {};
  const positions = new Map<string, Position>(parsed.positions);
  const generated = new Map<string, Generated[]>();
  const expansions: SamExpansion[] = [];
  const add = (made: readonly Generated[], from: string, condition: unknown) => {
    const at = parsed.positions.get(`Resources.${from}`);
    for (const { logicalId, resource } of made) {
      if (logicalId in output || (logicalId !== from && logicalId in resources))
        throw new TemplateError(
          `SAM would generate ${logicalId} for ${from}, and the template already defines ${logicalId}`,
          placeIn(parsed, `Resources.${from}`),
          `rename the resource ${logicalId}`,
        );
      output[logicalId] =
        condition !== undefined && resource.Condition === undefined ? { ...resource, Condition: condition } : resource;
      if (at && logicalId !== from) positions.set(`Resources.${logicalId}`, at);
    }
  };
  for (const [logicalId, resource] of Object.entries(resources)) {
    const type = isRecord(resource) ? String(resource.Type) : "";
    if (!isRecord(resource) || !type.startsWith("AWS::Serverless::")) {
      output[logicalId] = resource;
      continue;
    }
    const properties = isRecord(resource.Properties) ? resource.Properties : {};
    let made: Generated[] | undefined;
    let notModelled: string[] = [];
    if (type === "AWS::Serverless::Function") {
      const expanded = expandFunction(logicalId, resource, withGlobals(globals.Function, properties), apis);
      made = expanded.resources;
      notModelled = expanded.notModelled;
    } else if (type === "AWS::Serverless::Api")
      made = expandApi(logicalId, resource, withGlobals(globals.Api, properties));
    else if (type === "AWS::Serverless::SimpleTable")
      made = expandSimpleTable(logicalId, resource, withGlobals(globals.SimpleTable, properties));
    else if (type === "AWS::Serverless::Application")
      made = [
        {
          logicalId,
          resource: {
            ...resource,
            Type: "AWS::CloudFormation::Stack",
            Properties: {
              TemplateURL: properties.Location,
              ...(properties.Parameters ? { Parameters: properties.Parameters } : {}),
            },
          },
        },
      ];
    else if (RENAMED[type]) made = [{ logicalId, resource: { ...resource, Type: RENAMED[type] } }];
    if (!made) {
      output[logicalId] = resource;
      expansions.push({ logicalId, type, expandedTo: [], notModelled: [`${type} is not expanded`] });
      continue;
    }
    add(made, logicalId, resource.Condition);
    generated.set(logicalId, made);
    expansions.push({ logicalId, type, expandedTo: made.map((m) => m.logicalId), notModelled });
  }
  // The implicit APIs are located at the first function whose events made them.
  for (const [api, from] of [
    ["ServerlessRestApi", apis.rest],
    ["ServerlessHttpApi", apis.http],
  ] as const) {
    if (from === undefined) continue;
    const made = implicitApiResources({ [api === "ServerlessRestApi" ? "rest" : "http"]: from, stages });
    add(made, from, undefined);
    generated.set(api, made);
    const user = expansions.findIndex((expansion) => expansion.logicalId === from);
    expansions[user] = {
      ...expansions[user],
      expandedTo: [...expansions[user].expandedTo, ...made.map((m) => m.logicalId)],
    };
  }
  const names = referenceable(generated);
  const { Globals: _globals, ...rest } = body;
  const expanded = rewriteReferences({ ...rest, Resources: output }, names) as Record<string, unknown>;
  return { parsed: { ...parsed, body: expanded, positions }, expansions };
};
