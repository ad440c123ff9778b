import { GetSubscriptionAttributesCommand, paginateListSubscriptions, type Subscription } from "@aws-sdk/client-sns";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import type { LiveClients } from "./clients";
import type { LiveRun } from "./run";
import { defined } from "./shape";
import { SNS_SUBSCRIPTION, api } from "./sns.api";

export { SNS_SUBSCRIPTION } from "./sns.api";

/**
 * Every confirmed subscription with its attributes (the RedrivePolicy names its DLQ). A subscription
 * awaiting confirmation has no ARN yet ("PendingConfirmation"): it delivers nothing, so it is skipped.
 */
export async function collectSubscriptions(clients: LiveClients, run: LiveRun): Promise<void> {
  const listed = await run.readAll(
    api.listSubscriptions,
    paginateListSubscriptions({ client: clients.sns }, {}),
    (p) => p.Subscriptions,
  );
  if (!listed.ok) return;
  const confirmed = listed.value.filter((s) => s.SubscriptionArn?.startsWith("arn:"));
  await run.forEach("sns subscriptions", confirmed, async (subscription) => {
    const read = await run.read(api.getSubscriptionAttributes, () =>
      clients.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscription.SubscriptionArn })),
    );
    if (read.ok) run.add(subscriptionResource(subscription, read.value.Attributes ?? {}));
  });
}

/** SNS gives policies as JSON strings; CloudFormation writes them as objects. */
const jsonPolicy = (value: string | undefined, name: string): unknown => {
  if (value === undefined || value === "") return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return unknownValue(`${name} is not valid JSON`);
  }
};

export const subscriptionResource = (subscription: Subscription, attributes: Record<string, string>): Resource => ({
  id: subscription.SubscriptionArn!,
  type: SNS_SUBSCRIPTION,
  aliases: [],
  properties: defined({
    TopicArn: subscription.TopicArn ?? attributes.TopicArn,
    Protocol: subscription.Protocol ?? attributes.Protocol,
    Endpoint: subscription.Endpoint ?? attributes.Endpoint,
    RedrivePolicy: jsonPolicy(attributes.RedrivePolicy, "RedrivePolicy"),
    FilterPolicy: jsonPolicy(attributes.FilterPolicy, "FilterPolicy"),
    RawMessageDelivery:
      attributes.RawMessageDelivery === undefined ? undefined : attributes.RawMessageDelivery === "true",
  }),
});
