/*
 * log-retention (log groups): Log retention: CloudWatch log group retention set (not unlimited).
 * Given a log group without RetentionInDays, Then it fails: it never expires.
 * Given a log group whose retention is shorter than minRetentionDays, Then it fails (too short for forensics).
 * Given any other retention, Then it passes.
 */
import { LOG_GROUP, logGroupNameOf } from "../../inventory/relations/logs";
import { defineRule } from "../rule";
import { judgeRetention } from "./retention";

export const logRetention = defineRule({
  itemId: "log-retention",
  resourceTypes: [LOG_GROUP],
  readsTypes: [],
  evaluate(group, { params }) {
    return judgeRetention(
      `log group ${logGroupNameOf(group)}`,
      group.properties.RetentionInDays,
      params.minRetentionDays,
    );
  },
});
