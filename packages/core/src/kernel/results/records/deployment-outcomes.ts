import { deploymentOutcomeKey, expiryOf, RECORD_KIND } from "../layout";
import type { StoredItem } from "../table";

/** The outcome of one deployment event (the gate's audit trail): its keys, and whatever the gate decided. */
export type DeploymentOutcomeRecord = {
  readonly service: string;
  readonly eventName: string;
  readonly deploymentId: string;
  readonly at: string;
} & Record<string, unknown>;

export const deploymentOutcomeItem = (outcome: DeploymentOutcomeRecord, nowMs: number): StoredItem => ({
  ...deploymentOutcomeKey(outcome.service, outcome.at, outcome.deploymentId, outcome.eventName),
  kind: RECORD_KIND.deploymentOutcome,
  ...outcome,
  ...expiryOf("deploymentOutcome", nowMs),
});
