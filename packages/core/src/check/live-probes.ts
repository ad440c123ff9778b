import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { ItemId } from "../catalogue/items";
import type { ParamsOf } from "../catalogue/params";
import { paramsFromConfig } from "../config/params";
import type { PartDecider } from "../engine/engine";
import type { Inventory } from "../inventory/inventory";
import { IAM_PROBE_ITEM } from "../probes/iam-decider";
import type { CheckSelection } from "./check-inventory";

/**
 * Runs the probes a live check can run (SimulatePrincipalPolicy over the task roles) before the
 * engine, which decides synchronously, and returns the part deciders holding their answers. An
 * item left out with --only/--skip is not probed at all. The probe module loads lazily, like the
 * collectors, so template checks never load the IAM client.
 */
export const runLiveProbes = async (
  iam: IAMClient,
  inventory: Inventory,
  selection: CheckSelection,
  onProgress?: (message: string) => void,
): Promise<PartDecider[]> => {
  if (!isSelected(IAM_PROBE_ITEM, selection)) return [];
  const { iamProbeDecider, probeTaskRoles } = await import("../probes/index");
  const sets = paramsFromConfig(selection.config)(IAM_PROBE_ITEM) as ParamsOf<typeof IAM_PROBE_ITEM>;
  const probe = await probeTaskRoles(iam, inventory, sets, {
    onProgress: (step, done, total) => {
      if (done >= total) onProgress?.(`${step}: ${done}/${total}`);
    },
  });
  return [iamProbeDecider(probe)];
};

/** Whether --only/--skip keep this item. */
export const isSelected = (id: ItemId, selection: CheckSelection): boolean =>
  (!selection.only?.length || selection.only.includes(id)) && !selection.skip?.includes(id);

/**
 * The smoke runs the deployment gate recorded, as evidence for post-deploy-smoke and
 * idempotent-writes. A table that cannot be read leaves both items unknown with the reason (the
 * rest of the check goes on): a missing table is a setup problem, not a verdict.
 */
export const smokeEvidenceFrom = async (
  dynamodb: DynamoDBClient,
  resultsTable: string,
  inventory: Inventory,
  selection: CheckSelection,
): Promise<PartDecider> => {
  const { loadSmokeHistories, smokeEvidenceDecider, POST_DEPLOY_SMOKE_ITEM, IDEMPOTENT_WRITES_ITEM } = await import(
    "../evidence/index"
  );
  try {
    return smokeEvidenceDecider(await loadSmokeHistories(dynamodb, resultsTable, inventory, selection.config));
  } catch (error) {
    const reason = `cannot read smoke runs from table ${resultsTable}: ${(error as Error).message}`;
    return (item, kind) =>
      (item.id === POST_DEPLOY_SMOKE_ITEM && kind === "evidence") ||
      (item.id === IDEMPOTENT_WRITES_ITEM && kind === "probe")
        ? { status: "unknown", reason }
        : undefined;
  }
};
