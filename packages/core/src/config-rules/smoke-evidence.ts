import type { SmokeRunReader } from "../checklist/engine/sources";
import type { GateRunsStore } from "../gate/gate/runs-store";
import type { ResultsTable } from "../kernel/results/table";

export type { SmokeRunReader } from "../checklist/engine/sources";

/**
 * Reads the gate's runs from the results table (the gate and the evaluator share it). Only two items
 * read runs, so the store's code loads with the first read rather than at every cold start.
 */
export const gateRunsReader = (results: ResultsTable): SmokeRunReader => {
  let store: Promise<GateRunsStore> | undefined;
  return async (serviceArn, revision) => {
    store ??= import("../gate/gate/runs-store").then((module) => new module.GateRunsStore(results));
    const [run] = await (await store).runsOf(serviceArn, { revision, limit: 1 });
    return run
      ? {
          verdict: run.verdict,
          reason: run.reason,
          idempotentReplay: run.run.idempotentReplay,
          startedAt: run.startedAt,
        }
      : undefined;
  };
};
