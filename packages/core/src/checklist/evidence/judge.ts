/*
 * Recorded evidence judged for one service, purely: its age against the item's validity window,
 * the revision it was gathered against against the one running, and what it observed.
 * Stale evidence is non-compliant (the reason gives its age); evidence of another revision counts
 * only where the item allows it (`sameRevision: false`), within the window.
 */
import type { EvidenceRecord } from "../../kernel/results/records/evidence";
import type { Status } from "../model/finding";

export interface EvidenceRules {
  /** When the judgement is made (injected: tests move the clock). */
  readonly now: Date;
  readonly validityDays: number;
  /** True: only evidence gathered against the running revision counts. */
  readonly sameRevision: boolean;
  /** The task definition the service runs now (undefined: not known). */
  readonly runningRevision?: string;
  /** How to gather it, for the reason when there is none ("run readiness load …"). */
  readonly howToGather: string;
}

export interface EvidenceJudgement {
  readonly status: Status;
  readonly detail: string;
}

const DAY_MS = 86_400_000;
const revisionName = (arn: string): string => arn.split("/").pop() ?? arn;

/** Whole days between two instants, rounded down ("0 days" is less than a day). */
const ageInDays = (recordedAt: string, now: Date): number =>
  Math.floor((now.getTime() - Date.parse(recordedAt)) / DAY_MS);

export const judgeEvidence = (evidence: EvidenceRecord | undefined, rules: EvidenceRules): EvidenceJudgement => {
  if (!evidence) return { status: "unknown", detail: `no evidence recorded: ${rules.howToGather}` };
  const recorded = Date.parse(evidence.recordedAt);
  if (Number.isNaN(recorded))
    return { status: "unknown", detail: `evidence ${evidence.evidenceId} has no valid time (${evidence.recordedAt})` };
  const age = ageInDays(evidence.recordedAt, rules.now);
  const when = `recorded ${evidence.recordedAt} by ${evidence.provenance.source}`;
  if (recorded - rules.now.getTime() > 5 * 60_000)
    return {
      status: "unknown",
      detail: `evidence ${when} is dated in the future: check the recording machine's clock`,
    };
  if (age >= rules.validityDays)
    return {
      status: "fail",
      detail: `evidence is stale: ${when}, ${age} days old (window ${rules.validityDays} days): ${rules.howToGather}`,
    };
  if (rules.runningRevision && evidence.revision !== rules.runningRevision) {
    const other = `gathered against ${revisionName(evidence.revision)}, the service runs ${revisionName(rules.runningRevision)}`;
    if (rules.sameRevision)
      return { status: "fail", detail: `no evidence for the running revision (${other}): ${rules.howToGather}` };
    return { status: evidence.verdict === "pass" ? "pass" : "fail", detail: `${evidence.reason} (${when}; ${other})` };
  }
  return { status: evidence.verdict === "pass" ? "pass" : "fail", detail: `${evidence.reason} (${when})` };
};
