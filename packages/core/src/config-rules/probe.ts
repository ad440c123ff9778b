import type { IAMClient } from "@aws-sdk/client-iam";
import type { RoleProber } from "../checklist/engine/sources";

export type { RoleProber } from "../checklist/engine/sources";

/**
 * The iam-least-privilege probe through SimulatePrincipalPolicy. Only that item probes, so the IAM
 * client (a function: created on first use) and the probe's code load with the first probe, not at
 * every cold start.
 */
export const simulatingRoleProber =
  (iam: IAMClient | (() => IAMClient)): RoleProber =>
  async (inventory, sets) => {
    const { probeTaskRoles } = await import("../checklist/probes/iam-probe");
    return probeTaskRoles(typeof iam === "function" ? iam() : iam, inventory, sets);
  };
