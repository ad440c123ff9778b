import { isRecord } from "../../../model/value";
import type { ItemMapper } from "../support";
import { booleanish, configurationOf, identity, numeric, text } from "../support";

const NUMERIC = [
  "DelaySeconds",
  "KmsDataKeyReusePeriodSeconds",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "ReceiveMessageWaitTimeSeconds",
  "VisibilityTimeout",
];
const BOOLEAN = ["FifoQueue", "ContentBasedDeduplication", "SqsManagedSseEnabled"];
/** JSON-string attributes that CloudFormation models as objects. */
const JSON_OBJECTS = ["RedrivePolicy", "RedriveAllowPolicy"];

/**
 * AWS::SQS::Queue: Config gives the queue attributes in PascalCase, some as strings. Other
 * resources refer to a queue by URL, ARN or name, so all three are aliases.
 */
export const sqsQueue: ItemMapper = (item) => {
  const properties = { ...configurationOf(item) };
  for (const key of NUMERIC) if (key in properties) properties[key] = numeric(properties[key]);
  for (const key of BOOLEAN) if (key in properties) properties[key] = booleanish(properties[key]);
  for (const key of JSON_OBJECTS) properties[key] = jsonObject(properties[key]);
  const arn = text(properties.QueueArn) ?? item.arn;
  const name = text(properties.QueueName) ?? arn?.split(":").pop() ?? item.resourceName;
  if (name && properties.QueueName === undefined) properties.QueueName = name;
  for (const key of Object.keys(properties)) if (properties[key] === undefined) delete properties[key];
  return { ...identity(item, properties.QueueUrl, arn, name), properties };
};

/** Parsed when it is a JSON object string; left as it is otherwise (the rules report it). */
const jsonObject = (value: unknown): unknown => {
  if (typeof value !== "string" || value === "") return value === "" ? undefined : value;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : value;
  } catch {
    return value;
  }
};
