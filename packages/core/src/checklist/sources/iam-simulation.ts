import type { PartSource } from "../engine/sources";
import type { ActionSets } from "../probes/iam-verdict";

/**
 * iam-least-privilege's probe: SimulatePrincipalPolicy over the task roles the services run with.
 * A template has no deployed role to ask (the part says so); a run without the simulator (no
 * prober) leaves it undecided. The decider's code loads with the first probe.
 */
export const iamSimulation: PartSource = {
  async gather({ inventory, params, reach, onProgress }) {
    const { iamProbeDecider, iamProbeNeedsLiveAccount } = await import("../probes/iam-decider");
    if (reach.mode === "template") return iamProbeNeedsLiveAccount;
    if (!reach.probeRoles) return undefined;
    return iamProbeDecider(await reach.probeRoles(inventory, params as ActionSets, onProgress));
  },
};
