import { combine, nonCompliant, type RuleOutcome } from "../rule";

/**
 * `combine`, but a failure names at most `max` distinct problems and counts the rest: reasons
 * become Config annotations, which must stay short.
 */
export const combineBriefly = (checks: readonly RuleOutcome[], passReason: string, max = 2): RuleOutcome => {
  const failures = [...new Set(checks.filter((c) => c.verdict === "non_compliant").map((c) => c.reason))];
  if (failures.length <= max) return combine(checks, passReason);
  return nonCompliant(`${failures.slice(0, max).join("; ")} (+${failures.length - max} more)`);
};
