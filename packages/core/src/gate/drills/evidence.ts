import { randomUUID } from "node:crypto";
import type { EvidenceProvenance, EvidenceRecord } from "../../kernel/results/evidence";
import { DRILL_ITEM, type DrillResult } from "./types";

/** Where the run came from: the CI run (GitHub Actions variables) and the commit, when known. */
export const drillProvenance = (
  source: string,
  env: Readonly<Record<string, string | undefined>>,
  gitCommit?: string,
): EvidenceProvenance => {
  const repository = env.GITHUB_REPOSITORY || undefined;
  const server = env.GITHUB_SERVER_URL || undefined;
  const runId = env.GITHUB_RUN_ID || undefined;
  const commit = env.GITHUB_SHA || gitCommit;
  return {
    source,
    ...(commit ? { gitCommit: commit } : {}),
    ...(repository ? { repository } : {}),
    ...(server && repository && runId ? { ciRunUrl: `${server}/${repository}/actions/runs/${runId}` } : {}),
  };
};

/** A decided drill as the evidence its item reads; an inconclusive drill is never evidence. */
export const drillEvidence = (
  result: DrillResult,
  target: { readonly service: string; readonly revision: string },
  provenance: EvidenceProvenance,
): EvidenceRecord => {
  if (result.verdict === "inconclusive") throw new Error("an inconclusive drill is not evidence");
  return {
    itemId: DRILL_ITEM[result.drill],
    service: target.service,
    revision: target.revision,
    recordedAt: result.finishedAt,
    evidenceId: randomUUID(),
    provenance,
    figures: result.figures,
    verdict: result.verdict,
    reason: result.reason,
  };
};
