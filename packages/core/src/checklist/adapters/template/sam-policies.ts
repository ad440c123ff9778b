// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings use ${} on purpose
import { isRecord } from "../../model/value";

/**
 * SAM policy templates (`Policies: [SQSPollerPolicy: {QueueName: …}]`) as the statements SAM
 * writes for them (aws/serverless-application-model, policy_templates.json). `{name}` in a
 * resource is the template parameter of that name; the ARNs are Fn::Sub strings, as SAM writes them.
 */
const TEMPLATES: Record<string, { readonly actions: readonly string[]; readonly resources: readonly string[] }> = {
  SQSPollerPolicy: {
    actions: [
      "sqs:ChangeMessageVisibility",
      "sqs:ChangeMessageVisibilityBatch",
      "sqs:DeleteMessage",
      "sqs:DeleteMessageBatch",
      "sqs:GetQueueAttributes",
      "sqs:ReceiveMessage",
    ],
    resources: ["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:{QueueName}"],
  },
  SQSSendMessagePolicy: {
    actions: ["sqs:SendMessage*"],
    resources: ["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:{QueueName}"],
  },
  SNSPublishMessagePolicy: {
    actions: ["sns:Publish"],
    resources: ["arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:{TopicName}"],
  },
  DynamoDBCrudPolicy: {
    actions: [
      "dynamodb:GetItem",
      "dynamodb:DeleteItem",
      "dynamodb:PutItem",
      "dynamodb:Scan",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:BatchGetItem",
      "dynamodb:DescribeTable",
      "dynamodb:ConditionCheckItem",
    ],
    resources: [
      "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/{TableName}",
      "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/{TableName}/index/*",
    ],
  },
  DynamoDBReadPolicy: {
    actions: ["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"],
    resources: [
      "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/{TableName}",
      "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/{TableName}/index/*",
    ],
  },
  DynamoDBWritePolicy: {
    actions: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"],
    resources: [
      "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/{TableName}",
      "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/{TableName}/index/*",
    ],
  },
  S3ReadPolicy: {
    actions: [
      "s3:GetObject",
      "s3:ListBucket",
      "s3:GetBucketLocation",
      "s3:GetObjectVersion",
      "s3:GetLifecycleConfiguration",
    ],
    resources: ["arn:${AWS::Partition}:s3:::{BucketName}", "arn:${AWS::Partition}:s3:::{BucketName}/*"],
  },
  S3CrudPolicy: {
    actions: [
      "s3:GetObject",
      "s3:ListBucket",
      "s3:GetBucketLocation",
      "s3:GetObjectVersion",
      "s3:PutObject",
      "s3:PutObjectAcl",
      "s3:GetLifecycleConfiguration",
      "s3:PutLifecycleConfiguration",
      "s3:DeleteObject",
    ],
    resources: ["arn:${AWS::Partition}:s3:::{BucketName}", "arn:${AWS::Partition}:s3:::{BucketName}/*"],
  },
  LambdaInvokePolicy: {
    actions: ["lambda:InvokeFunction"],
    resources: ["arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:{FunctionName}*"],
  },
  SSMParameterReadPolicy: {
    actions: ["ssm:DescribeParameters", "ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"],
    resources: ["arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/{ParameterName}"],
  },
  AWSSecretsManagerGetSecretValuePolicy: {
    actions: ["secretsmanager:GetSecretValue"],
    resources: ["{SecretArn}"],
  },
  KMSDecryptPolicy: {
    actions: ["kms:Decrypt"],
    resources: ["arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/{KeyId}"],
  },
  EventBridgePutEventsPolicy: {
    actions: ["events:PutEvents"],
    resources: ["arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/{EventBusName}"],
  },
  StepFunctionsExecutionPolicy: {
    actions: ["states:StartExecution"],
    resources: ["arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:{StateMachineName}"],
  },
  CloudWatchPutMetricPolicy: { actions: ["cloudwatch:PutMetricData"], resources: ["*"] },
  VPCAccessPolicy: {
    actions: [
      "ec2:CreateNetworkInterface",
      "ec2:DeleteNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DetachNetworkInterface",
    ],
    resources: ["*"],
  },
};

/** "arn:…:{QueueName}" with the template's parameters → an Fn::Sub that CloudFormation (and the evaluator) resolves. */
const resourceOf = (pattern: string, parameters: Record<string, unknown>): unknown => {
  if (pattern === "*") return "*";
  const variables: Record<string, unknown> = {};
  const text = pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
    const variable = `sam${name}`;
    variables[variable] = parameters[name] ?? "";
    return `\${${variable}}`;
  });
  return Object.keys(variables).length === 0 ? { "Fn::Sub": text } : { "Fn::Sub": [text, variables] };
};

/**
 * The policy document of one SAM policy template. A template this adapter does not know is an
 * intrinsic that evaluates to unknown: its permissions are decided by SAM at deploy time.
 */
export const policyTemplateDocument = (name: string, parameters: unknown): Record<string, unknown> => {
  const template = TEMPLATES[name];
  if (!template) return { "Fn::Transform": { Name: `the SAM policy template ${name}` } };
  const given = isRecord(parameters) ? parameters : {};
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: [...template.actions],
        Resource: template.resources.map((pattern) => resourceOf(pattern, given)),
      },
    ],
  };
};
