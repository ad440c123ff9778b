import { errorAttributes, silentLog } from "../kernel/observability/log";
import { evaluateChangeNotification } from "./change";
import { COMPLIANCE } from "../kernel/results/compliance";
import { PutEvaluationsError } from "./errors";
import type { Evaluation } from "./evaluation";
import { type ParsedEvent, parseConfigRuleEvent } from "./event";
import { postedEvaluationOf } from "./posted-evaluation";
import { postEvaluations } from "./put-evaluations";
import type { EvaluatorDeps, RunContext } from "./run";
import { evaluateSchedule } from "./scheduled";

export type { EvaluatorDeps } from "./run";

export interface EvaluationRun {
  readonly ruleName: string;
  readonly itemId: string;
  readonly notification: ParsedEvent["notification"]["kind"];
  readonly testMode: boolean;
  readonly evaluations: readonly Evaluation[];
  /** PutEvaluations calls made (retries included). */
  readonly putCalls: number;
  /** Resources re-posted NOT_APPLICABLE because they no longer exist (scheduled runs). */
  readonly vanished: number;
  readonly warnings: readonly string[];
}

/**
 * Evaluates one AWS Config rule event for the checklist item named in its parameters, posts the
 * evaluations and records them. A malformed event, a refused PutEvaluations or an unreadable
 * oversized item fails the invocation with a typed error, logged with its context first.
 */
export const evaluateConfigRuleEvent = async (rawEvent: unknown, deps: EvaluatorDeps): Promise<EvaluationRun> => {
  const log = deps.log ?? silentLog;
  let event: ParsedEvent | undefined;
  try {
    event = await parseConfigRuleEvent(rawEvent);
    log.appendKeys({ configRuleName: event.ruleName, itemId: event.itemId, messageType: event.notification.kind });
    const ctx: RunContext = {
      event,
      item: event.item,
      rules: deps.rules?.filter((r) => r.itemId === event?.itemId) ?? event.item.rules,
      deps: { ...deps, log },
      now: deps.now?.() ?? new Date(),
      warnings: [],
    };
    const notification = event.notification;
    const { evaluations, vanished } =
      notification.kind === "scheduled"
        ? await evaluateSchedule(ctx)
        : { evaluations: await evaluateChangeNotification(ctx, notification), vanished: 0 };
    return await postAndRecord(ctx, evaluations, vanished);
  } catch (error) {
    log.error(event ? "Config rule evaluation failed" : "malformed Config rule event", {
      ...errorAttributes(error),
      event: event ? undefined : describeRawEvent(rawEvent),
    });
    throw error;
  }
};

/**
 * Posts to Config, then records in the results table, then fails if Config refused some: the
 * table keeps what was decided even when Config did not take it, and keeps an undecided resource
 * INSUFFICIENT_DATA where Config was sent NON_COMPLIANT "UNDECIDED: …".
 */
const postAndRecord = async (ctx: RunContext, evaluations: Evaluation[], vanished: number): Promise<EvaluationRun> => {
  const { event, deps } = ctx;
  const report = await postEvaluations(deps.config, evaluations, {
    resultToken: event.resultToken,
    testMode: event.testMode,
    retry: deps.retry,
    sleep: deps.sleep,
  });
  await deps.results?.write(
    evaluations.map((e) => ({
      itemId: e.itemId,
      ruleName: event.ruleName,
      resourceType: e.resourceType,
      resourceId: e.resourceId,
      compliance: e.compliance,
      annotation: e.annotation,
      evaluatedAt: ctx.now.toISOString(),
      testMode: event.testMode,
    })),
  );
  // Counted as posted; `undecided` says how many of the NON_COMPLIANT ones are "UNDECIDED: …".
  const counts: Record<string, number> = {};
  for (const e of evaluations) {
    const posted = postedEvaluationOf(e).ComplianceType;
    counts[posted] = (counts[posted] ?? 0) + 1;
  }
  const undecided = evaluations.filter((e) => e.compliance === COMPLIANCE.insufficientData).length;
  deps.log.info("evaluations posted", {
    counts,
    undecided,
    putCalls: report.calls,
    vanished,
    testMode: event.testMode,
  });
  if (report.failed.length > 0) {
    const named = report.failed.slice(0, 5).map((e) => `${e.resourceType} ${e.resourceId}`);
    throw new PutEvaluationsError(
      `AWS Config refused ${report.failed.length} of ${evaluations.length} evaluations after retries: ${named.join(", ")}`,
      report.failed.map((e) => ({ resourceType: e.resourceType, resourceId: e.resourceId })),
    );
  }
  return {
    ruleName: event.ruleName,
    itemId: event.itemId,
    notification: event.notification.kind,
    testMode: event.testMode,
    evaluations,
    putCalls: report.calls,
    vanished,
    warnings: ctx.warnings,
  };
};

/** Enough of a malformed event to find it again, without dumping a whole configuration item. */
const describeRawEvent = (raw: unknown): Record<string, unknown> => {
  if (typeof raw !== "object" || raw === null) return { type: typeof raw };
  const event = raw as Record<string, unknown>;
  const clip = (value: unknown): unknown =>
    typeof value === "string" && value.length > 300 ? `${value.slice(0, 300)}…` : value;
  return {
    configRuleName: event.configRuleName,
    ruleParameters: clip(event.ruleParameters),
    invokingEvent: clip(event.invokingEvent),
    eventLeftScope: event.eventLeftScope,
  };
};
