/**
 * The Gate stack, synthesized offline with SST's own constructs (Storage → Rules → Gate) with
 * test/stacks/fixtures/gate-readiness.yml. Its own stage ("test-gate"), so its functions build
 * into other .sst/artifacts folders than stacks.test.ts's, which may run at the same time.
 */
import { resolve } from "node:path";
import { parseConfig } from "@readiness/core/checklist/config/load";
import type { Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GATE_DLQ_PROCESSOR_HANDLER,
  GATE_HANDLER,
  GATE_MAX_RECEIVE_COUNT,
  Gate,
  LIFECYCLE_HOOK_HANDLER,
} from "../../stacks/Gate";
import { Rules } from "../../stacks/Rules";
import { Storage } from "../../stacks/Storage";
import { readinessConfigForDeploy } from "../../stacks/support/readiness-config";
import { lintTemplates } from "./cfn-lint";
import { arnText, flatten, sdkActionsOf } from "./gate-template";
import { synthesize, TEST_ACCOUNT } from "./synth";
import {
  asList,
  type CfnResource,
  functionsOf,
  hasLogRetention,
  type IamStatement,
  LOG_RETENTION_PROVIDER,
  property,
  references,
  resourcesOf,
  roleOf,
  statementsOfRole,
} from "./template-queries";

/** The functions the Gate stack declares, by handler. */
const GATE_HANDLERS = [GATE_HANDLER, GATE_DLQ_PROCESSOR_HANDLER, LIFECYCLE_HOOK_HANDLER];

const FIXTURE = resolve(import.meta.dirname, "fixtures/gate-readiness.yml");
/** readiness.yml with rule parameters only: no service, so nothing to gate. */
const EMPTY_FIXTURE = resolve(import.meta.dirname, "fixtures/readiness.yml");
const ECS = `arn:aws:ecs:us-east-1:${TEST_ACCOUNT}`;

/** The gated services of the fixture, as the stack must scope them. */
const SERVICE_ARNS = [
  `${ECS}:service/prod/task-api`,
  `${ECS}:service/*/task-worker`,
  `${ECS}:service/prod/task-dlq-processor`,
];
const DEPLOYMENT_ARNS = [
  `${ECS}:service-deployment/prod/task-api/*`,
  `${ECS}:service-deployment/*/task-worker/*`,
  `${ECS}:service-deployment/prod/task-dlq-processor/*`,
];

/**
 * Actions CDK grants on Resource "*": X-Ray trace upload (tracing is active) and the retention
 * calls of its log-retention function. Plus ecs:DescribeTaskDefinition, which AWS only accepts on "*".
 */
const ALLOWED_ON_ANY_RESOURCE = [
  "ecs:DescribeTaskDefinition",
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "logs:PutRetentionPolicy",
  "logs:DeleteRetentionPolicy",
];

/** What an SQS event source mapping grants its function on the queue (CDK's grantConsumeMessages). */
const SQS_CONSUME = [
  "sqs:ChangeMessageVisibility",
  "sqs:DeleteMessage",
  "sqs:GetQueueAttributes",
  "sqs:GetQueueUrl",
  "sqs:ReceiveMessage",
];

let gate: Template;
const previousConfig = process.env.READINESS_CONFIG;

beforeAll(async () => {
  process.env.READINESS_CONFIG = FIXTURE;
  gate = (await synthesize("test-gate", [Storage, Rules, Gate])).get(Gate)!;
});
afterAll(() => {
  if (previousConfig === undefined) delete process.env.READINESS_CONFIG;
  else process.env.READINESS_CONFIG = previousConfig;
});

const functionWithHandler = (handler: string): [string, CfnResource] => {
  const found = resourcesOf(gate, "AWS::Lambda::Function").filter(([, fn]) =>
    String(fn.Properties?.Handler).endsWith(handler.slice(handler.lastIndexOf("/") + 1)),
  );
  expect(found, handler).toHaveLength(1);
  return found[0];
};

/** A role's Allow statements as "action → resources" (flattened ARNs), for exact comparison. */
const grantsOf = (roleId: string): Map<string, string[]> => {
  const grants = new Map<string, string[]>();
  for (const statement of statementsOfRole(gate, roleId)) {
    expect(statement.Effect).toBe("Allow");
    for (const action of asList(statement.Action))
      grants.set(action, [...(grants.get(action) ?? []), ...asList(statement.Resource).map(arnText)].sort());
  }
  return grants;
};

describe("Gate stack: the route from ECS to the handler", () => {
  it("Compliance: one rule matches aws.ecs ECS Deployment State Change of the gated services only", () => {
    const rules = resourcesOf(gate, "AWS::Events::Rule");
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0];
    expect(rule.Properties?.State).toBe("ENABLED");
    expect(rule.Properties?.EventBusName).toBeUndefined();
    const pattern = flatten(rule.Properties?.EventPattern) as Record<string, unknown>;
    expect(pattern).toEqual({
      source: ["aws.ecs"],
      "detail-type": ["ECS Deployment State Change"],
      resources: [SERVICE_ARNS[0], { wildcard: SERVICE_ARNS[1] }, SERVICE_ARNS[2]],
    });
    expect(JSON.stringify(pattern)).not.toContain("legacy-batch");
  });

  it("Compliance: the rule's only target is the deployment queue, and only that rule may send to it", () => {
    const [[ruleId, rule]] = resourcesOf(gate, "AWS::Events::Rule");
    const queueId = deploymentQueueId();
    const targets = rule.Properties?.Targets as { Arn: unknown }[];
    expect(targets).toHaveLength(1);
    expect(references(targets[0].Arn, queueId)).toBe(true);

    const policies = resourcesOf(gate, "AWS::SQS::QueuePolicy").filter(([, p]) =>
      asList(p.Properties?.Queues as unknown[]).some((q) => references(q, queueId)),
    );
    expect(policies).toHaveLength(1);
    const statements = property<{ Statement: Record<string, unknown>[] }>(policies[0][1], "PolicyDocument").Statement;
    const allows = statements.filter((s) => s.Effect === "Allow");
    expect(allows).toHaveLength(1);
    expect(allows[0].Principal).toEqual({ Service: "events.amazonaws.com" });
    expect(asList(allows[0].Action as string[])).toEqual(
      expect.arrayContaining(["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"]),
    );
    expect(
      references((allows[0].Condition as { ArnEquals: Record<string, unknown> }).ArnEquals["aws:SourceArn"], ruleId),
    ).toBe(true);
    // enforceSSL: everything over plain HTTP is denied.
    expect(
      statements.some((s) => s.Effect === "Deny" && JSON.stringify(s.Condition).includes("aws:SecureTransport")),
    ).toBe(true);
  });

  it("Compliance: the deployment queue uses SQS-managed encryption, a visibility timeout ≥ 6 × the handler's, and redrives to the DLQ after 3 receives", () => {
    const queue = queueResource(deploymentQueueId());
    const [, handler] = functionWithHandler(GATE_HANDLER);
    expect(queue.Properties?.SqsManagedSseEnabled).toBe(true);
    expect(Number(queue.Properties?.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * Number(handler.Properties?.Timeout));
    const redrive = queue.Properties?.RedrivePolicy as { deadLetterTargetArn: unknown; maxReceiveCount: number };
    expect(GATE_MAX_RECEIVE_COUNT).toBe(3);
    expect(redrive.maxReceiveCount).toBe(3);
    expect(references(redrive.deadLetterTargetArn, deadLetterQueueId())).toBe(true);
    const dlq = queueResource(deadLetterQueueId());
    expect(dlq.Properties?.SqsManagedSseEnabled).toBe(true);
    expect(Number(dlq.Properties?.MessageRetentionPeriod)).toBeGreaterThan(
      Number(queue.Properties?.MessageRetentionPeriod),
    );
  });

  it("Compliance: every queue has a redrive policy or is a dead-letter queue", () => {
    const queues = resourcesOf(gate, "AWS::SQS::Queue");
    expect(queues).toHaveLength(2);
    for (const [id, queue] of queues) {
      const isDlq = queues.some(([, other]) => references(other.Properties?.RedrivePolicy, id));
      expect(queue.Properties?.RedrivePolicy !== undefined || isDlq, `${id} has no DLQ and is none`).toBe(true);
    }
  });

  it("Compliance: an alarm fires when the DLQ holds a message (ApproximateNumberOfMessagesVisible > 0)", () => {
    const alarms = resourcesOf(gate, "AWS::CloudWatch::Alarm").filter(([, alarm]) =>
      references(alarm.Properties?.Dimensions, deadLetterQueueId()),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0][1].Properties).toMatchObject({
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      ComparisonOperator: "GreaterThanThreshold",
      Threshold: 0,
      EvaluationPeriods: 1,
    });
  });

  it("Compliance: an alarm fires when a deployment event has waited longer than one visibility timeout (ApproximateAgeOfOldestMessage)", () => {
    const alarms = resourcesOf(gate, "AWS::CloudWatch::Alarm").filter(([, alarm]) =>
      references(alarm.Properties?.Dimensions, deploymentQueueId()),
    );
    expect(alarms).toHaveLength(1);
    const visibilityTimeout = Number(queueResource(deploymentQueueId()).Properties?.VisibilityTimeout);
    expect(alarms[0][1].Properties).toMatchObject({
      Namespace: "AWS/SQS",
      MetricName: "ApproximateAgeOfOldestMessage",
      Statistic: "Maximum",
      ComparisonOperator: "GreaterThanThreshold",
      Threshold: visibilityTimeout,
      EvaluationPeriods: 1,
      TreatMissingData: "notBreaching",
    });
  });

  it("Compliance: the handler consumes the queue and the DLQ processor the DLQ, both reporting batch item failures", () => {
    const mappings = resourcesOf(gate, "AWS::Lambda::EventSourceMapping");
    expect(mappings).toHaveLength(2);
    const mappingOf = (queueId: string) =>
      mappings.find(([, m]) => references(m.Properties?.EventSourceArn, queueId))?.[1];
    const [handlerId] = functionWithHandler(GATE_HANDLER);
    const [processorId] = functionWithHandler(GATE_DLQ_PROCESSOR_HANDLER);
    const toHandler = mappingOf(deploymentQueueId());
    const toProcessor = mappingOf(deadLetterQueueId());
    expect(references(toHandler?.Properties?.FunctionName, handlerId)).toBe(true);
    expect(references(toProcessor?.Properties?.FunctionName, processorId)).toBe(true);
    for (const mapping of [toHandler, toProcessor])
      expect(mapping?.Properties?.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
    // One event per invocation: the handler's timeout is sized for one smoke run.
    expect(toHandler?.Properties?.BatchSize).toBe(1);
  });
});

const SMOKE_SECRET = `arn:aws:secretsmanager:us-east-1:${TEST_ACCOUNT}:secret:prod/readiness/smoke-client-??????`;

describe("Gate stack: least privilege", () => {
  it("Compliance: no IAM action is * or service:*, and Resource * only where AWS requires it", () => {
    const statements = [...resourcesOf(gate, "AWS::IAM::Role")].flatMap(([id]) => statementsOfRole(gate, id));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of asList(statement.Action)) {
        expect(action).not.toBe("*");
        expect(action).not.toMatch(/:\*$/);
        if (asList(statement.Resource).includes("*")) expect(ALLOWED_ON_ANY_RESOURCE, action).toContain(action);
      }
    }
    expect(JSON.stringify(gate.toJSON())).not.toContain("iam:PassRole");
  });

  it("Compliance: the handler's policy is exactly its ECS calls on the gated services, its two tables, the default bus, and the post-deploy-smoke rule", () => {
    const [, handler] = functionWithHandler(GATE_HANDLER);
    const grants = grantsOf(roleOf(handler));
    const resultsTable = grants.get("dynamodb:Query")!;
    const idempotencyTable = grants.get("dynamodb:DeleteItem")!;
    expect(Object.fromEntries(grants)).toEqual({
      "ecs:DescribeServices": [...SERVICE_ARNS].sort(),
      "ecs:ListServiceDeployments": [...SERVICE_ARNS].sort(),
      "ecs:UpdateService": [...SERVICE_ARNS].sort(),
      "ecs:StopServiceDeployment": [...SERVICE_ARNS, ...DEPLOYMENT_ARNS].sort(),
      "ecs:DescribeTaskDefinition": ["*"],
      "dynamodb:Query": resultsTable,
      "dynamodb:PutItem": [...resultsTable, ...idempotencyTable].sort(),
      "dynamodb:UpdateItem": [...resultsTable, ...idempotencyTable].sort(),
      "dynamodb:GetItem": idempotencyTable,
      "dynamodb:DeleteItem": idempotencyTable,
      "events:PutEvents": [`arn:aws:events:us-east-1:${TEST_ACCOUNT}:event-bus/default`],
      // The smoke client certificate readiness.yml names (task-api's smoke.tls.secretId), and no other secret.
      "secretsmanager:GetSecretValue": [SMOKE_SECRET],
      "config:StartConfigRulesEvaluation": [expect.stringMatching(/^import:.*Rules.*Rulepostdeploysmoke\w*Arn/i)],
      ...Object.fromEntries(SQS_CONSUME.map((action) => [action, [`GetAtt:${deploymentQueueId()}.Arn`]])),
      "xray:PutTraceSegments": ["*"],
      "xray:PutTelemetryRecords": ["*"],
    });
    // The two tables are Storage's: the results table with its indexes, the idempotency table alone.
    expect(resultsTable).toHaveLength(2);
    expect(resultsTable.every((arn) => /^import:.*Storage.*Results/.test(arn))).toBe(true);
    expect(resultsTable.some((arn) => arn.endsWith("/index/*"))).toBe(true);
    expect(idempotencyTable).toEqual([expect.stringMatching(/^import:.*Storage.*Idempotency/)]);
  });

  it("Noncompliance 1: an ECS action on anything but the gated services' ARNs (the service without a smoke endpoint included)", () => {
    const allowed = new Set([...SERVICE_ARNS, ...DEPLOYMENT_ARNS]);
    for (const [roleId] of resourcesOf(gate, "AWS::IAM::Role"))
      for (const statement of statementsOfRole(gate, roleId))
        for (const action of asList(statement.Action).filter(
          (a) => a.startsWith("ecs:") && a !== "ecs:DescribeTaskDefinition",
        ))
          for (const resource of asList(statement.Resource).map(arnText))
            expect(allowed.has(resource), `${action} on ${resource} (${roleId})`).toBe(true);
    const policies = JSON.stringify(resourcesOf(gate, "AWS::IAM::Policy"));
    expect(policies).toContain("task-api");
    expect(policies).not.toContain("legacy-batch");
  });

  it("Compliance: the DLQ processor may only store dead letters, send alerts and consume the DLQ", () => {
    const [, processor] = functionWithHandler(GATE_DLQ_PROCESSOR_HANDLER);
    const grants = Object.fromEntries(grantsOf(roleOf(processor)));
    expect(Object.keys(grants).sort()).toEqual(
      [
        "dynamodb:PutItem",
        "events:PutEvents",
        ...SQS_CONSUME,
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
      ].sort(),
    );
    expect(grants["dynamodb:PutItem"]).toEqual([expect.stringMatching(/^import:.*Storage.*Results/)]);
    for (const action of SQS_CONSUME) expect(grants[action]).toEqual([`GetAtt:${deadLetterQueueId()}.Arn`]);
  });

  it("Compliance: the lifecycle hook may only keep its executions and runs in the results table, and read the smoke certificate", () => {
    const [, hook] = functionWithHandler(LIFECYCLE_HOOK_HANDLER);
    const grants = Object.fromEntries(grantsOf(roleOf(hook)));
    const table = grants["dynamodb:GetItem"];
    expect(table).toEqual([expect.stringMatching(/^import:.*Storage.*Results/)]);
    expect(grants).toEqual({
      "dynamodb:DeleteItem": table,
      "dynamodb:GetItem": table,
      "dynamodb:PutItem": table,
      "dynamodb:UpdateItem": table,
      "secretsmanager:GetSecretValue": [SMOKE_SECRET],
      "xray:PutTraceSegments": ["*"],
      "xray:PutTelemetryRecords": ["*"],
    });
  });

  it("Compliance: every SDK call compiled into each gate function is allowed by its role", async () => {
    for (const handler of GATE_HANDLERS) {
      const [, fn] = functionWithHandler(handler);
      const granted = new Set(grantsOf(roleOf(fn)).keys());
      const calls = await sdkActionsOf(handler);
      expect(calls.length, handler).toBeGreaterThan(0);
      const denied = calls
        .filter(({ action }) => !granted.has(action) && !NOT_CALLED[handler]?.includes(action))
        .map(({ action, file }) => `${action} (in ${file})`);
      // A call listed here gets AccessDenied once deployed: grant it in stacks/support/gate-policy.ts.
      expect(denied, handler).toEqual([]);
    }
  });

  it("Compliance: the handler is granted nothing its code does not call (besides consuming its queue and X-Ray)", async () => {
    const [, fn] = functionWithHandler(GATE_HANDLER);
    const called = new Set((await sdkActionsOf(GATE_HANDLER)).map(({ action }) => action));
    const infrastructure = new Set([...SQS_CONSUME, "xray:PutTraceSegments", "xray:PutTelemetryRecords"]);
    const unused = [...grantsOf(roleOf(fn)).keys()].filter(
      (action) => !called.has(action) && !infrastructure.has(action),
    );
    expect(unused).toEqual([]);
  });
});

describe("Gate stack: the lifecycle hook", () => {
  it("Compliance: ECS may assume the hook role, and it may only invoke the hook function", () => {
    const [hookId] = functionWithHandler(LIFECYCLE_HOOK_HANDLER);
    const roleId = hookInvokeRoleId();
    const [, role] = resourcesOf(gate, "AWS::IAM::Role").find(([id]) => id === roleId)!;
    expect(role.Properties?.AssumeRolePolicyDocument).toEqual({
      Version: "2012-10-17",
      Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" } }],
    });
    expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    const statements = statementsOfRole(gate, roleId);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toBe("lambda:InvokeFunction");
    expect(asList(statements[0].Resource)).toHaveLength(1);
    expect(references(statements[0].Resource, hookId)).toBe(true);
  });

  it("Compliance: the hook function's ARN and the role's ARN are stack outputs", () => {
    const outputs = gate.toJSON().Outputs as Record<string, { Value: unknown }>;
    const [hookId] = functionWithHandler(LIFECYCLE_HOOK_HANDLER);
    expect(references(outputs.LifecycleHookFunctionArn?.Value, hookId)).toBe(true);
    expect(references(outputs.LifecycleHookInvokeRoleArn?.Value, hookInvokeRoleId())).toBe(true);
  });
});

describe("Gate stack: functions", () => {
  it("Compliance: every function runs nodejs22.x, and the gate's three trace actively", () => {
    for (const [id, fn] of functionsOf(gate, GATE_HANDLERS)) expect(fn.Properties?.Runtime, id).toBe("nodejs22.x");
    for (const handler of GATE_HANDLERS)
      expect(functionWithHandler(handler)[1].Properties?.TracingConfig, handler).toEqual({ Mode: "Active" });
  });

  it("Compliance: every function and log group has a log retention", () => {
    const logGroupsForever = resourcesOf(gate, "AWS::Logs::LogGroup").filter(
      ([, group]) => !(Number(group.Properties?.RetentionInDays) > 0),
    );
    expect(logGroupsForever.map(([id]) => id)).toEqual([]);
    for (const [id, fn] of functionsOf(gate, GATE_HANDLERS)) {
      if (LOG_RETENTION_PROVIDER.test(id)) continue;
      expect(hasLogRetention(gate, id, fn), `${id} has no log retention`).toBe(true);
    }
    // SST's custom-resource handler gets one by name.
    expect(
      resourcesOf(gate, "Custom::LogRetention").some(([, r]) =>
        JSON.stringify(r.Properties?.LogGroupName).includes("/aws/lambda/"),
      ),
    ).toBe(true);
  });

  it("Compliance: each function gets the gate's environment, with readiness.yml as JSON that parses back to the same config", () => {
    const expected = readinessConfigWith(FIXTURE);
    const names = new Set<string>();
    for (const handler of GATE_HANDLERS) {
      const [, fn] = functionWithHandler(handler);
      const variables = flatten(
        property<{ Variables: Record<string, unknown> }>(fn, "Environment").Variables,
      ) as Record<string, string>;
      expect(variables.RESULTS_TABLE_NAME, handler).toMatch(/^import:.*Storage.*Results/);
      expect(variables.IDEMPOTENCY_TABLE_NAME, handler).toMatch(/^import:.*Storage.*Idempotency/);
      expect(variables.EVENT_BUS_NAME, handler).toBe("default");
      expect(variables.POST_DEPLOY_SMOKE_RULE, handler).toMatch(/^import:.*Rules.*Rulepostdeploysmoke/i);
      expect(parseConfig(variables.READINESS_CONFIG_JSON, "READINESS_CONFIG_JSON")).toEqual(expected);
      names.add(variables.POWERTOOLS_SERVICE_NAME);
    }
    expect([...names].sort()).toEqual(["deployment-gate", "gate-dlq-processor", "lifecycle-hook"]);
  });

  it("Compliance: the synthesized Gate template passes cfn-lint without errors or warnings (W3005 aside)", () => {
    const { output, status } = lintTemplates({ gate });
    expect(output).toBe("");
    expect(status).toBe(0);
  });
});

describe("Gate stack with readiness.yml listing no service", () => {
  let empty: Template;
  beforeAll(async () => {
    process.env.READINESS_CONFIG = EMPTY_FIXTURE;
    empty = (await synthesize("test-gate-none", [Storage, Rules, Gate])).get(Gate)!;
    process.env.READINESS_CONFIG = FIXTURE;
  });

  it("NotApplicable: nothing is gated: the rule is created disabled, with no resources filter", () => {
    const [[, rule]] = resourcesOf(empty, "AWS::Events::Rule");
    expect(rule.Properties?.State).toBe("DISABLED");
    expect(rule.Properties?.EventPattern).toEqual({
      source: ["aws.ecs"],
      "detail-type": ["ECS Deployment State Change"],
    });
  });

  it("NotApplicable: no function may call ECS at all", () => {
    const actions = resourcesOf(empty, "AWS::IAM::Policy").flatMap(([, policy]) =>
      property<{ Statement: IamStatement[] }>(policy, "PolicyDocument").Statement.flatMap((s) => asList(s.Action)),
    );
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => action.startsWith("ecs:"))).toEqual([]);
  });
});

/** The handler's ECS calls (ecs.ts), compiled into the other two functions through the gate's barrel module. */
const HANDLER_ONLY_ECS = [
  "ecs:DescribeServices",
  "ecs:DescribeTaskDefinition",
  "ecs:ListServiceDeployments",
  "ecs:StopServiceDeployment",
  "ecs:UpdateService",
];

/**
 * Compiled into a function but never called by it: the scan is per file, and the DLQ processor
 * and the hook import the gate's barrel module, so the handler's files come along. Their own
 * paths are pinned exactly by the policy tests above (processDeadLetter: PutItem, PutEvents; the
 * hook: its execution state and recordRun).
 */
const NOT_CALLED: Record<string, readonly string[]> = {
  [GATE_DLQ_PROCESSOR_HANDLER]: [
    ...HANDLER_ONLY_ECS,
    "config:StartConfigRulesEvaluation", // outcome.ts: the handler's re-evaluation after a verdict
    "dynamodb:Query", // dead-letters.ts lists dead letters for the CLI; runs-store.ts reads history
    "dynamodb:UpdateItem", // runs-store.ts: the handler's rollback bookkeeping
    "dynamodb:GetItem", // hook-executions.ts: the hook's execution state
    "dynamodb:DeleteItem",
  ],
  [LIFECYCLE_HOOK_HANDLER]: [
    ...HANDLER_ONLY_ECS,
    "config:StartConfigRulesEvaluation", // outcome.ts: the handler's
    "events:PutEvents", // outcome.ts and dead-letters.ts: the handler's and the DLQ processor's
    "dynamodb:Query", // runs-store.ts history reads: the handler's last-known-good lookup
  ],
};

const readinessConfigWith = (file: string) => readinessConfigForDeploy({ READINESS_CONFIG: file });

const queueResource = (id: string): CfnResource =>
  resourcesOf(gate, "AWS::SQS::Queue").find(([queueId]) => queueId === id)![1];

const deploymentQueueId = (): string => logicalIdStartingWith("AWS::SQS::Queue", "DeploymentEventQueue");
const deadLetterQueueId = (): string => logicalIdStartingWith("AWS::SQS::Queue", "GateDeadLetterQueue");
const hookInvokeRoleId = (): string => logicalIdStartingWith("AWS::IAM::Role", "LifecycleHookInvokeRole");

const logicalIdStartingWith = (type: string, prefix: string): string => {
  const ids = resourcesOf(gate, type)
    .map(([id]) => id)
    .filter((id) => id.startsWith(prefix));
  expect(ids, prefix).toHaveLength(1);
  return ids[0];
};
