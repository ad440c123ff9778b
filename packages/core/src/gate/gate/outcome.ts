import { type ConfigServiceClient, StartConfigRulesEvaluationCommand } from "@aws-sdk/client-config-service";
import { type EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { errorAttributes, type Log } from "../../kernel/observability/log";
import type { SmokeRun } from "../smoke/types";
import { OutcomeEventError } from "./errors";
import type { DeploymentEventName } from "./event";

export type GateVerdict = "PASS" | "FAIL" | "INCONCLUSIVE" | "RECORDED" | "IGNORED";

/** What the gate decided for one deployment event. */
export interface GateOutcome {
  /** Service ARN. */
  readonly service: string;
  /** Task definition ARN ("" when it could not be resolved). */
  readonly revision: string;
  readonly eventName: DeploymentEventName;
  readonly deploymentId: string;
  readonly verdict: GateVerdict;
  readonly reason: string;
  /** Where the gate rolled back to (task definition ARN, or "ecs-native" for StopServiceDeployment). */
  readonly rollbackTo?: string;
  readonly rolledBack: boolean;
  /** Set when a human should look: why no rollback happened, or what went wrong. */
  readonly alert?: string;
  readonly smokeRun?: SmokeRun;
}

export const OUTCOME_SOURCE = "readiness";
export const OUTCOME_DETAIL_TYPE = "Readiness Gate Outcome";

/** The outcome event's detail: everything but the full smoke run (its verdict and trace id suffice to find it). */
export const outcomeDetail = (outcome: GateOutcome): Record<string, unknown> => {
  const { smokeRun, ...rest } = outcome;
  return {
    ...rest,
    ...(smokeRun ? { smoke: { verdict: smokeRun.verdict, reason: smokeRun.reason, traceId: smokeRun.traceId } } : {}),
  };
};

/** Puts the outcome event on the bus; a refused entry is an error (the message is retried). */
export const emitOutcome = (events: EventBridgeClient, eventBusName: string, outcome: GateOutcome): Promise<void> =>
  putOutcomeEvent(events, eventBusName, [outcome.service], outcomeDetail(outcome));

/** One `readiness` / `Readiness Gate Outcome` event with this detail. */
export const putOutcomeEvent = async (
  events: EventBridgeClient,
  eventBusName: string,
  resources: readonly string[],
  detail: Record<string, unknown>,
): Promise<void> => {
  let response: { FailedEntryCount?: number; Entries?: { ErrorCode?: string; ErrorMessage?: string }[] };
  try {
    response = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: OUTCOME_SOURCE,
            DetailType: OUTCOME_DETAIL_TYPE,
            EventBusName: eventBusName,
            Resources: resources.filter((r) => r !== ""),
            Detail: JSON.stringify(detail),
          },
        ],
      }),
    );
  } catch (error) {
    throw new OutcomeEventError(`could not put the outcome event on bus ${eventBusName}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (response.FailedEntryCount) {
    const entry = response.Entries?.find((e) => e.ErrorCode);
    throw new OutcomeEventError(
      `bus ${eventBusName} refused the outcome event: ${entry?.ErrorCode ?? "unknown"} ${entry?.ErrorMessage ?? ""}`.trim(),
    );
  }
};

/**
 * Starts the post-deploy-smoke Config rule's evaluation so the console matches the gate. Never
 * fails the gate: an endpoint without the API (moto) or a denied call is logged as a warning.
 */
export const startPostDeployEvaluation = async (
  config: ConfigServiceClient,
  ruleName: string,
  log: Log,
): Promise<boolean> => {
  try {
    await config.send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: [ruleName] }));
    return true;
  } catch (error) {
    log.warn("could not start the Config rule evaluation; the console catches up at the next scheduled run", {
      configRule: ruleName,
      ...errorAttributes(error),
    });
    return false;
  }
};
