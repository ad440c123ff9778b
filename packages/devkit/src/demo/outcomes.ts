import { type EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { OUTCOME_SOURCE } from "@readiness/core/gate/gate/outcome";
import { DemoError } from "./errors";

export const OUTCOME_QUEUE = "readiness-demo-outcomes";
export const OUTCOME_RULE = "readiness-demo-outcomes";

/** An outcome event as it arrived in the queue (EventBridge's envelope around the gate's detail). */
export interface ReceivedOutcome {
  readonly source: string;
  readonly "detail-type": string;
  readonly detail: {
    readonly verdict?: string;
    readonly reason?: string;
    readonly revision?: string;
    readonly rollbackTo?: string;
    readonly rolledBack?: boolean;
    readonly alert?: string;
  } & Record<string, unknown>;
}

/**
 * Routes the gate's outcome events to a queue the demo can read, the way a team would subscribe
 * to them: an EventBridge rule on the default bus matching source `readiness`, targeting SQS.
 */
export const routeOutcomesToQueue = async (events: EventBridgeClient, sqs: SQSClient): Promise<string> => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: OUTCOME_QUEUE }));
  if (!QueueUrl) throw new DemoError(`CreateQueue ${OUTCOME_QUEUE} returned no URL`);
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  const arn = attributes.Attributes?.QueueArn;
  if (!arn) throw new DemoError(`queue ${OUTCOME_QUEUE} has no ARN`);
  await events.send(
    new PutRuleCommand({
      Name: OUTCOME_RULE,
      EventBusName: "default",
      EventPattern: JSON.stringify({ source: [OUTCOME_SOURCE] }),
    }),
  );
  await events.send(
    new PutTargetsCommand({ Rule: OUTCOME_RULE, EventBusName: "default", Targets: [{ Id: "demo-queue", Arn: arn }] }),
  );
  return QueueUrl;
};

/** Takes the next outcome event off the queue (long poll up to `waitSeconds`); undefined when none came. */
export const takeOutcome = async (
  sqs: SQSClient,
  queueUrl: string,
  waitSeconds: number,
): Promise<ReceivedOutcome | undefined> => {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: waitSeconds }),
  );
  const message = Messages?.[0];
  if (!message?.Body) return undefined;
  await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  try {
    return JSON.parse(message.Body) as ReceivedOutcome;
  } catch {
    throw new DemoError(`the outcome queue held a message that is not JSON: ${message.Body.slice(0, 120)}`);
  }
};
