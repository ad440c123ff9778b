/*
 * golden-signals (queues): Metrics: four golden signals + SQS queue depth + DLQ depth.
 * Given a queue (source or DLQ), Then a CloudWatch alarm must watch its depth: AWS/SQS
 *   ApproximateNumberOfMessagesVisible or ApproximateAgeOfOldestMessage with a QueueName dimension
 *   naming it (a single-metric alarm or a metric-math alarm's MetricStat); else it fails.
 * Given no such alarm but an AWS/SQS alarm whose QueueName is unknown, Then it is unknown.
 */
import { alarmedMetricsOf, CLOUDWATCH_ALARM, undeterminedAlarmedMetrics } from "../../inventory/relations/alarms";
import { isDeadLetterQueue } from "../../inventory/relations/dead-letters";
import { queueNameOf, SQS_QUEUE } from "../../inventory/relations/sqs";
import { displayName } from "../../model/resource";
import { compliant, defineRule, nonCompliant, undecided } from "../rule";

const DEPTH_METRICS = new Set(["ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage"]);

export const goldenSignalsQueues = defineRule({
  itemId: "golden-signals",
  resourceTypes: [SQS_QUEUE],
  readsTypes: [CLOUDWATCH_ALARM],
  evaluate(queue, { inventory }) {
    const name = queueNameOf(queue);
    const what = isDeadLetterQueue(inventory, queue) ? "DLQ" : "queue";
    const isDepth = (m: { namespace: string; metricName: string; dimension: string }) =>
      m.namespace === "AWS/SQS" && m.dimension === "QueueName" && DEPTH_METRICS.has(m.metricName);
    const depth = alarmedMetricsOf(inventory, queue, [name]).find(isDepth);
    if (depth) return compliant(`${what} ${name}: depth alarm ${displayName(depth.alarm)} on ${depth.metricName}`);
    const undetermined = undeterminedAlarmedMetrics(inventory, "AWS/SQS").find(isDepth);
    if (undetermined)
      return undecided(
        `${what} ${name}: alarm ${displayName(undetermined.alarm)} watches a queue whose name is unknown`,
      );
    return nonCompliant(`${what} ${name} has no queue depth alarm (ApproximateNumberOfMessagesVisible)`);
  },
});
