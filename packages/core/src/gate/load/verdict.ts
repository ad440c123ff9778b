import type { RateJudgement } from "./rate";
import type { LoadVerdict, SloTarget } from "./types";

export interface VerdictInput {
  readonly partial: boolean;
  /** "interrupted after 12.3 s of 30 s". */
  readonly interruption?: string;
  readonly measuredSent: number;
  readonly measuredAnswered: number;
  readonly firstUnanswered?: string;
  readonly rate: RateJudgement;
  readonly errors: number;
  readonly p99Ms: number;
  readonly slo: SloTarget;
  /** The most frequent error, to name it in a FAIL's reason. */
  readonly topError?: string;
}

export interface LoadDecision {
  readonly verdict: LoadVerdict;
  readonly reason: string;
  readonly evidence: { readonly counts: boolean; readonly note: string };
}

/**
 * PASS or FAIL against the SLO only for a run that ran whole, was answered, and held its rate:
 * an interrupted run is PARTIAL, anything else INCONCLUSIVE, and neither is ever evidence (a run at a lower rate than claimed, or cut
 * short, would otherwise stand for a load test it was not).
 */
export const decideLoadVerdict = (input: VerdictInput): LoadDecision => {
  const undecided = (reason: string, note: string): LoadDecision => ({
    verdict: "INCONCLUSIVE",
    reason,
    evidence: { counts: false, note },
  });
  if (input.partial)
    return {
      verdict: "PARTIAL",
      reason: `${input.interruption ?? "interrupted"}: partial result, not recorded`,
      evidence: { counts: false, note: "not recorded: the run was interrupted (partial result)" },
    };
  if (input.measuredSent === 0)
    return undecided("no request was sent in the measured window", "not evidence: nothing was measured");
  if (input.measuredAnswered === 0)
    return undecided(
      `target unreachable: no request was answered (${input.firstUnanswered ?? "no answer"})`,
      "not evidence: the target never answered",
    );
  if (!input.rate.held)
    return undecided(input.rate.reason ?? "rate not held", "not evidence: the rate was not held within 1%");

  const { slo } = input;
  const errorRate = input.errors / input.measuredSent;
  const failures: string[] = [];
  if (input.p99Ms > slo.maxP99Ms) failures.push(`p99 ${ms(input.p99Ms)} above the SLO's ${ms(slo.maxP99Ms)}`);
  if (errorRate > slo.maxErrorRate)
    failures.push(
      `error rate ${rate(errorRate)} above the SLO's ${rate(slo.maxErrorRate)} (${input.errors} of ${input.measuredSent}${input.topError ? `, mostly ${input.topError}` : ""})`,
    );
  const counts = { counts: true, note: "counts as load-test evidence" };
  if (failures.length > 0) return { verdict: "FAIL", reason: failures.join("; "), evidence: counts };
  return {
    verdict: "PASS",
    reason: `p99 ${ms(input.p99Ms)} ≤ ${ms(slo.maxP99Ms)}, error rate ${rate(errorRate)} ≤ ${rate(slo.maxErrorRate)}`,
    evidence: counts,
  };
};

export const ms = (value: number): string =>
  `${value >= 100 ? Math.round(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ms`;

export const rate = (fraction: number): string => {
  const percent = fraction * 100;
  return `${percent === 0 ? "0" : percent >= 1 ? percent.toFixed(1) : percent.toPrecision(2)}%`;
};
