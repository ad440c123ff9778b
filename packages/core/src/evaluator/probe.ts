import type { IAMClient } from "@aws-sdk/client-iam";
import type { Inventory } from "../inventory/inventory";
import { errorAttributes } from "../observability/log";
import { IAM_PROBE_ITEM, type IamProbeResult } from "../probes/iam-decider";
import type { ActionSets } from "../probes/iam-verdict";
import type { RunContext } from "./run";

/** Runs the iam-least-privilege probe over an inventory (the handler binds it to the IAM client). */
export type RoleProber = (inventory: Inventory, sets: ActionSets) => Promise<IamProbeResult>;

/**
 * The probe through SimulatePrincipalPolicy. Only iam-least-privilege probes, so the IAM client (a
 * function: created on first use) and the probe's code load with the first probe, not at every
 * cold start.
 */
export const simulatingRoleProber =
  (iam: IAMClient | (() => IAMClient)): RoleProber =>
  async (inventory, sets) => {
    const { probeTaskRoles } = await import("../probes/iam-probe");
    return probeTaskRoles(typeof iam === "function" ? iam() : iam, inventory, sets);
  };

/**
 * The probe's answers for this run, when the rule's item has a probe and the evaluator has a
 * prober. Without them, or when the probe cannot run at all (no network), the probe part stays
 * pending: a passing configuration is undecided (INSUFFICIENT_DATA), never COMPLIANT.
 */
export const probeForRun = async (ctx: RunContext, inventory: Inventory): Promise<IamProbeResult | undefined> => {
  if (ctx.item.id !== IAM_PROBE_ITEM || !ctx.deps.probeRoles) return undefined;
  try {
    return await ctx.deps.probeRoles(inventory, ctx.event.params as ActionSets);
  } catch (error) {
    const reason = `SimulatePrincipalPolicy probe failed: ${error instanceof Error ? error.message : String(error)}`;
    ctx.warnings.push(reason);
    ctx.deps.log.warn("the iam-least-privilege probe could not run; its part stays pending", errorAttributes(error));
    return undefined;
  }
};
