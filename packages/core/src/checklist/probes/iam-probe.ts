import type { IAMClient } from "@aws-sdk/client-iam";
import { EndpointLacksApiError, type LiveReadError } from "../adapters/live/errors";
import { mapBounded } from "../adapters/live/semaphore";
import type { Inventory } from "../inventory/inventory";
import { ECS_SERVICE } from "../inventory/relations/ecs";
import type { IamProbeResult, RoleProbe } from "./iam-decider";
import { simulateRoleActions } from "./iam-simulate";
import { type ActionSets, actionsToSimulate, judgeRole } from "./iam-verdict";
import { type TaskRole, taskRolesOfServices } from "./task-roles";

export interface IamProbeOptions {
  /** Simulations in flight at once (default 4; IAM's request rate is low). */
  readonly concurrency?: number;
  /** Called after each role: ("iam simulate", done, total). */
  readonly onProgress?: (step: string, done: number, total: number) => void;
}

/**
 * Simulates the must-deny and must-allow actions for every task role of the inventory's ECS
 * services (the live inventory holds only the services the run asked for). Once the endpoint
 * turns out to lack the API, the other roles are not asked again: they get the same reason.
 */
export async function probeTaskRoles(
  iam: IAMClient,
  inventory: Inventory,
  sets: ActionSets,
  options: IamProbeOptions = {},
): Promise<IamProbeResult> {
  const { roles, gaps } = taskRolesOfServices(inventory, inventory.ofType(ECS_SERVICE));
  const actions = actionsToSimulate(sets);
  if (actions.length === 0)
    return {
      roles: [],
      gaps: [],
      skipped: "nothing to simulate: rules.iam-least-privilege sets no mustDeny or mustAllow actions",
    };
  let lacking: LiveReadError | undefined;
  let done = 0;
  const probed = await mapBounded(roles, options.concurrency ?? 4, async (role): Promise<RoleProbe> => {
    const result = await probeRole(iam, role, actions, sets, lacking);
    if (result.lacking) lacking = result.lacking;
    options.onProgress?.("iam simulate", ++done, roles.length);
    return result.probe;
  });
  return { roles: probed, gaps };
}

const probeRole = async (
  iam: IAMClient,
  role: TaskRole,
  actions: readonly string[],
  sets: ActionSets,
  knownLacking: LiveReadError | undefined,
): Promise<{ probe: RoleProbe; lacking?: LiveReadError }> => {
  if (knownLacking) return { probe: { role, status: "unknown", detail: knownLacking.reason } };
  const simulation = await simulateRoleActions(iam, role.arn, actions);
  if (!simulation.ok)
    return {
      probe: { role, status: "unknown", detail: simulation.error.reason },
      ...(simulation.error instanceof EndpointLacksApiError ? { lacking: simulation.error } : {}),
    };
  return { probe: { role, ...judgeRole(simulation.decisions, sets) } };
};
