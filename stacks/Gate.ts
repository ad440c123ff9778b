import { DerivationError } from "@readiness/core/checklist/iam/index";
import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { Rule } from "aws-cdk-lib/aws-events";
import { SqsQueue } from "aws-cdk-lib/aws-events-targets";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { dependsOn, Function as SstFunction, type StackContext, use } from "sst/constructs";
import { Rules } from "./Rules";
import { Storage } from "./Storage";
import { readinessConfigJson } from "./support/gate-environment";
import { dlqProcessorStatements, gateHandlerStatements, lifecycleHookStatements } from "./support/gate-policy";
import { gateScope } from "./support/gate-scope";
import { assertSmokeFitsGate, GATE_HANDLER_TIMEOUT_SECONDS, VISIBILITY_TIMEOUT_FACTOR } from "./support/gate-timeouts";
import { retainCustomResourceHandlerLogs } from "./support/log-retention";
import { readinessConfigForDeploy } from "./support/readiness-config";

export const GATE_HANDLER = "packages/functions/src/deployment-gate.handler";
export const GATE_DLQ_PROCESSOR_HANDLER = "packages/functions/src/gate-dlq-processor.handler";
export const LIFECYCLE_HOOK_HANDLER = "packages/functions/src/lifecycle-hook.handler";

/** Receives of a deployment event before it goes to the DLQ: a retry or two for passing faults. */
export const GATE_MAX_RECEIVE_COUNT = 3;
const DLQ_PROCESSOR_TIMEOUT_SECONDS = 30;
/**
 * One hook invocation waits a few seconds for its smoke run (hook.ts `waitMs`, 5 s), then answers
 * IN_PROGRESS with a callback delay; 60 s leaves room for that wait and its DynamoDB calls.
 */
const LIFECYCLE_HOOK_TIMEOUT_SECONDS = 60;

/** The post-deploy gate: ECS deployment events → queue (+ DLQ and its processor) → handler; the lifecycle hook. */
export function Gate({ stack }: StackContext) {
  const { resultsTable, idempotencyTable } = use(Storage);
  const { configRules } = use(Rules);
  // Explicit, so deploy order holds even before CDK infers it from the cross-stack references.
  dependsOn(Rules);
  const postDeploySmoke = configRules.get("post-deploy-smoke");
  if (!postDeploySmoke)
    throw new DerivationError(
      "the Rules stack has no post-deploy-smoke Config rule for the gate to re-evaluate",
      "keep the post-deploy-smoke item in the checklist and its rule in the Rules stack",
    );

  const config = readinessConfigForDeploy();
  assertSmokeFitsGate(config);
  const where = { partition: stack.partition, region: stack.region, account: stack.account };
  const scope = gateScope(config, where);
  const arns = {
    resultsTable: resultsTable.tableArn,
    idempotencyTable: idempotencyTable.tableArn,
    defaultEventBus: stack.formatArn({ service: "events", resource: "event-bus", resourceName: "default" }),
    postDeploySmokeRule: postDeploySmoke.configRuleArn,
  };
  const environment = {
    RESULTS_TABLE_NAME: resultsTable.tableName,
    IDEMPOTENCY_TABLE_NAME: idempotencyTable.tableName,
    EVENT_BUS_NAME: "default",
    POST_DEPLOY_SMOKE_RULE: postDeploySmoke.configRuleName,
    READINESS_CONFIG_JSON: readinessConfigJson(config),
  };
  const grant = (fn: SstFunction, statements: ReturnType<typeof gateHandlerStatements>): void => {
    for (const { sid, actions, resources } of statements)
      fn.addToRolePolicy(new PolicyStatement({ sid, actions: [...actions], resources: [...resources] }));
  };

  // Events the handler failed on three times; its processor records them, the alarm tells a human.
  const deadLetterQueue = new Queue(stack, "GateDeadLetterQueue", {
    // Longer than the source queue's: a message keeps its first enqueue time when it moves here.
    retentionPeriod: Duration.days(14),
    visibilityTimeout: Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * DLQ_PROCESSOR_TIMEOUT_SECONDS),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  // SQS-managed keys: EventBridge can send to them without a KMS key policy.
  const queue = new Queue(stack, "DeploymentEventQueue", {
    retentionPeriod: Duration.days(4),
    visibilityTimeout: Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * GATE_HANDLER_TIMEOUT_SECONDS),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: GATE_MAX_RECEIVE_COUNT },
  });

  // EventBridge's own wildcard filter, written out: CDK's Match.wildcard is a list token that
  // cannot share one array with plain ARNs.
  const resources = scope.eventResources.map((match) =>
    "exact" in match ? match.exact : ({ wildcard: match.wildcard } as unknown as string),
  );
  const rule = new Rule(stack, "EcsDeploymentStateChange", {
    description: "ECS deployments of the gated services, for the readiness post-deploy gate",
    // Nothing is gated without a service with a smoke endpoint in readiness.yml: the rule stays off.
    enabled: resources.length > 0,
    eventPattern: {
      source: ["aws.ecs"],
      detailType: ["ECS Deployment State Change"],
      ...(resources.length > 0 ? { resources } : {}),
    },
  });
  // The target adds the queue policy: events.amazonaws.com may send, only on behalf of this rule.
  rule.addTarget(new SqsQueue(queue));

  new Alarm(stack, "GateDeadLetterQueueNotEmpty", {
    alarmDescription:
      "Deployment events the readiness gate failed on three times: see the gate-dlq-processor and deployment-gate logs",
    metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(1),
      statistic: "Maximum",
    }),
    threshold: 0,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });

  // The queue's depth signal (golden-signals): a deployment waits for its verdict. An event still
  // queued after one visibility timeout has failed a delivery or is not being consumed; the age of
  // the oldest message says so however rarely deployments come, where a count threshold would not.
  const visibilityTimeoutSeconds = VISIBILITY_TIMEOUT_FACTOR * GATE_HANDLER_TIMEOUT_SECONDS;
  new Alarm(stack, "DeploymentEventQueueStalled", {
    alarmDescription: `A deployment event has waited over ${visibilityTimeoutSeconds / 60} minutes for the readiness gate: it failed a delivery or the gate is not consuming; see the deployment-gate logs`,
    metric: queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: "Maximum" }),
    threshold: visibilityTimeoutSeconds,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });

  const handler = new SstFunction(stack, "DeploymentGate", {
    handler: GATE_HANDLER,
    description: "Smoke-tests every ECS deployment of the gated services and rolls a failing one back",
    timeout: GATE_HANDLER_TIMEOUT_SECONDS,
    memorySize: "512 MB",
    environment: { ...environment, POWERTOOLS_SERVICE_NAME: "deployment-gate" },
  });
  // One event per invocation: the timeout is sized for one smoke run, not a batch of them.
  handler.addEventSource(new SqsEventSource(queue, { batchSize: 1, reportBatchItemFailures: true }));
  grant(handler, gateHandlerStatements(scope, arns));

  const dlqProcessor = new SstFunction(stack, "GateDlqProcessor", {
    handler: GATE_DLQ_PROCESSOR_HANDLER,
    description: "Records deployment events the readiness gate could not process",
    timeout: DLQ_PROCESSOR_TIMEOUT_SECONDS,
    memorySize: "256 MB",
    environment: { ...environment, POWERTOOLS_SERVICE_NAME: "gate-dlq-processor" },
  });
  dlqProcessor.addEventSource(new SqsEventSource(deadLetterQueue, { batchSize: 10, reportBatchItemFailures: true }));
  grant(dlqProcessor, dlqProcessorStatements(arns));

  const lifecycleHook = new SstFunction(stack, "LifecycleHook", {
    handler: LIFECYCLE_HOOK_HANDLER,
    description: "ECS lifecycle hook: smoke-tests a blue/green, linear or canary deployment after test traffic shifts",
    timeout: LIFECYCLE_HOOK_TIMEOUT_SECONDS,
    memorySize: "512 MB",
    environment: { ...environment, POWERTOOLS_SERVICE_NAME: "lifecycle-hook" },
  });
  grant(lifecycleHook, lifecycleHookStatements(scope, arns));
  // ECS assumes this role to invoke the hook: set it as the hook's roleArn in the service's deploymentConfiguration.
  const hookInvokeRole = new Role(stack, "LifecycleHookInvokeRole", {
    assumedBy: new ServicePrincipal("ecs.amazonaws.com"),
    description: "Lets ECS invoke the readiness lifecycle hook function, and nothing else",
  });
  hookInvokeRole.addToPolicy(
    new PolicyStatement({
      sid: "InvokeLifecycleHook",
      actions: ["lambda:InvokeFunction"],
      resources: [lifecycleHook.functionArn],
    }),
  );

  retainCustomResourceHandlerLogs(stack);
  stack.addOutputs({
    DeploymentEventQueueUrl: queue.queueUrl,
    GateDeadLetterQueueUrl: deadLetterQueue.queueUrl,
    DeploymentGateFunctionName: handler.functionName,
    LifecycleHookFunctionArn: lifecycleHook.functionArn,
    LifecycleHookInvokeRoleArn: hookInvokeRole.roleArn,
  });
  return { queue, deadLetterQueue, rule, handler, dlqProcessor, lifecycleHook, hookInvokeRole };
}
