import type { SourceLocation } from "./resource";

/** The four outcomes of one rule on one resource. */
export type Verdict = "compliant" | "non_compliant" | "not_applicable" | "unknown";

/** Status of a finding or an item in reports: the JSON contract's three values. */
export type Status = "pass" | "fail" | "unknown";

export const statusOfVerdict = (verdict: Exclude<Verdict, "not_applicable">): Status =>
  verdict === "compliant" ? "pass" : verdict === "non_compliant" ? "fail" : "unknown";

/** The evaluation kinds of CHECKLIST.md. */
export type EvaluationKind = "config" | "probe" | "evidence" | "document";

export interface Finding {
  /** Template logical id, or a live resource's ARN or id. */
  readonly resource: string;
  readonly type: string;
  readonly status: Status;
  readonly reason: string;
  /** Which part of the item produced it. */
  readonly kind: EvaluationKind;
  readonly location?: SourceLocation;
}

/** The verdict of one evaluation kind of an item (an item may combine kinds). */
export interface PartResult {
  readonly kind: EvaluationKind;
  readonly status: Status;
  /** One line: why this status. */
  readonly reason: string;
}
