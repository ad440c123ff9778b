import { isUnknown } from "../../model/value";
import { compliant, nonCompliant, type RuleOutcome, undecided } from "../rule";

/**
 * Judges a RetentionInDays as written, for the log group `what` names ("log group /ecs/api"):
 * unset never expires; shorter than the minimum is too short for forensics.
 */
export const judgeRetention = (what: string, retention: unknown, minRetentionDays: number): RuleOutcome => {
  if (isUnknown(retention)) return undecided(`${what}: retention unknown (${retention.reason})`);
  if (retention === undefined || retention === null) return nonCompliant(`${what} never expires (no RetentionInDays)`);
  const days = Number(retention);
  if (!Number.isFinite(days)) return undecided(`${what}: RetentionInDays ${String(retention)} is not a number`);
  if (days < minRetentionDays)
    return nonCompliant(`${what} keeps logs ${days} days, less than the minimum ${minRetentionDays}`);
  return compliant(`${what} keeps logs ${days} days`);
};
