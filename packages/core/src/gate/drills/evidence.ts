import { randomUUID } from "node:crypto";
import type { EvidenceProvenance, EvidenceRecord } from "../../kernel/results/evidence";
import { DRILL_ITEM, type DrillResult } from "./types";

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
