import type { Verdict } from "../../checklist/model/finding";

/**
 * What the evaluator decides for a resource, in AWS Config's words. INSUFFICIENT_DATA is the
 * evaluator's "undecided" (nothing read or recorded decides it yet): it is kept in the run and in
 * the results table, but never posted, since Config refuses it from PutEvaluations (see
 * `PostedCompliance`).
 */
export const COMPLIANCE = {
  compliant: "COMPLIANT",
  nonCompliant: "NON_COMPLIANT",
  notApplicable: "NOT_APPLICABLE",
  insufficientData: "INSUFFICIENT_DATA",
} as const;

export type Compliance = (typeof COMPLIANCE)[keyof typeof COMPLIANCE];

/**
 * The compliance types PutEvaluations accepts. The API reference (Evaluation.ComplianceType):
 * "AWS Config does not accept INSUFFICIENT_DATA as the value for ComplianceType from a
 * PutEvaluations request"; one such evaluation fails the whole call, and every evaluation in it.
 */
export type PostedCompliance = Exclude<Compliance, typeof COMPLIANCE.insufficientData>;

const OF_VERDICT: Readonly<Record<Verdict, Compliance>> = {
  compliant: COMPLIANCE.compliant,
  non_compliant: COMPLIANCE.nonCompliant,
  not_applicable: COMPLIANCE.notApplicable,
  unknown: COMPLIANCE.insufficientData,
};

/** A rule verdict as a decision: `unknown` (cannot decide) is undecided, INSUFFICIENT_DATA. */
export const complianceOfVerdict = (verdict: Verdict): Compliance => OF_VERDICT[verdict];

/**
 * When several outcomes land on one resource (a rule reporting on a log group through two
 * services), the worst one is kept: a failure outranks not knowing, which outranks a pass.
 */
const RANK: Readonly<Record<Compliance, number>> = {
  NON_COMPLIANT: 0,
  INSUFFICIENT_DATA: 1,
  COMPLIANT: 2,
  NOT_APPLICABLE: 3,
};

export const worseCompliance = (a: Compliance, b: Compliance): Compliance => (RANK[a] <= RANK[b] ? a : b);

export const isCompliance = (value: unknown): value is Compliance => typeof value === "string" && value in RANK;
