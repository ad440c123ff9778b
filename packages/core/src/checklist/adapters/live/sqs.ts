import { GetQueueAttributesCommand, paginateListQueues } from "@aws-sdk/client-sqs";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { aliasesOf, defined } from "./shape";
import { SQS_QUEUE, api } from "./sqs.api";

export { SQS_QUEUE } from "./sqs.api";

/** Every queue with its attributes; aliases are its URL, ARN and name, as templates and code refer to it. */
export async function collectQueues(clients: LiveClients, run: LiveRun): Promise<void> {
  // Without MaxResults, ListQueues returns at most 1,000 queues and no NextToken.
  const urls = await run.readAll(
    api.listQueues,
    paginateListQueues({ client: clients.sqs, pageSize: 1000 }, {}),
    (p) => p.QueueUrls,
  );
  if (!urls.ok) return;
  await run.forEach("sqs queues", urls.value, async (url) => {
    const read = await run.read(api.getQueueAttributes, () =>
      clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] })),
    );
    if (read.ok) run.add(queueResource(url, read.value.Attributes ?? {}));
  });
}

export const queueResource = (url: string, attributes: Record<string, string>): Resource => {
  const name = url.slice(url.lastIndexOf("/") + 1);
  const arn = attributes.QueueArn;
  return {
    id: arn ?? url,
    type: SQS_QUEUE,
    aliases: aliasesOf(url, arn, name, ...(arn ? queueUrlForms(arn) : [])),
    properties: defined({
      QueueName: name,
      // SQS reports FifoQueue only for FIFO queues.
      FifoQueue: attributes.FifoQueue === "true",
      ContentBasedDeduplication: booleanAttribute(attributes.ContentBasedDeduplication),
      MessageRetentionPeriod: numberAttribute(attributes.MessageRetentionPeriod),
      VisibilityTimeout: numberAttribute(attributes.VisibilityTimeout),
      DelaySeconds: numberAttribute(attributes.DelaySeconds),
      MaximumMessageSize: numberAttribute(attributes.MaximumMessageSize),
      ReceiveMessageWaitTimeSeconds: numberAttribute(attributes.ReceiveMessageWaitTimeSeconds),
      RedrivePolicy: jsonAttribute(attributes.RedrivePolicy, "RedrivePolicy"),
      RedriveAllowPolicy: jsonAttribute(attributes.RedriveAllowPolicy, "RedriveAllowPolicy"),
      KmsMasterKeyId: attributes.KmsMasterKeyId,
      KmsDataKeyReusePeriodSeconds: numberAttribute(attributes.KmsDataKeyReusePeriodSeconds),
      SqsManagedSseEnabled: booleanAttribute(attributes.SqsManagedSseEnabled),
    }),
    observed: defined({ approximateNumberOfMessages: numberAttribute(attributes.ApproximateNumberOfMessages) }),
  };
};

/**
 * The URLs SQS answers to for the queue an ARN names. A reference (a task definition's QUEUE_URL,
 * CloudFormation's Ref) may use any of them, and an endpoint's ListQueues may answer with another
 * host (moto gives its own address, CloudFormation's Ref on moto gives sqs.<region>.amazonaws.com):
 * without these aliases such references dangle and the queue falls out of the services' scope.
 */
export const queueUrlForms = (arn: string): string[] => {
  const [, partition, , region, account, name] = arn.split(":");
  if (!partition || !region || !account || !name) return [];
  const domain = partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  const path = `${account}/${name}`;
  const forms = [`https://sqs.${region}.${domain}/${path}`, `https://${region}.queue.${domain}/${path}`];
  // The legacy global endpoint only ever served us-east-1.
  if (partition === "aws" && region === "us-east-1") forms.push(`https://queue.amazonaws.com/${path}`);
  return forms;
};

const numberAttribute = (value: string | undefined): number | undefined =>
  value === undefined || value === "" ? undefined : Number(value);

const booleanAttribute = (value: string | undefined): boolean | undefined =>
  value === undefined ? undefined : value === "true";

/** SQS gives policies as JSON strings; CloudFormation writes them as objects (maxReceiveCount as a number). */
const jsonAttribute = (value: string | undefined, name: string): unknown => {
  if (value === undefined || value === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null) return unknownValue(`${name} is not a JSON object`);
    const policy = { ...(parsed as Record<string, unknown>) };
    if (typeof policy.maxReceiveCount === "string" && policy.maxReceiveCount.trim() !== "")
      policy.maxReceiveCount = Number(policy.maxReceiveCount);
    return policy;
  } catch {
    return unknownValue(`${name} is not valid JSON`);
  }
};
