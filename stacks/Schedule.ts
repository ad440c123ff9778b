import { CHECKLIST, RULES } from "@readiness/core";
import { nightlyPolicyStatements } from "@readiness/core/checklist/iam/index";
import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { Schedule as EventSchedule, Rule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { dependsOn, Function as SstFunction, type StackContext, use } from "sst/constructs";
import { Rules } from "./Rules";
import { Storage } from "./Storage";
import { readinessConfigJson } from "./support/gate-environment";
import { VISIBILITY_TIMEOUT_FACTOR } from "./support/gate-timeouts";
import { retainCustomResourceHandlerLogs } from "./support/log-retention";
import { readinessConfigForDeploy } from "./support/readiness-config";

export const NIGHTLY_HANDLER = "packages/functions/src/nightly.handler";
export const NIGHTLY_DLQ_PROCESSOR_HANDLER = "packages/functions/src/nightly-dlq-processor.handler";

/**
 * 03:00 UTC every day, after the Config periodic rules: they run every 24 hours from when each rule
 * was created (Config has no time of day), so, deployed during a working day in Europe or the
 * Americas, the day's periodic evaluations are in by then and the snapshot shows the state the
 * console shows; and the two do not read the account at the same time. The nightly evaluates by
 * itself (it reads no Config result), so a late periodic run changes nothing in the snapshot.
 */
export const NIGHTLY_SCHEDULE = { minute: "0", hour: "3" } as const;
/** Reading an account and evaluating every item for every service: far below Lambda's 15 minutes. */
export const NIGHTLY_TIMEOUT_SECONDS = 600;
const NIGHTLY_DLQ_PROCESSOR_TIMEOUT_SECONDS = 30;

/** The nightly evaluation: a cron rule → the nightly function (+ its DLQ, alarm and DLQ processor). */
export function Schedule({ stack }: StackContext) {
  const { resultsTable } = use(Storage);
  // After Rules in the deploy order (as in sst.config.ts), though it uses none of its constructs.
  dependsOn(Rules);

  // A night that still fails after Lambda's retries, or that the rule could not deliver, lands here.
  const deadLetterQueue = new Queue(stack, "NightlyDeadLetterQueue", {
    retentionPeriod: Duration.days(14),
    visibilityTimeout: Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * NIGHTLY_DLQ_PROCESSOR_TIMEOUT_SECONDS),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  new Alarm(stack, "NightlyDeadLetterQueueNotEmpty", {
    alarmDescription:
      "A nightly readiness run failed after all retries: that day has no snapshot; see the nightly logs",
    metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: "Maximum",
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });

  const environment = {
    RESULTS_TABLE_NAME: resultsTable.tableName,
    EVENT_BUS_NAME: "default",
    READINESS_CONFIG_JSON: readinessConfigJson(readinessConfigForDeploy()),
  };
  const nightly = new SstFunction(stack, "Nightly", {
    handler: NIGHTLY_HANDLER,
    description: "Evaluates every readiness item for every ECS service in scope and writes the day's snapshot",
    timeout: NIGHTLY_TIMEOUT_SECONDS,
    memorySize: "1024 MB",
    environment: { ...environment, POWERTOOLS_SERVICE_NAME: "nightly" },
    deadLetterQueue,
    retryAttempts: 2,
  });
  const statements = nightlyPolicyStatements(
    RULES,
    {
      resultsTable: resultsTable.tableArn,
      eventBus: stack.formatArn({ service: "events", resource: "event-bus", resourceName: environment.EVENT_BUS_NAME }),
    },
    CHECKLIST,
  );
  for (const { sid, actions, resources } of statements)
    nightly.addToRolePolicy(new PolicyStatement({ sid, actions: [...actions], resources: [...resources] }));

  new Rule(stack, "NightlySchedule", {
    description: "Runs the nightly readiness evaluation at 03:00 UTC",
    schedule: EventSchedule.cron(NIGHTLY_SCHEDULE),
    targets: [new LambdaFunction(nightly, { deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.hours(2) })],
  });

  const deadLetterProcessor = new SstFunction(stack, "NightlyDlqProcessor", {
    handler: NIGHTLY_DLQ_PROCESSOR_HANDLER,
    description: "Records nightly readiness runs that failed after retries",
    timeout: NIGHTLY_DLQ_PROCESSOR_TIMEOUT_SECONDS,
    memorySize: "256 MB",
    environment: { RESULTS_TABLE_NAME: resultsTable.tableName, POWERTOOLS_SERVICE_NAME: "nightly-dlq-processor" },
  });
  deadLetterProcessor.addEventSource(
    new SqsEventSource(deadLetterQueue, { batchSize: 10, reportBatchItemFailures: true }),
  );
  deadLetterProcessor.addToRolePolicy(
    new PolicyStatement({
      sid: "RecordNightlyDeadLetters",
      actions: ["dynamodb:PutItem"],
      resources: [resultsTable.tableArn],
    }),
  );

  retainCustomResourceHandlerLogs(stack);
  stack.addOutputs({
    NightlyFunctionName: nightly.functionName,
    NightlyDeadLetterQueueUrl: deadLetterQueue.queueUrl,
  });
  return { nightly, deadLetterQueue, deadLetterProcessor };
}
