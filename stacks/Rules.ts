import { CHECKLIST, paramsFromConfig, RULES } from "@readiness/core";
import {
  configRuleSpecs,
  evaluatorPolicyStatements,
  type PolicyStatementSpec,
} from "@readiness/core/checklist/iam/index";
import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { CustomRule, MaximumExecutionFrequency, ResourceType, RuleScope } from "aws-cdk-lib/aws-config";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { dependsOn, Function as SstFunction, type StackContext, use } from "sst/constructs";
import { Storage } from "./Storage";
import { VISIBILITY_TIMEOUT_FACTOR } from "./support/gate-timeouts";
import { retainCustomResourceHandlerLogs } from "./support/log-retention";
import { readinessConfigForDeploy } from "./support/readiness-config";

export const EVALUATOR_HANDLER = "packages/functions/src/config-evaluator.handler";
export const EVALUATOR_DLQ_PROCESSOR_HANDLER = "packages/functions/src/evaluator-dlq-processor.handler";
const EVALUATOR_DLQ_PROCESSOR_TIMEOUT_SECONDS = 30;

/**
 * The evaluator DLQ processor (packages/core/src/config-rules/dead-letters.ts) stores each dead
 * letter and starts its rule's evaluation again: one write, one Config call on the readiness rules.
 */
export const evaluatorDlqProcessorStatements = (arns: {
  readonly resultsTable: string;
  readonly configRules: readonly string[];
}): PolicyStatementSpec[] => [
  { sid: "RecordEvaluatorDeadLetters", actions: ["dynamodb:PutItem"], resources: [arns.resultsTable] },
  { sid: "RedriveReadinessRules", actions: ["config:StartConfigRulesEvaluation"], resources: [...arns.configRules] },
];

/** Resource types AWS Config records, as CDK knows them (the rest cannot trigger a change-triggered rule). */
const configRecordedTypes = (): ReadonlySet<string> =>
  new Set(
    Object.values(ResourceType)
      .filter((value): value is ResourceType => value instanceof ResourceType)
      .map((type) => type.complianceResourceType),
  );

/**
 * One evaluator function serves every checklist item's AWS Config custom rule. Which rules exist,
 * what triggers them and what the function may call are all derived in @readiness/core/checklist/iam from
 * the checklist and the rules' declarations; this stack only wires the result.
 */
export function Rules({ stack }: StackContext) {
  const { resultsTable } = use(Storage);
  // Explicit, so deploy order holds even before CDK infers it from the cross-stack references.
  dependsOn(Storage);

  // Config invokes the evaluator asynchronously: events that still fail after Lambda's retries land here.
  const deadLetterQueue = new Queue(stack, "EvaluatorDeadLetterQueue", {
    retentionPeriod: Duration.days(14),
    // Consumed by the DLQ processor: not redelivered while a batch of it is still being handled.
    visibilityTimeout: Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * EVALUATOR_DLQ_PROCESSOR_TIMEOUT_SECONDS),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  new Alarm(stack, "EvaluatorDeadLetterQueueNotEmpty", {
    alarmDescription: "Config rule evaluations failed after all retries: see the readiness evaluator logs",
    metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: "Maximum",
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });

  const evaluator = new SstFunction(stack, "ConfigEvaluator", {
    handler: EVALUATOR_HANDLER,
    description: "Evaluates the readiness checklist items for AWS Config custom rules",
    timeout: "5 minutes",
    memorySize: "1024 MB",
    environment: { RESULTS_TABLE_NAME: resultsTable.tableName, POWERTOOLS_SERVICE_NAME: "config-evaluator" },
    deadLetterQueue,
    retryAttempts: 2,
  });
  const statements = evaluatorPolicyStatements(
    RULES,
    {
      resultsTable: resultsTable.tableArn,
      configRules: stack.formatArn({ service: "config", resource: "config-rule", resourceName: "*" }),
    },
    CHECKLIST,
  );
  for (const { sid, actions, resources } of statements)
    evaluator.addToRolePolicy(new PolicyStatement({ sid, actions: [...actions], resources: [...resources] }));

  // Handing CustomRule an imported reference (no role) stops it attaching the broad managed
  // AWSConfigRulesExecutionRole policy: the derived statements above are all the function gets.
  const invokedByConfig = LambdaFunction.fromFunctionAttributes(stack, "ConfigEvaluatorForConfig", {
    functionArn: evaluator.functionArn,
    sameEnvironment: true,
  });
  const config = readinessConfigForDeploy();
  const paramsOf = paramsFromConfig(config);
  const specs = configRuleSpecs({
    items: CHECKLIST,
    rules: RULES,
    paramsOf: (id) => paramsOf(id) as Readonly<Record<string, unknown>>,
    recordedTypes: configRecordedTypes(),
  });
  // By item id: the Gate stack starts the post-deploy-smoke rule's evaluation after every verdict.
  const configRules = new Map<string, CustomRule>();
  for (const spec of specs) {
    const changeTriggered = spec.changeTypes.length > 0;
    // CustomRule depends on the function reference, so on the invoke permission created under it:
    // Config checks at PutConfigRule that it may invoke the function.
    const rule = new CustomRule(stack, `Rule-${spec.itemId}`, {
      configRuleName: spec.name,
      description: CHECKLIST.find((item) => item.id === spec.itemId)?.title,
      lambdaFunction: invokedByConfig,
      inputParameters: { ...spec.inputParameters },
      configurationChanges: changeTriggered,
      ruleScope: changeTriggered ? RuleScope.fromResources(spec.changeTypes.map(ResourceType.of)) : undefined,
      periodic: spec.periodic,
      maximumExecutionFrequency: spec.periodic ? MaximumExecutionFrequency.TWENTY_FOUR_HOURS : undefined,
    });
    configRules.set(spec.itemId, rule);
  }

  // Something processes the DLQ: each dead letter is recorded and its rule evaluated again.
  const deadLetterProcessor = new SstFunction(stack, "EvaluatorDlqProcessor", {
    handler: EVALUATOR_DLQ_PROCESSOR_HANDLER,
    description: "Records Config evaluations that failed after retries and starts their rules' evaluation again",
    timeout: EVALUATOR_DLQ_PROCESSOR_TIMEOUT_SECONDS,
    memorySize: "256 MB",
    environment: { RESULTS_TABLE_NAME: resultsTable.tableName, POWERTOOLS_SERVICE_NAME: "evaluator-dlq-processor" },
  });
  deadLetterProcessor.addEventSource(
    new SqsEventSource(deadLetterQueue, { batchSize: 10, reportBatchItemFailures: true }),
  );
  const processorStatements = evaluatorDlqProcessorStatements({
    resultsTable: resultsTable.tableArn,
    configRules: [...configRules.values()].map((rule) => rule.configRuleArn),
  });
  for (const { sid, actions, resources } of processorStatements)
    deadLetterProcessor.addToRolePolicy(new PolicyStatement({ sid, actions: [...actions], resources: [...resources] }));

  retainCustomResourceHandlerLogs(stack);
  stack.addOutputs({
    EvaluatorFunctionName: evaluator.functionName,
    EvaluatorDeadLetterQueueUrl: deadLetterQueue.queueUrl,
  });
  return {
    evaluator,
    deadLetterQueue,
    deadLetterProcessor,
    configRules: configRules as ReadonlyMap<string, CustomRule>,
  };
}
