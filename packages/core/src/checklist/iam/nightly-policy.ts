import type { ItemId } from "../catalogue/items";
import type { ConfigRule } from "../rules/rule";
import { liveReadActions, type PolicyStatementSpec, probeActions, SCOPE_DISCOVERY_ACTIONS } from "./evaluator-policy";

/** The ARNs the nightly function's policy is scoped to (CDK tokens at synth time). */
export interface NightlyResourceArns {
  readonly resultsTable: string;
  /** The bus the status-change events go to: `arn:<partition>:events:<region>:<account>:event-bus/<name>`. */
  readonly eventBus: string;
}

/**
 * What the nightly function does with the results table: read the gate's smoke runs and the
 * previous snapshot (Query on the table, strongly consistent: no index) and write the day's
 * snapshot (PutItem). Nothing else: no Scan, no update, no delete.
 */
export const NIGHTLY_RESULTS_TABLE_ACTIONS = ["dynamodb:PutItem", "dynamodb:Query"] as const;

/**
 * The nightly function's least-privilege policy, derived like the Config evaluator's
 * (evaluator-policy.ts) from what every rule declares, since the nightly evaluates every item: the
 * rules' live reads, their items' probes and service discovery on `*`; item-level access to the
 * results table; and PutEvents on the one bus its change events go to. No Config call: the
 * nightly posts nothing to AWS Config.
 */
export const nightlyPolicyStatements = (
  rules: readonly ConfigRule[],
  arns: NightlyResourceArns,
  /** Every item the night evaluates (the catalogue): probe-only items (trace-id-in-logs) have no rule. */
  items: readonly { readonly id: ItemId }[] = [],
): PolicyStatementSpec[] => [
  {
    sid: "LiveReads",
    actions: [
      ...new Set([...liveReadActions(rules), ...probeActions(rules, items), ...SCOPE_DISCOVERY_ACTIONS]),
    ].sort(),
    resources: ["*"],
  },
  { sid: "SnapshotsAndSmokeRuns", actions: [...NIGHTLY_RESULTS_TABLE_ACTIONS], resources: [arns.resultsTable] },
  { sid: "StatusChangeEvents", actions: ["events:PutEvents"], resources: [arns.eventBus] },
];
