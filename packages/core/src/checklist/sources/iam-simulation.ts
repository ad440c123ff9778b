import { liveProbe } from "../engine/sources";
import type { ActionSets } from "../probes/iam-verdict";

/**
 * iam-least-privilege's probe: SimulatePrincipalPolicy over the task roles the services run with.
 * A template has no deployed role to ask (the part says so); a run without the simulator (no
 * prober) leaves it undecided. The decider's code loads with the first probe.
 */
export const iamSimulation = liveProbe(
  "needs a live account: SimulatePrincipalPolicy runs against deployed task roles (readiness check --live)",
  async ({ inventory, params, reach, onProgress }) => {
    if (!reach.probeRoles) return undefined;
    const { iamProbeDecider } = await import("../probes/iam-decider");
    return iamProbeDecider(await reach.probeRoles(inventory, params as ActionSets, onProgress));
  },
);
