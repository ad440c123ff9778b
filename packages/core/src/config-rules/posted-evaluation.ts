import type { Evaluation as ConfigEvaluation } from "@aws-sdk/client-config-service";
import { ANNOTATION_LIMIT, annotationOf } from "./annotation";
import { COMPLIANCE, type PostedCompliance } from "../kernel/results/compliance";
import type { Evaluation } from "./evaluation";

/**
 * How an undecided resource is posted. Config refuses INSUFFICIENT_DATA from PutEvaluations, and
 * an undecided item is not ticked, so it is posted NON_COMPLIANT; the annotation begins with this
 * prefix so the Config console says why it is not ticked, and that nothing has failed yet.
 */
export const UNDECIDED_PREFIX = "UNDECIDED: ";

/** One evaluation as PutEvaluations takes it: the compiler keeps INSUFFICIENT_DATA out. */
export interface PostedEvaluation extends ConfigEvaluation {
  readonly ComplianceResourceType: string;
  readonly ComplianceResourceId: string;
  readonly ComplianceType: PostedCompliance;
  readonly Annotation: string;
  readonly OrderingTimestamp: Date;
}

/**
 * The evaluation Config is sent for a decision. An undecided one is NON_COMPLIANT with
 * "UNDECIDED: <reason>", cut to Config's 256 characters on the reason's side, never the prefix's.
 */
export const postedEvaluationOf = (e: Evaluation): PostedEvaluation => {
  const undecided = e.compliance === COMPLIANCE.insufficientData;
  return {
    ComplianceResourceType: e.resourceType,
    ComplianceResourceId: e.resourceId,
    ComplianceType: undecided ? COMPLIANCE.nonCompliant : e.compliance,
    Annotation: undecided
      ? `${UNDECIDED_PREFIX}${annotationOf(e.annotation, ANNOTATION_LIMIT - UNDECIDED_PREFIX.length)}`
      : annotationOf(e.annotation),
    OrderingTimestamp: e.orderingTimestamp,
  };
};
