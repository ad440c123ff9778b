import type { ItemId } from "../checklist/catalogue/items";
import type { Compliance } from "../kernel/results/compliance";

/** One verdict of one checklist item on one resource, keyed the way AWS Config keys it. */
export interface Evaluation {
  readonly itemId: ItemId;
  readonly resourceType: string;
  readonly resourceId: string;
  /** The decision; INSUFFICIENT_DATA (undecided) is posted as `postedEvaluationOf` says. */
  readonly compliance: Compliance;
  /** The reason, ≤ 256 characters (annotationOf); posting may prefix it ("UNDECIDED: "). */
  readonly annotation: string;
  readonly orderingTimestamp: Date;
}

export const evaluationKey = (e: Pick<Evaluation, "resourceType" | "resourceId">): string =>
  `${e.resourceType}|${e.resourceId}`;
