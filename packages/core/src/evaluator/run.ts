import type { ConfigServiceClient } from "@aws-sdk/client-config-service";
import type { ConfigResourceKey } from "../adapters/config-item/identity";
import type { ChecklistItem } from "../catalogue/items";
import { DEFAULT_CONFIG } from "../config/schema";
import { buildScope } from "../engine/scope";
import type { Inventory } from "../inventory/inventory";
import type { Log } from "../observability/log";
import type { EvaluationResultsStore } from "../results/evaluations";
import type { ConfigRule } from "../rules/rule";
import { annotationOf } from "./annotation";
import { COMPLIANCE } from "./compliance";
import type { EvaluateInput } from "./evaluate";
import type { Evaluation } from "./evaluation";
import type { ParsedEvent } from "./event";
import type { CollectedInventory, InventoryCollector } from "./inventory";
import type { RoleProber } from "./probe";
import type { RetryPolicy } from "./put-evaluations";
import type { SmokeRunReader } from "./smoke-evidence";

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
  /** Reads the gate's recorded smoke runs: decides post-deploy-smoke and idempotent-writes per service. */
  readonly readSmokeRun?: SmokeRunReader;
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
 * The evaluation input over an inventory. Config rules have no readiness.yml: every resource is
 * in scope and service roles are inferred from names.
 */
export const evaluateInputOf = (
  ctx: RunContext,
  inventory: Inventory,
  collected: CollectedInventory,
  at: Date,
): Omit<EvaluateInput, "subjects"> => ({
  item: ctx.item,
  params: ctx.event.params,
  rules: ctx.rules,
  inventory,
  scope: buildScope(inventory, DEFAULT_CONFIG),
  unreadableTypes: collected.unreadableTypes,
  at,
});
