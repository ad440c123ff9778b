import type { ConfigResourceKey } from "../checklist/adapters/config-item/identity";
import { MANAGED_POLICY } from "../checklist/adapters/config-item/mappers/iam";
import { LiveReadError, translateSdkError } from "../checklist/adapters/live/errors";
import { ECS_SERVICE } from "../checklist/inventory/relations/ecs";
import { errorAttributes } from "../kernel/observability/log";
import { collectOrDegrade } from "./collect";
import { COMPLIANCE } from "../kernel/results/compliance";
import { configEvaluationsOf } from "./evaluate";
import { type Evaluation, evaluationKey } from "./evaluation";
import { previousEvaluationsOfRule } from "./previous-evaluations";
import { evaluateOver, notApplicable, type RunContext } from "./run";

export interface ScheduledEvaluations {
  readonly evaluations: Evaluation[];
  /** How many of them re-post a vanished resource as NOT_APPLICABLE. */
  readonly vanished: number;
}

/**
 * A periodic run: every resource of the rules' subject types in the live inventory is evaluated
 * (an item no configuration rule decides is undecided on every ECS service), then the
 * evaluations of resources that no longer exist are re-posted NOT_APPLICABLE.
 */
export const evaluateSchedule = async (ctx: RunContext): Promise<ScheduledEvaluations> => {
  const at = ctx.event.notificationTime ?? ctx.now;
  const collected = await collectOrDegrade(ctx);
  const { inventory } = collected;
  const evaluations = configEvaluationsOf(await evaluateOver(ctx, inventory, collected), {
    at,
    services: inventory.ofType(ECS_SERVICE),
  });
  const gone = await vanishedEvaluations(ctx, evaluations, collected.unreadableTypes, at);
  return { evaluations: [...evaluations, ...gone], vanished: gone.length };
};

/** Config types recorded under another canonical type (for the unreadable-type check). */
const CANONICAL_TYPES: Readonly<Record<string, string>> = { "AWS::IAM::Policy": MANAGED_POLICY };

/**
 * The previous evaluations come from Config (GetComplianceDetailsByConfigRule, when the endpoint
 * has it) and from the results table; resources of a type the collection could not read are left
 * alone, since their absence proves nothing.
 */
const vanishedEvaluations = async (
  ctx: RunContext,
  current: readonly Evaluation[],
  unreadable: ReadonlyMap<string, string>,
  at: Date,
): Promise<Evaluation[]> => {
  const previous = new Map<string, ConfigResourceKey>();
  for (const p of await previousFromConfig(ctx)) previous.set(evaluationKey(p), p);
  if (ctx.deps.results)
    for (const p of await ctx.deps.results.latestOfItem(ctx.event.itemId))
      if (p.compliance !== COMPLIANCE.notApplicable) previous.set(evaluationKey(p), p);
  const seen = new Set(current.map(evaluationKey));
  const gone: Evaluation[] = [];
  for (const [id, p] of previous) {
    if (seen.has(id) || unreadable.has(CANONICAL_TYPES[p.resourceType] ?? p.resourceType)) continue;
    gone.push(notApplicable(ctx, p, "resource no longer exists", at));
  }
  return gone;
};

const previousFromConfig = async (ctx: RunContext): Promise<ConfigResourceKey[]> => {
  try {
    return await previousEvaluationsOfRule(ctx.deps.config, ctx.event.ruleName);
  } catch (error) {
    const translated = translateSdkError(error, "config:GetComplianceDetailsByConfigRule");
    const why =
      translated instanceof LiveReadError ? translated.reason : String((translated as Error).message ?? translated);
    ctx.warnings.push(`previous evaluations unavailable from AWS Config: ${why}`);
    ctx.deps.log.warn("could not read the rule's previous evaluations from AWS Config", errorAttributes(error));
    return [];
  }
};
