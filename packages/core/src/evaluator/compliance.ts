import type { Verdict } from "../model/finding";

/** AWS Config's compliance types: the only outcome values the evaluator ever posts. */
export const COMPLIANCE = {
  compliant: "COMPLIANT",
  nonCompliant: "NON_COMPLIANT",
  notApplicable: "NOT_APPLICABLE",
  insufficientData: "INSUFFICIENT_DATA",
} as const;

export type Compliance = (typeof COMPLIANCE)[keyof typeof COMPLIANCE];

const OF_VERDICT: Readonly<Record<Verdict, Compliance>> = {
  compliant: COMPLIANCE.compliant,
  non_compliant: COMPLIANCE.nonCompliant,
  not_applicable: COMPLIANCE.notApplicable,
  unknown: COMPLIANCE.insufficientData,
};

/** A rule verdict as a Config compliance type: `unknown` (cannot decide) is INSUFFICIENT_DATA. */
export const complianceOfVerdict = (verdict: Verdict): Compliance => OF_VERDICT[verdict];

/**
 * When several outcomes land on one resource (a rule reporting on a log group through two
 * services), the worst one is posted: a failure outranks not knowing, which outranks a pass.
 */
const RANK: Readonly<Record<Compliance, number>> = {
  NON_COMPLIANT: 0,
  INSUFFICIENT_DATA: 1,
  COMPLIANT: 2,
  NOT_APPLICABLE: 3,
};

export const worseCompliance = (a: Compliance, b: Compliance): Compliance => (RANK[a] <= RANK[b] ? a : b);

export const isCompliance = (value: unknown): value is Compliance => typeof value === "string" && value in RANK;
