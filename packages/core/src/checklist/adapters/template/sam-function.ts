// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings use ${} on purpose
import { isRecord } from "../../model/value";
import { policyTemplateDocument } from "./sam-policies";

/** A CloudFormation resource SAM generates, before intrinsics are evaluated. */
export interface Generated {
  readonly logicalId: string;
  readonly resource: Record<string, unknown>;
}

/** The implicit APIs functions' events use: the first function that uses each (where it is reported). */
export interface ImplicitApis {
  rest?: string;
  http?: string;
  /** Stage names of the template's AWS::Serverless::Api resources: SAM names an Api event's permission after it. */
  readonly stages: ReadonlyMap<string, string>;
}

const managed = (name: string) => ({ "Fn::Sub": `arn:\${AWS::Partition}:iam::aws:policy/${name}` });

const BASIC_EXECUTION = "service-role/AWSLambdaBasicExecutionRole";
/** The managed policy SAM adds to a function's role for each poll-based event source. */
const POLLER_POLICY: Record<string, string> = {
  SQS: "service-role/AWSLambdaSQSQueueExecutionRole",
  Kinesis: "service-role/AWSLambdaKinesisExecutionRole",
  DynamoDB: "service-role/AWSLambdaDynamoDBExecutionRole",
  MSK: "service-role/AWSLambdaMSKExecutionRole",
};

/** Properties of AWS::Serverless::Function that AWS::Lambda::Function takes as they are. */
const PASSED_THROUGH = [
  "Architectures",
  "CodeSigningConfigArn",
  "Description",
  "Environment",
  "EphemeralStorage",
  "FileSystemConfigs",
  "FunctionName",
  "Handler",
  "ImageConfig",
  "KmsKeyArn",
  "Layers",
  "LoggingConfig",
  "MemorySize",
  "PackageType",
  "RecursiveLoop",
  "ReservedConcurrentExecutions",
  "Runtime",
  "RuntimeManagementConfig",
  "SnapStart",
  "Timeout",
  "VpcConfig",
] as const;

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** SAM's `Tags` map as CloudFormation's tag list, with the tag SAM adds. */
const tagList = (tags: unknown): unknown[] => [
  { Key: "lambda:createdBy", Value: "SAM" },
  ...(isRecord(tags) ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) : []),
];

/** CodeUri ("s3://bucket/key", {Bucket, Key, Version}, or a local path sam will upload), InlineCode or ImageUri. */
const codeOf = (properties: Record<string, unknown>): Record<string, unknown> | undefined => {
  if (properties.InlineCode !== undefined) return { ZipFile: properties.InlineCode };
  if (properties.ImageUri !== undefined) return { ImageUri: properties.ImageUri };
  const uri = properties.CodeUri;
  if (isRecord(uri) && "Bucket" in uri)
    return { S3Bucket: uri.Bucket, S3Key: uri.Key, ...(uri.Version ? { S3ObjectVersion: uri.Version } : {}) };
  if (typeof uri === "string" && uri.startsWith("s3://")) {
    const [bucket, ...key] = uri.slice(5).split("/");
    return { S3Bucket: bucket, S3Key: key.join("/") };
  }
  return undefined;
};

/** The function's `Policies`: managed policy names or ARNs, inline documents, and SAM policy templates. */
const rolePolicies = (functionId: string, policies: unknown) => {
  const managedArns: unknown[] = [];
  const inline: Record<string, unknown>[] = [];
  listOf(policies).forEach((policy, i) => {
    if (typeof policy === "string") managedArns.push(policy.startsWith("arn:") ? policy : managed(policy));
    else if (isRecord(policy) && ("Statement" in policy || "Version" in policy))
      inline.push({ PolicyName: `${functionId}RolePolicy${i}`, PolicyDocument: policy });
    else if (
      isRecord(policy) &&
      Object.keys(policy).length === 1 &&
      !Object.keys(policy)[0].includes("::") &&
      Object.keys(policy)[0] !== "Ref"
    ) {
      const [name] = Object.keys(policy);
      inline.push({
        PolicyName: `${functionId}RolePolicy${i}`,
        PolicyDocument: policyTemplateDocument(name, policy[name]),
      });
    } else managedArns.push(policy); // an intrinsic: a managed policy ARN
  });
  return { managedArns, inline };
};

const permission = (functionId: string, principal: string, sourceArn?: unknown): Record<string, unknown> => ({
  Type: "AWS::Lambda::Permission",
  Properties: {
    Action: "lambda:InvokeFunction",
    FunctionName: { Ref: functionId },
    Principal: principal,
    ...(sourceArn === undefined ? {} : { SourceArn: sourceArn }),
  },
});

/** Copies the keys that are set. */
const pick = (from: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> => {
  const picked: Record<string, unknown> = {};
  for (const key of keys) if (from[key] !== undefined) picked[key] = from[key];
  return picked;
};

/** SAM's {Type: SQS, Destination: arn} destinations → CloudFormation's {Destination: arn}. */
const destinationConfig = (config: unknown): Record<string, unknown> | undefined => {
  if (!isRecord(config)) return undefined;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config))
    result[key] = isRecord(value) && "Destination" in value ? { Destination: value.Destination } : value;
  return result;
};

const POLLED_PROPERTIES = [
  "BatchSize",
  "BisectBatchOnFunctionError",
  "Enabled",
  "FilterCriteria",
  "FunctionResponseTypes",
  "MaximumBatchingWindowInSeconds",
  "MaximumRecordAgeInSeconds",
  "MaximumRetryAttempts",
  "ParallelizationFactor",
  "ScalingConfig",
  "StartingPosition",
  "StartingPositionTimestamp",
  "TumblingWindowInSeconds",
  "Topics",
  "Queues",
  "SourceAccessConfigurations",
  "KmsKeyArn",
  "MetricsConfig",
] as const;

/**
 * What one event source of a function becomes (SAM's "generated resources" reference): poll-based
 * sources an event source mapping (an SQS event on a dead-letter queue is that queue's consumer),
 * Api and HttpApi a permission on the implicit or named API, Schedule and EventBridge rules a
 * rule targeting the function, SNS a subscription. Undefined for a type this adapter does not model.
 */
const eventResources = (
  functionId: string,
  eventId: string,
  event: Record<string, unknown>,
  apis: ImplicitApis,
): Generated[] | undefined => {
  const type = String(event.Type);
  const properties = isRecord(event.Properties) ? event.Properties : {};
  const id = `${functionId}${eventId}`;
  const functionArn = { "Fn::GetAtt": [functionId, "Arn"] };
  const source: Record<string, unknown> = {
    SQS: properties.Queue,
    Kinesis: properties.Stream,
    DynamoDB: properties.Stream,
    MSK: properties.Stream,
    MQ: properties.Broker,
    DocumentDB: properties.Cluster,
  };
  if (type in source) {
    const mapping = {
      Type: "AWS::Lambda::EventSourceMapping",
      Properties: {
        EventSourceArn: source[type],
        FunctionName: { Ref: functionId },
        ...pick(properties, POLLED_PROPERTIES),
        ...(properties.DestinationConfig ? { DestinationConfig: destinationConfig(properties.DestinationConfig) } : {}),
      },
    };
    return [{ logicalId: id, resource: mapping }];
  }
  if (type === "Api") {
    const api = properties.RestApiId ?? { Ref: "ServerlessRestApi" };
    if (properties.RestApiId === undefined) apis.rest ??= functionId;
    const named = isRecord(properties.RestApiId) ? apis.stages.get(String(properties.RestApiId.Ref)) : undefined;
    const arn = { "Fn::Sub": ["arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${api}/*", { api }] };
    return [
      {
        logicalId: `${id}Permission${named ?? "Prod"}`,
        resource: permission(functionId, "apigateway.amazonaws.com", arn),
      },
    ];
  }
  if (type === "HttpApi") {
    const api = properties.ApiId ?? { Ref: "ServerlessHttpApi" };
    if (properties.ApiId === undefined) apis.http ??= functionId;
    const arn = { "Fn::Sub": ["arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${api}/*", { api }] };
    return [{ logicalId: `${id}Permission`, resource: permission(functionId, "apigateway.amazonaws.com", arn) }];
  }
  if (type === "Schedule" || type === "CloudWatchEvent" || type === "EventBridgeRule") {
    const enabled = properties.Enabled === false || properties.State === "DISABLED" ? "DISABLED" : "ENABLED";
    const target = {
      Arn: functionArn,
      Id: `${id}LambdaTarget`,
      ...pick(properties, ["Input", "InputPath", "RetryPolicy"]),
      ...(isRecord(properties.DeadLetterConfig) && properties.DeadLetterConfig.Arn !== undefined
        ? { DeadLetterConfig: { Arn: properties.DeadLetterConfig.Arn } }
        : {}),
    };
    const rule = {
      Type: "AWS::Events::Rule",
      Properties: {
        ...(type === "Schedule" ? { ScheduleExpression: properties.Schedule } : { EventPattern: properties.Pattern }),
        ...pick(properties, ["Description", "Name", "EventBusName"]),
        State: enabled,
        Targets: [target],
      },
    };
    return [
      { logicalId: id, resource: rule },
      {
        logicalId: `${id}Permission`,
        resource: permission(functionId, "events.amazonaws.com", { "Fn::GetAtt": [id, "Arn"] }),
      },
    ];
  }
  if (type === "SNS") {
    const subscription = {
      Type: "AWS::SNS::Subscription",
      Properties: {
        Endpoint: functionArn,
        Protocol: "lambda",
        TopicArn: properties.Topic,
        ...pick(properties, ["FilterPolicy", "FilterPolicyScope", "Region", "RedrivePolicy"]),
      },
    };
    return [
      { logicalId: id, resource: subscription },
      { logicalId: `${id}Permission`, resource: permission(functionId, "sns.amazonaws.com", properties.Topic) },
    ];
  }
  if (type === "S3") return [{ logicalId: `${id}Permission`, resource: permission(functionId, "s3.amazonaws.com") }];
  return undefined;
};

export interface ExpandedFunction {
  readonly resources: Generated[];
  /** Event sources this adapter does not model ("Events.Thumbnails (IoTRule)"). */
  readonly notModelled: string[];
}

/**
 * AWS::Serverless::Function as SAM transforms it: the AWS::Lambda::Function under the same
 * logical id, its execution role `<Function>Role` (unless Role is given) with the managed and
 * inline policies SAM attaches, an EventInvokeConfig, a function URL, an alias and version for
 * AutoPublishAlias, and the resources of each event source. `properties` has Globals merged in.
 */
export const expandFunction = (
  functionId: string,
  resource: Record<string, unknown>,
  properties: Record<string, unknown>,
  apis: ImplicitApis,
): ExpandedFunction => {
  const resources: Generated[] = [];
  const notModelled: string[] = [];
  const events = isRecord(properties.Events) ? properties.Events : {};
  const roleId = `${functionId}Role`;
  const lambda: Record<string, unknown> = {
    ...pick(properties, PASSED_THROUGH),
    Role: properties.Role ?? { "Fn::GetAtt": [roleId, "Arn"] },
    Tags: tagList(properties.Tags),
  };
  const code = codeOf(properties);
  if (code) lambda.Code = code;
  if (properties.Tracing !== undefined) lambda.TracingConfig = { Mode: properties.Tracing };
  const deadLetter = isRecord(properties.DeadLetterQueue) ? properties.DeadLetterQueue : undefined;
  if (deadLetter) lambda.DeadLetterConfig = { TargetArn: deadLetter.TargetArn };
  resources.push({
    logicalId: functionId,
    resource: { ...resource, Type: "AWS::Lambda::Function", Properties: lambda },
  });

  for (const [eventId, event] of Object.entries(events)) {
    const made = isRecord(event) ? eventResources(functionId, eventId, event, apis) : undefined;
    if (made) resources.push(...made);
    else notModelled.push(`Events.${eventId} (${isRecord(event) ? String(event.Type) : "not a map"})`);
  }

  if (properties.Role === undefined) {
    const { managedArns, inline } = rolePolicies(functionId, properties.Policies);
    const eventTypes = Object.values(events).map((event) => (isRecord(event) ? String(event.Type) : ""));
    const managedNames = [
      BASIC_EXECUTION,
      ...(properties.Tracing === "Active" ? ["AWSXrayWriteOnlyAccess"] : []),
      ...(properties.VpcConfig !== undefined ? ["service-role/AWSLambdaVPCAccessExecutionRole"] : []),
      ...[...new Set(eventTypes)].flatMap((type) => (POLLER_POLICY[type] ? [POLLER_POLICY[type]] : [])),
    ];
    if (deadLetter) {
      const action = deadLetter.Type === "SNS" ? "sns:Publish" : "sqs:SendMessage";
      inline.push({
        PolicyName: `${functionId}RoleDeadLetterQueuePolicy`,
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: action, Resource: deadLetter.TargetArn }],
        },
      });
    }
    resources.push({
      logicalId: roleId,
      resource: {
        Type: "AWS::IAM::Role",
        Properties: {
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              { Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com"] }, Action: ["sts:AssumeRole"] },
            ],
          },
          ManagedPolicyArns: [...managedNames.map(managed), ...managedArns],
          ...(inline.length > 0 ? { Policies: inline } : {}),
          ...pick(properties, ["PermissionsBoundary"]),
          ...(properties.RolePath !== undefined ? { Path: properties.RolePath } : {}),
          Tags: tagList(properties.Tags),
        },
      },
    });
  }

  if (isRecord(properties.EventInvokeConfig)) {
    const config = properties.EventInvokeConfig;
    resources.push({
      logicalId: `${functionId}EventInvokeConfig`,
      resource: {
        Type: "AWS::Lambda::EventInvokeConfig",
        Properties: {
          FunctionName: { Ref: functionId },
          Qualifier: properties.AutoPublishAlias ?? "$LATEST",
          ...pick(config, ["MaximumEventAgeInSeconds", "MaximumRetryAttempts"]),
          ...(config.DestinationConfig ? { DestinationConfig: destinationConfig(config.DestinationConfig) } : {}),
        },
      },
    });
  }
  if (isRecord(properties.FunctionUrlConfig))
    resources.push({
      logicalId: `${functionId}Url`,
      resource: {
        Type: "AWS::Lambda::Url",
        Properties: { TargetFunctionArn: { Ref: functionId }, ...properties.FunctionUrlConfig },
      },
    });
  if (typeof properties.AutoPublishAlias === "string") {
    const versionId = `${functionId}Version`;
    resources.push(
      {
        logicalId: versionId,
        resource: { Type: "AWS::Lambda::Version", Properties: { FunctionName: { Ref: functionId } } },
      },
      {
        logicalId: `${functionId}Alias${properties.AutoPublishAlias}`,
        resource: {
          Type: "AWS::Lambda::Alias",
          Properties: {
            Name: properties.AutoPublishAlias,
            FunctionName: { Ref: functionId },
            FunctionVersion: { "Fn::GetAtt": [versionId, "Version"] },
          },
        },
      },
    );
  }
  return { resources, notModelled };
};
