import type { ConfigServiceClient } from "@aws-sdk/client-config-service";
import type { ConfigResourceKey } from "../checklist/adapters/config-item/identity";
import type { ChecklistItem } from "../checklist/catalogue/items";
import { DEFAULT_CONFIG } from "../checklist/config/default-config";
import {
  evaluateItem,
  type ItemEvaluation,
  type OtherKind,
  type PartDecider,
} from "../checklist/engine/item-evaluation";
import { buildScope } from "../checklist/engine/scope";
import type { EvidenceReader, PartSource, PublishedDocumentReader, SourceReach } from "../checklist/engine/sources";
import type { SmokeRunReader } from "../checklist/evidence/gate-runs-reader";
import type { Inventory } from "../checklist/inventory/inventory";
import type { Resource } from "../checklist/model/resource";
import type { ConfigRule } from "../checklist/rules/rule";
import { errorAttributes, type Log } from "../kernel/observability/log";
import { COMPLIANCE } from "../kernel/results/compliance";
import type { EvaluationResultsStore } from "../kernel/results/evaluations";
import { annotationOf } from "./annotation";
import type { Evaluation } from "./evaluation";
import type { ParsedEvent } from "./event";
import type { CollectedInventory, InventoryCollector } from "./inventory";
import type { LogSampler, RoleProber } from "./probe";
import type { RetryPolicy } from "./put-evaluations";

export interface EvaluatorDeps {
  /** PutEvaluations, GetResourceConfigHistory, GetComplianceDetailsByConfigRule. */
  readonly config: ConfigServiceClient;
  readonly collect: InventoryCollector;
  /** Every evaluation is also written here; scheduled runs read it to find vanished resources. */
  readonly results?: EvaluationResultsStore;
  readonly log?: Log;
  /** Defaults to the registry's rules of the event's item. */
  readonly rules?: readonly ConfigRule[];
  /** Decides iam-least-privilege's probe part (SimulatePrincipalPolicy); without it that part stays pending. */
  readonly probeRoles?: RoleProber;
  /** Samples a log group (FilterLogEvents): decides trace-id-in-logs' probe part; without it that part stays pending. */
  readonly sampleLogs?: LogSampler;
  /** Reads the gate's recorded smoke runs: decides post-deploy-smoke and idempotent-writes per service. */
  readonly readSmokeRun?: SmokeRunReader;
  /** Reads the evidence readiness recorded (load tests, drills, probes): decides the evidence parts per service. */
  readonly readEvidence?: EvidenceReader;
  /** Reads the document verdicts `readiness publish` stored: decides the document items and parts per service. */
  readonly readPublishedDocument?: PublishedDocumentReader;
  readonly now?: () => Date;
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Everything one invocation works with, resolved once. */
export interface RunContext {
  readonly event: ParsedEvent;
  readonly item: ChecklistItem;
  readonly rules: readonly ConfigRule[];
  readonly deps: EvaluatorDeps & { readonly log: Log };
  readonly now: Date;
  /** Non-fatal problems of this run (reported in the run and logged). */
  readonly warnings: string[];
}

export const notApplicable = (ctx: RunContext, key: ConfigResourceKey, reason: string, at: Date): Evaluation => ({
  itemId: ctx.event.itemId,
  ...key,
  compliance: COMPLIANCE.notApplicable,
  annotation: annotationOf(reason),
  orderingTimestamp: at,
});

/**
 * The one engine over an inventory, for the event's item. Config rules have no readiness.yml:
 * every resource is in scope and service roles are inferred. The item's declared sources (its
 * probe, its recorded evidence) are gathered first; one that fails leaves its part undecided,
 * with a warning, rather than failing the evaluation.
 */
export const evaluateOver = async (
  ctx: RunContext,
  inventory: Inventory,
  collected: CollectedInventory,
  subjects?: readonly Resource[],
): Promise<ItemEvaluation> =>
  evaluateItem({
    item: ctx.item,
    rules: ctx.rules,
    inventory,
    scope: buildScope(inventory, DEFAULT_CONFIG),
    params: ctx.event.params,
    ...(subjects ? { subjects } : {}),
    partDeciders: await gatherForRun(ctx, inventory),
    unreadableTypes: collected.unreadableTypes,
  });

const gatherForRun = async (ctx: RunContext, inventory: Inventory): Promise<PartDecider[]> => {
  const reach: SourceReach = {
    mode: "config-rule",
    ...(ctx.deps.probeRoles ? { probeRoles: ctx.deps.probeRoles } : {}),
    ...(ctx.deps.sampleLogs ? { sampleLogs: ctx.deps.sampleLogs } : {}),
    ...(ctx.deps.readSmokeRun ? { readSmokeRun: ctx.deps.readSmokeRun } : {}),
    ...(ctx.deps.readEvidence ? { readEvidence: ctx.deps.readEvidence } : {}),
    ...(ctx.deps.readPublishedDocument ? { readPublishedDocument: ctx.deps.readPublishedDocument } : {}),
    now: ctx.now,
  };
  const deciders: PartDecider[] = [];
  for (const [kind, source] of Object.entries(ctx.item.sources ?? {}) as [OtherKind, PartSource][]) {
    try {
      const decider = await source.gather({
        item: ctx.item,
        kind,
        inventory,
        params: ctx.event.params,
        config: DEFAULT_CONFIG,
        reach,
      });
      if (decider) deciders.push(decider);
    } catch (error) {
      const reason = `the ${kind} of ${ctx.item.id} could not run: ${error instanceof Error ? error.message : String(error)}`;
      ctx.warnings.push(reason);
      ctx.deps.log.warn(`the ${kind} of ${ctx.item.id} could not run; its part stays pending`, errorAttributes(error));
    }
  }
  return deciders;
};
