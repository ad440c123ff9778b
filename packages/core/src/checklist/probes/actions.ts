import type { ItemId } from "../catalogue/items";

/** The IAM action the iam-least-privilege probe calls. */
export const SIMULATE_ACTION = "iam:SimulatePrincipalPolicy";

/** The CloudWatch Logs action the trace-id-in-logs probe samples log groups with. */
export const FILTER_LOG_EVENTS_ACTION = "logs:FilterLogEvents";

/**
 * The AWS actions each item's probe calls, by item id: the evaluator's IAM policy grants them where
 * the item's rule is deployed. Kept free of the SDK so the stacks can read it at synth time.
 */
export const PROBE_ACTIONS: Partial<Readonly<Record<ItemId, readonly string[]>>> = {
  "iam-least-privilege": [SIMULATE_ACTION],
  "trace-id-in-logs": [FILTER_LOG_EVENTS_ACTION],
};
