/*
 * What Config is sent for each decision: the three types PutEvaluations accepts, an undecided
 * resource NON_COMPLIANT with "UNDECIDED: <reason>" inside Config's 256 characters. Every posted
 * evaluation is run through the PutEvaluations contract (packages/devkit/src/test-support/aws-contracts).
 */
import { describe, expect, it } from "vitest";
import { validatePutEvaluations } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { COMPLIANCE, type Compliance, type PostedCompliance, worseCompliance } from "../kernel/results/compliance";
import type { Evaluation } from "./evaluation";
import { type PostedEvaluation, postedEvaluationOf, UNDECIDED_PREFIX } from "./posted-evaluation";

const AT = new Date("2026-11-30T02:00:00.000Z");

const decided = (compliance: Compliance, annotation = "needs document: no on-call rotation published"): Evaluation => ({
  itemId: "oncall",
  resourceType: "AWS::ECS::Service",
  resourceId: "arn:aws:ecs:us-east-1:111111111111:service/tasks/api",
  compliance,
  annotation,
  orderingTimestamp: AT,
});

/** Config's contract for a call carrying these evaluations (throws what Config would). */
const acceptedByConfig = (...posted: PostedEvaluation[]): void =>
  validatePutEvaluations({ Evaluations: posted, ResultToken: "token" });

describe("postedEvaluationOf", () => {
  it.each([COMPLIANCE.compliant, COMPLIANCE.nonCompliant, COMPLIANCE.notApplicable])(
    "Compliance: a decided %s is posted as it is, with its reason",
    (compliance) => {
      const posted = postedEvaluationOf(decided(compliance, "all containers hardened"));
      expect(posted).toEqual({
        ComplianceResourceType: "AWS::ECS::Service",
        ComplianceResourceId: "arn:aws:ecs:us-east-1:111111111111:service/tasks/api",
        ComplianceType: compliance,
        Annotation: "all containers hardened",
        OrderingTimestamp: AT,
      });
      acceptedByConfig(posted);
    },
  );

  it("Undecided: INSUFFICIENT_DATA is posted NON_COMPLIANT (not ticked), the annotation saying UNDECIDED and why", () => {
    const posted = postedEvaluationOf(decided(COMPLIANCE.insufficientData));
    expect(posted).toMatchObject({
      ComplianceType: "NON_COMPLIANT",
      Annotation: "UNDECIDED: needs document: no on-call rotation published",
    });
    acceptedByConfig(posted);
  });

  it("Undecided: a long reason is cut, never the prefix, and the whole stays within 256 characters", () => {
    const reason = `configuration passes (${"container api: read-only root; ".repeat(12)})`;
    const posted = postedEvaluationOf(decided(COMPLIANCE.insufficientData, reason));
    expect(posted.Annotation).toHaveLength(256);
    expect(posted.Annotation.startsWith(`${UNDECIDED_PREFIX}configuration passes (container api:`)).toBe(true);
    expect(posted.Annotation.endsWith("…")).toBe(true);
    acceptedByConfig(posted);
  });

  it("Undecided: a reason that fits beside the prefix exactly is not cut", () => {
    const reason = "r".repeat(256 - UNDECIDED_PREFIX.length);
    expect(postedEvaluationOf(decided(COMPLIANCE.insufficientData, reason)).Annotation).toBe(
      `${UNDECIDED_PREFIX}${reason}`,
    );
  });

  it("the compiler keeps INSUFFICIENT_DATA out of what is posted", () => {
    // @ts-expect-error INSUFFICIENT_DATA is no PostedCompliance: Config refuses it from PutEvaluations.
    const refused: PostedCompliance = COMPLIANCE.insufficientData;
    expect(() =>
      acceptedByConfig({ ...postedEvaluationOf(decided(COMPLIANCE.compliant)), ComplianceType: refused }),
    ).toThrow(expect.objectContaining({ name: "InvalidParameterValueException" }));
  });
});

describe("worseCompliance (several outcomes on one resource)", () => {
  const ORDER: Compliance[] = [
    COMPLIANCE.nonCompliant,
    COMPLIANCE.insufficientData,
    COMPLIANCE.compliant,
    COMPLIANCE.notApplicable,
  ];
  const pairs = ORDER.flatMap((a, i) => ORDER.map((b, j) => [a, b, ORDER[Math.min(i, j)]] as const));

  it.each(pairs)("%s with %s keeps %s: failure, then undecided, then pass, then not applicable", (a, b, worst) => {
    expect(worseCompliance(a, b)).toBe(worst);
  });

  it("undecided merged with a pass is posted as not ticked, with the reason it is undecided", () => {
    const merged = worseCompliance(COMPLIANCE.compliant, COMPLIANCE.insufficientData);
    expect(postedEvaluationOf(decided(merged, "could not read AWS::EC2::Subnet")).Annotation).toBe(
      "UNDECIDED: could not read AWS::EC2::Subnet",
    );
  });
});
