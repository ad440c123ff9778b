import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { LogSampler, RoleProber } from "../checklist/engine/sources";

export type { LogSampler, RoleProber } from "../checklist/engine/sources";

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

/**
 * The trace-id-in-logs probe's sample through FilterLogEvents. The logs client (a function: created
 * on first use) and the sampling code load with the first sample.
 */
export const filteringLogSampler =
  (logs: CloudWatchLogsClient | (() => CloudWatchLogsClient)): LogSampler =>
  async (group, window) => {
    const { sampleLogGroup } = await import("../checklist/probes/logs/sample");
    return sampleLogGroup(typeof logs === "function" ? logs() : logs, group, window);
  };
