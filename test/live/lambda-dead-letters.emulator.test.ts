/**
 * Lambda functions, their invoke configs, EventBridge rules and SNS subscriptions read live from
 * the emulator, and judged by log-retention and dlq-coverage as a template would be judged.
 * moto's ListFunctions leaves out DeadLetterConfig and LoggingConfig (its FunctionConfiguration has
 * neither), and its invoke configs cannot be parsed: those are covered in the API's shapes by
 * packages/core/src/checklist/adapters/live/lambda.contract.test.ts. The log groups here are Lambda's
 * default ones, which the rules derive when LoggingConfig is absent.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  LambdaClient,
  PutFunctionEventInvokeConfigCommand,
} from "@aws-sdk/client-lambda";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { collectLiveInventory, createLiveClients, destroyLiveClients } from "@readiness/core/checklist/adapters/live/index";
import { checkLive } from "@readiness/core/checklist/check/check-live";
import { DEFAULT_CONFIG } from "@readiness/core/checklist/config/schema";
import type { ItemResult } from "@readiness/core/checklist/engine/engine";
import { beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";

const moto = useEmulator();
const REGION = "us-east-1";
let items: Map<string, ItemResult>;
let unreadable: ReadonlyMap<string, string>;

/** A zip archive with one empty entry: moto stores the code, it never runs it here. */
const EMPTY_ZIP = Buffer.from("UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==", "base64");

const queueArn = async (sqs: SQSClient, name: string): Promise<string> => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return Attributes!.QueueArn!;
};

beforeAll(async () => {
  const config = moto.clientConfig(REGION);
  const sqs = new SQSClient(config);
  const lambda = new LambdaClient(config);
  const iam = new IAMClient(config);
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: "fn",
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    }),
  );
  const fn = (name: string) =>
    lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: "nodejs22.x",
        Role: role.Role!.Arn!,
        Handler: "index.handler",
        Code: { ZipFile: EMPTY_ZIP },
      }),
    );
  const onFailure = await queueArn(sqs, "evaluator-failures");
  const undeliveredEvents = await queueArn(sqs, "undelivered-events");
  const undeliveredNotifications = await queueArn(sqs, "undelivered-notifications");
  const evaluator = await fn("evaluator");
  await fn("processor");
  await lambda.send(
    new PutFunctionEventInvokeConfigCommand({
      FunctionName: "evaluator",
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: onFailure } },
    }),
  );
  for (const source of [onFailure, undeliveredEvents])
    await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: "processor", EventSourceArn: source }));
  const events = new EventBridgeClient(config);
  await events.send(new PutRuleCommand({ Name: "deployments", EventPattern: JSON.stringify({ source: ["aws.ecs"] }) }));
  await events.send(
    new PutTargetsCommand({
      Rule: "deployments",
      Targets: [{ Id: "evaluator", Arn: evaluator.FunctionArn!, DeadLetterConfig: { Arn: undeliveredEvents } }],
    }),
  );
  const sns = new SNSClient(config);
  const topic = await sns.send(new CreateTopicCommand({ Name: "alerts" }));
  await sns.send(
    new SubscribeCommand({
      TopicArn: topic.TopicArn,
      Protocol: "lambda",
      Endpoint: evaluator.FunctionArn,
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: undeliveredNotifications }) },
    }),
  );
  const logs = new CloudWatchLogsClient(config);
  await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/lambda/evaluator" }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/aws/lambda/evaluator", retentionInDays: 30 }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/lambda/processor" }));

  const outcome = await checkLive({
    config: DEFAULT_CONFIG,
    endpoint: moto.emulator.endpoint,
    region: REGION,
    only: ["dlq-coverage", "log-retention"],
  });
  items = new Map(outcome.report.items.map((item) => [item.id, item]));
  const clients = createLiveClients({ endpoint: moto.emulator.endpoint, region: REGION });
  unreadable = (
    await collectLiveInventory(clients, { types: ["AWS::Lambda::EventInvokeConfig"] }).finally(() =>
      destroyLiveClients(clients),
    )
  ).unreadableTypes;
});

const findingsOf = (id: string): Record<string, [string, string]> =>
  Object.fromEntries(items.get(id)!.findings.map((f) => [f.resource.split(":").pop()!, [f.status, f.reason]]));

describe("live: queues other services dead-letter into (moto)", () => {
  it("Compliance: an EventBridge target's DLQ is a DLQ with its consumer; an SNS subscription's redrive target is a DLQ", () => {
    const findings = findingsOf("dlq-coverage");
    expect(findings["undelivered-events"]).toEqual([
      "pass",
      expect.stringMatching(/^DLQ undelivered-events is consumed by event source mapping /),
    ]);
    expect(findings["undelivered-notifications"]).toEqual([
      "fail",
      "DLQ undelivered-notifications has no consumer (no event source mapping or DLQ processor)",
    ]);
  });

  it("Unknown: moto's invoke configs cannot be parsed (LastModified as a date string): they are unreadable, and the on-failure queue does not pass", () => {
    // lambda.contract.test.ts covers the API's real answer with the same collector.
    expect(unreadable.get("AWS::Lambda::EventInvokeConfig")).toMatch(/lambda:ListFunctionEventInvokeConfigs/);
    expect(findingsOf("dlq-coverage")["evaluator-failures"]?.[0]).not.toBe("pass");
    expect(items.get("dlq-coverage")!.status).not.toBe("pass");
  });
});

describe("live: Lambda functions' log groups (moto)", () => {
  it("Compliance and Noncompliance: each function's /aws/lambda/<name> group is judged once, on its own", () => {
    // Both groups exist live: the log-group rule judges them, the function rule defers to it.
    expect(findingsOf("log-retention")).toEqual({
      "/aws/lambda/evaluator": ["pass", "log group /aws/lambda/evaluator keeps logs 30 days"],
      "/aws/lambda/processor": ["fail", "log group /aws/lambda/processor never expires (no RetentionInDays)"],
    });
  });
});
