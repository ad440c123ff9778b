import { smokeRunsOf } from "../../kernel/results/smoke-runs";
import type { ResultsTable } from "../../kernel/results/table";
import type { SmokeRunReader } from "../engine/sources";

export type { SmokeRunReader } from "../engine/sources";

/** Reads the gate's recorded smoke runs from the results table (the gate, the CLI and the evaluator share it). */
export const gateRunsReader =
  (results: ResultsTable): SmokeRunReader =>
  async (serviceArn, revision) => {
    const [run] = await smokeRunsOf(results, serviceArn, { revision, limit: 1 });
    return run
      ? {
          verdict: run.verdict,
          reason: run.reason,
          idempotentReplay: run.run.idempotentReplay,
          startedAt: run.startedAt,
        }
      : undefined;
  };
