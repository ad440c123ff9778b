import { queryItems } from "./dynamodb/read";
import { partitionQuery, smokeRunPartition } from "./layout";
import { type RunRecord, runOfItem } from "./records/smoke-runs";
import type { ResultsTable } from "./table";

/**
 * A service's smoke runs, newest first (optionally of one revision, at most `limit`). The gate
 * writes them; the gate, the live check and the Config evaluator read them here.
 */
export const smokeRunsOf = async (
  table: ResultsTable,
  service: string,
  options: { readonly revision?: string; readonly limit?: number } = {},
): Promise<RunRecord[]> => {
  const runs: RunRecord[] = [];
  if (options.limit !== undefined && options.limit <= 0) return runs;
  const query = partitionQuery(smokeRunPartition(service), { newestFirst: true, consistent: true });
  for await (const item of queryItems(table, `query smoke runs of ${service}`, query)) {
    const run = runOfItem(item);
    if (run && (options.revision === undefined || run.revision === options.revision)) runs.push(run);
    if (options.limit !== undefined && runs.length >= options.limit) break;
  }
  return runs;
};
