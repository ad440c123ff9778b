import { randomUUID } from "node:crypto";
import type { Context, SQSEvent } from "aws-lambda";

/**
 * An ECS "Deployment State Change" event as EventBridge delivers it. ECS names each deployment
 * (`ecs-svc/<19 digits>`); moto keeps one deployment per service whatever UpdateService does, so
 * the demo mints a fresh id per deployment, as ECS would.
 */
export const deploymentEvent = (options: {
  serviceArn: string;
  deploymentId: string;
  eventName: "SERVICE_DEPLOYMENT_COMPLETED" | "SERVICE_DEPLOYMENT_IN_PROGRESS" | "SERVICE_DEPLOYMENT_FAILED";
  at: Date;
}) => {
  const [, , , region, account] = options.serviceArn.split(":");
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "ECS Deployment State Change",
    source: "aws.ecs",
    account,
    time: options.at.toISOString(),
    region,
    resources: [options.serviceArn],
    detail: {
      eventType: "INFO",
      eventName: options.eventName,
      deploymentId: options.deploymentId,
      updatedAt: options.at.toISOString(),
      reason: `ECS deployment ${options.deploymentId} completed.`,
    },
  };
};

export const mintDeploymentId = (): string =>
  `ecs-svc/${Array.from({ length: 19 }, (_, i) => (i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10))).join("")}`;

/** The SQS batch the gate's queue would hand the function: one record per delivery. */
export const sqsDelivery = (body: unknown, queueArn: string): SQSEvent => {
  const now = Date.now();
  return {
    Records: [
      {
        messageId: randomUUID(),
        receiptHandle: randomUUID(),
        body: JSON.stringify(body),
        attributes: {
          ApproximateReceiveCount: "1",
          SentTimestamp: String(now),
          SenderId: "events.amazonaws.com",
          ApproximateFirstReceiveTimestamp: String(now),
        },
        messageAttributes: {},
        md5OfBody: "",
        eventSource: "aws:sqs",
        eventSourceARN: queueArn,
        awsRegion: queueArn.split(":")[3] ?? "us-east-1",
      },
    ],
  };
};

/** A Lambda context for invoking a handler in this process (Powertools reads the remaining time from it). */
export const localLambdaContext = (functionName: string, timeoutMs = 60_000): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};
