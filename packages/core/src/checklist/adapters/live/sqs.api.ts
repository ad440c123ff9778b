import type { Api } from "./run";

export const SQS_QUEUE = "AWS::SQS::Queue";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  listQueues: { action: "sqs:ListQueues", types: [SQS_QUEUE] },
  getQueueAttributes: { action: "sqs:GetQueueAttributes", types: [SQS_QUEUE] },
} satisfies Record<string, Api>;
