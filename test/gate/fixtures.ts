import { randomUUID } from "node:crypto";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

export const serviceArnOf = (cluster: string, service: string): string =>
  `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${cluster}/${service}`;

/** An EventBridge `ECS Deployment State Change` event as ECS sends it. */
export const deploymentEvent = (options: {
  cluster: string;
  service: string;
  eventName?: "SERVICE_DEPLOYMENT_IN_PROGRESS" | "SERVICE_DEPLOYMENT_COMPLETED" | "SERVICE_DEPLOYMENT_FAILED";
  deploymentId?: string;
  reason?: string;
}): Record<string, unknown> => {
  const eventName = options.eventName ?? "SERVICE_DEPLOYMENT_COMPLETED";
  const deploymentId = options.deploymentId ?? `ecs-svc/${Math.floor(Math.random() * 1e15)}`;
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "ECS Deployment State Change",
    source: "aws.ecs",
    account: ACCOUNT,
    time: new Date().toISOString(),
    region: REGION,
    resources: [serviceArnOf(options.cluster, options.service)],
    detail: {
      eventType: eventName === "SERVICE_DEPLOYMENT_FAILED" ? "ERROR" : "INFO",
      eventName,
      deploymentId,
      updatedAt: new Date().toISOString(),
      reason:
        options.reason ??
        `ECS deployment ${deploymentId} ${eventName === "SERVICE_DEPLOYMENT_COMPLETED" ? "completed" : "in progress"}.`,
    },
  };
};

/** An SQS record as Lambda's SQS event source delivers it. */
export const sqsRecord = (
  body: string,
  options: { messageId?: string; receiveCount?: number; queueArn?: string } = {},
): SQSRecord => ({
  messageId: options.messageId ?? randomUUID(),
  receiptHandle: randomUUID(),
  body,
  attributes: {
    ApproximateReceiveCount: String(options.receiveCount ?? 1),
    SentTimestamp: String(Date.now()),
    SenderId: "events.amazonaws.com",
    ApproximateFirstReceiveTimestamp: String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: "",
  eventSource: "aws:sqs",
  eventSourceARN: options.queueArn ?? `arn:aws:sqs:${REGION}:${ACCOUNT}:readiness-gate`,
  awsRegion: REGION,
});

export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

/** A Lambda context with plenty of time left (Powertools idempotency reads the remaining time). */
export const lambdaContext = (functionName = "readiness-deployment-gate"): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: "$LATEST",
  invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
  memoryLimitInMB: "512",
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: "test",
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** The payload ECS sends a lifecycle hook function. */
export const hookPayload = (options: {
  cluster: string;
  service: string;
  stage?: string;
  executionId?: string;
  revisionId?: string;
  hookDetails?: Record<string, unknown>;
}): Record<string, unknown> => {
  const revision = `arn:aws:ecs:${REGION}:${ACCOUNT}:service-revision/${options.cluster}/${options.service}/${options.revisionId ?? "1485800978477494678"}`;
  return {
    executionId: options.executionId ?? randomUUID(),
    lifecycleStage: options.stage ?? "POST_TEST_TRAFFIC_SHIFT",
    resourceArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:service-deployment/${options.cluster}/${options.service}/ejGvqq2ilnbKT9qj0vLJe`,
    executionDetails: {
      serviceArn: serviceArnOf(options.cluster, options.service),
      targetServiceRevisionArn: revision,
      testTrafficWeights: { [revision]: 100 },
      productionTrafficWeights: {},
    },
    ...(options.hookDetails ? { hookDetails: options.hookDetails } : {}),
  };
};
