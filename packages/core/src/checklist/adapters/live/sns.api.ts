import type { Api } from "./run";

export const SNS_SUBSCRIPTION = "AWS::SNS::Subscription";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  listSubscriptions: { action: "sns:ListSubscriptions", types: [SNS_SUBSCRIPTION] },
  getSubscriptionAttributes: { action: "sns:GetSubscriptionAttributes", types: [SNS_SUBSCRIPTION] },
} satisfies Record<string, Api>;
