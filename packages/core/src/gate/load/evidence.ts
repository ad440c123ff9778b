import type { RunningService } from "../../checklist/evidence/running-revision";
import type { EvidenceProvenance, EvidenceRecord } from "../../kernel/results/records/evidence";
import type { LoadResult } from "./types";

export const LOAD_TESTED_ITEM = "load-tested";

/** A load test as evidence for `load-tested`, or why it is not recorded. */
export type LoadEvidence =
  | { readonly recorded: true; readonly record: EvidenceRecord }
  | { readonly recorded: false; readonly note: string };

/**
 * The record of a finished load test: a partial run, or one that could not hold its rate, is
 * not evidence (the item asks for a rate that was held). A run below the item's
 * `minRequestsPerSecond` is recorded, and fails: it did not test what the checklist asks.
 */
export const loadEvidenceOf = (
  result: LoadResult,
  context: {
    readonly service: RunningService;
    readonly minRequestsPerSecond: number;
    readonly provenance: EvidenceProvenance;
    readonly recordedAt: string;
    readonly evidenceId: string;
  },
): LoadEvidence => {
  if (result.partial) return { recorded: false, note: "the run was interrupted: a partial result is not evidence" };
  if (!result.evidence.counts) return { recorded: false, note: result.evidence.note };
  // The rate asked of the run: it held it within 1% (evidence.counts), so 499.8 of 500 counts.
  const belowRate = result.targetRps < context.minRequestsPerSecond;
  const passed = result.verdict === "PASS" && !belowRate;
  const rate = `${result.achievedRps.toFixed(1)} req/s held for ${Math.round(result.durationMs / 1000)} s`;
  const reason = belowRate
    ? `load test at ${result.targetRps} req/s (${rate}), below the ${context.minRequestsPerSecond} req/s the item asks`
    : `load test at ${rate}: ${result.verdict} (${result.reason})`;
  return {
    recorded: true,
    record: {
      itemId: LOAD_TESTED_ITEM,
      service: context.service.serviceArn,
      revision: context.service.revision,
      recordedAt: context.recordedAt,
      evidenceId: context.evidenceId,
      provenance: context.provenance,
      figures: {
        targetRps: result.targetRps,
        achievedRps: result.achievedRps,
        requests: result.requests,
        errors: result.errors,
        errorRate: result.errorRate,
        p50Ms: result.latencyMs.p50,
        p90Ms: result.latencyMs.p90,
        p99Ms: result.latencyMs.p99,
        p999Ms: result.latencyMs.p999,
        sloP99Ms: result.slo.maxP99Ms,
        sloErrorRate: result.slo.maxErrorRate,
        correctedForCoordinatedOmission: true,
        startedAt: result.startedAt,
      },
      verdict: passed ? "pass" : "fail",
      reason,
    },
  };
};
