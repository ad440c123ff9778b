/*
 * log-retention (Lambda functions): Log retention: CloudWatch log group retention set (not unlimited).
 * A function logs to LoggingConfig.LogGroup, else to Lambda's default /aws/lambda/<function name>.
 * Given that group is a log group resource in scope, Then not applicable: the group is judged on its own.
 * Given its retention is set by a log group out of scope or by a Custom::LogRetention (CDK's and
 *   SST's logRetention), Then that retention is judged as a log group's is.
 * Given nothing sets it, Then it fails: Lambda creates the group on first use, and it never expires.
 * Given the group's name, or the group a Custom::LogRetention names, is unknown, Then unknown.
 */
import {
  functionLogGroupName,
  functionNameOf,
  LAMBDA_FUNCTION,
  LOG_RETENTION_CUSTOM_RESOURCE,
  retentionSetterOf,
} from "../../inventory/relations/lambda";
import { LOG_GROUP } from "../../inventory/relations/logs";
import { displayName } from "../../model/resource";
import { isUnknown } from "../../model/value";
import { defineRule, nonCompliant, notApplicable, undecided } from "../rule";
import { judgeRetention } from "./retention";

export const logRetentionFunctions = defineRule({
  itemId: "log-retention",
  resourceTypes: [LAMBDA_FUNCTION],
  readsTypes: [LOG_GROUP, LOG_RETENTION_CUSTOM_RESOURCE],
  evaluate(fn, { inventory, params, scope }) {
    const name = functionNameOf(fn);
    const group = functionLogGroupName(fn);
    if (isUnknown(group)) return undecided(`function ${name}: its log group is unknown (${group.reason})`);
    const setter = retentionSetterOf(inventory, group);
    if (isUnknown(setter)) return undecided(`function ${name} logs to ${group}: ${setter.reason}`);
    if (!setter)
      return nonCompliant(
        `function ${name} logs to ${group}, which nothing gives a retention: Lambda creates it on first use and it never expires`,
      );
    if (setter.resource.type === LOG_GROUP && scope.includes(setter.resource))
      return notApplicable(`log group ${group} is judged on its own`);
    const via = setter.resource.type === LOG_GROUP ? "" : ` (set by ${displayName(setter.resource)})`;
    return judgeRetention(`function ${name}'s log group ${group}${via}`, setter.retention, params.minRetentionDays);
  },
});
