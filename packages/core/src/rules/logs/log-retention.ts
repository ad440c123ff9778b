/*
 * log-retention (log groups): Log retention: CloudWatch log group retention set (not unlimited).
 * Given a log group without RetentionInDays, Then it fails: it never expires.
 * Given a log group whose retention is shorter than minRetentionDays, Then it fails (too short for forensics).
 * Given any other retention, Then it passes.
 */
import { LOG_GROUP, logGroupNameOf } from "../../inventory/relations/logs";
import { isUnknown } from "../../model/value";
import { compliant, defineRule, nonCompliant, undecided } from "../rule";

export const logRetention = defineRule({
  itemId: "log-retention",
  resourceTypes: [LOG_GROUP],
  readsTypes: [],
  liveActions: ["logs:DescribeLogGroups"],
  evaluate(group, { params }) {
    const name = logGroupNameOf(group);
    const retention = group.properties.RetentionInDays;
    if (isUnknown(retention)) return undecided(`log group ${name}: retention unknown (${retention.reason})`);
    if (retention === undefined || retention === null)
      return nonCompliant(`log group ${name} never expires (no RetentionInDays)`);
    const days = Number(retention);
    if (!Number.isFinite(days))
      return undecided(`log group ${name}: RetentionInDays ${String(retention)} is not a number`);
    if (days < params.minRetentionDays)
      return nonCompliant(
        `log group ${name} keeps logs ${days} days, less than the minimum ${params.minRetentionDays}`,
      );
    return compliant(`log group ${name} keeps logs ${days} days`);
  },
});
