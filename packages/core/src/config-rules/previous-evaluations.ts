import {
  type ComplianceType,
  type ConfigServiceClient,
  GetComplianceDetailsByConfigRuleCommand,
} from "@aws-sdk/client-config-service";
import type { ConfigResourceKey } from "../checklist/adapters/config-item/identity";
import { COMPLIANCE, type Compliance, isCompliance } from "../kernel/results/compliance";

export interface PreviousEvaluation extends ConfigResourceKey {
  readonly compliance: Compliance;
}

/**
 * Results that still claim something about a resource (a NOT_APPLICABLE one needs no correction).
 * Not INSUFFICIENT_DATA: "INSUFFICIENT_DATA cannot be used as a ComplianceType for filtering
 * results" (API reference, GetComplianceDetailsByConfigRule), and the evaluator never posts it (an
 * undecided resource is posted NON_COMPLIANT), so no result of the rule carries it.
 */
const CLAIMING: ComplianceType[] = [COMPLIANCE.compliant, COMPLIANCE.nonCompliant];

/** Every evaluation Config holds for the rule that still claims something, all pages read. */
export const previousEvaluationsOfRule = async (
  client: ConfigServiceClient,
  ruleName: string,
): Promise<PreviousEvaluation[]> => {
  const previous: PreviousEvaluation[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetComplianceDetailsByConfigRuleCommand({
        ConfigRuleName: ruleName,
        ComplianceTypes: CLAIMING,
        Limit: 100,
        NextToken: nextToken,
      }),
    );
    for (const result of page.EvaluationResults ?? []) {
      const qualifier = result.EvaluationResultIdentifier?.EvaluationResultQualifier;
      const compliance = result.ComplianceType;
      if (!qualifier?.ResourceType || !qualifier.ResourceId || !isCompliance(compliance)) continue;
      previous.push({ resourceType: qualifier.ResourceType, resourceId: qualifier.ResourceId, compliance });
    }
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return previous;
};
