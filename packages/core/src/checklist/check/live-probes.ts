import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { IAMClient } from "@aws-sdk/client-iam";
import { CHECKLIST, type ItemId } from "../catalogue/items";
import { paramsFromConfig } from "../config/params";
import type { PartDecider } from "../engine/engine";
import { gatherPartDeciders, type RunOrigin, type SourceReach } from "../engine/sources";
import type { Inventory } from "../inventory/inventory";
import type { CheckSelection } from "./check-inventory";

/** What a live check can reach: the policy simulator, the log groups, and the gate's results table when it is named. */
export interface LiveReach {
  readonly iam: IAMClient;
  /** FilterLogEvents: the trace-id-in-logs probe's sample. */
  readonly logs: CloudWatchLogsClient;
  readonly dynamodb: DynamoDBClient;
  /** --results-table: where the deployment gate records its smoke runs. */
  readonly resultsTable?: string;
  /** The account and region read (a cost estimate counts when it was made from the same). */
  readonly origin?: RunOrigin;
}

/**
 * Gathers the declared sources of the selected items (the iam-least-privilege probe, the log
 * sample of trace-id-in-logs, the gate's recorded smoke runs) before the engine, which decides synchronously, and returns the part
 * deciders holding their answers. An item left out with --only/--skip is not gathered at all. The
 * sources' code loads lazily, so template checks never load the IAM client.
 */
export const gatherLiveParts = async (
  reach: LiveReach,
  inventory: Inventory,
  selection: CheckSelection,
  onProgress?: (message: string) => void,
): Promise<PartDecider[]> => {
  const live: SourceReach = {
    mode: "live",
    ...(reach.origin ? { origin: reach.origin } : {}),
    ...(selection.now ? { now: selection.now } : {}),
    probeRoles: async (roles, sets) => {
      const { probeTaskRoles } = await import("../probes/index");
      return probeTaskRoles(reach.iam, roles, sets, {
        onProgress: (step, done, total) => {
          if (done >= total) onProgress?.(`${step}: ${done}/${total}`);
        },
      });
    },
    sampleLogs: async (group, window) => {
      const { sampleLogGroup } = await import("../probes/logs/sample");
      return sampleLogGroup(reach.logs, group, window);
    },
    ...(reach.resultsTable
      ? {
          ...(await resultsReaders(reach.dynamodb, reach.resultsTable)),
          readPublishedDocument: await documentReader(reach.dynamodb, reach.resultsTable),
        }
      : {}),
  };
  return gatherPartDeciders(
    CHECKLIST.filter((item) => isSelected(item.id, selection)),
    {
      inventory,
      config: selection.config,
      ...(selection.configDir ? { configDir: selection.configDir } : {}),
      params: paramsFromConfig(selection.config),
      reach: live,
      onProgress,
    },
  );
};

/** The gate's smoke runs and the recorded evidence, read from the results table (--results-table). */
const resultsReaders = async (
  dynamodb: DynamoDBClient,
  table: string,
): Promise<Pick<SourceReach, "readSmokeRun" | "readEvidence">> => {
  const [{ ResultsTable }, { gateRunsReader }, { evidenceReader }] = await Promise.all([
    import("../../kernel/results/table"),
    import("../evidence/gate-runs-reader"),
    import("../../kernel/results/evidence"),
  ]);
  const results = ResultsTable.on(dynamodb, table);
  return {
    readSmokeRun: gateRunsReader(results),
    readEvidence: evidenceReader(results),
  };
};

const documentReader = async (dynamodb: DynamoDBClient, table: string) => {
  const [{ ResultsTable }, { publishedDocumentReader }] = await Promise.all([
    import("../../kernel/results/table"),
    import("../../kernel/results/documents"),
  ]);
  return publishedDocumentReader(ResultsTable.on(dynamodb, table));
};

/** Whether --only/--skip keep this item. */
export const isSelected = (id: ItemId, selection: CheckSelection): boolean =>
  (!selection.only?.length || selection.only.includes(id)) && !selection.skip?.includes(id);
