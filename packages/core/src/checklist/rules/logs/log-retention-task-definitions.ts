/*
 * log-retention (task definitions): Log retention: CloudWatch log group retention set (not unlimited).
 * Given a container whose awslogs driver creates its group (awslogs-create-group "true") and no
 *   such log group resource exists, Then the task definition fails: the driver's group never expires.
 * Given a live revision no service runs, Then not applicable.
 * Given containers that log to declared log groups (checked on their own) or not to awslogs, Then not applicable.
 */
import { ECS_TASK_DEFINITION, taskDefinitionIsRun } from "../../inventory/relations/ecs";
import { containerLogGroups, LOG_GROUP } from "../../inventory/relations/logs";
import { isUnknown } from "../../model/value";
import { combine, defineRule, nonCompliant, notApplicable, type RuleOutcome, undecided } from "../rule";

export const logRetentionTaskDefinitions = defineRule({
  itemId: "log-retention",
  resourceTypes: [ECS_TASK_DEFINITION],
  readsTypes: [LOG_GROUP],
  evaluate(taskDefinition, { inventory }) {
    // Live accounts keep every old revision; only the revisions services run matter there.
    if (inventory.source !== "template" && !taskDefinitionIsRun(inventory, taskDefinition))
      return notApplicable("no service runs this revision");
    const logs = containerLogGroups(inventory, taskDefinition);
    if (isUnknown(logs)) return undecided(`containers unknown: ${logs.reason}`);
    const checks: RuleOutcome[] = [];
    for (const log of logs) {
      if (log.resource || !log.createdByDriver) continue;
      if (isUnknown(log.group))
        checks.push(undecided(`container ${log.container}: awslogs-group unknown (${log.group.reason})`));
      else
        checks.push(nonCompliant(`log group ${String(log.group)} is created by the awslogs driver and never expires`));
    }
    if (checks.length === 0) return notApplicable("container log groups are declared resources, checked on their own");
    return combine(checks, "every container log group is a declared resource");
  },
});
