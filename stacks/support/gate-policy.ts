import type { PolicyStatementSpec } from "@readiness/core/checklist/iam/index";
import type { GateScope } from "./gate-scope";

/** The resources the gate's functions use, as ARNs (CDK tokens at synth time). */
export interface GateResourceArns {
  readonly resultsTable: string;
  readonly idempotencyTable: string;
  /** The account's default event bus: outcome events go there. */
  readonly defaultEventBus: string;
  /** The post-deploy-smoke Config rule (its ARN carries a generated id, so it comes from the Rules stack). */
  readonly postDeploySmokeRule: string;
}

/**
 * ECS calls of the deployment handler (packages/core/src/gate/gate/ecs.ts) on the gated services:
 * read the service and its deployments, roll it back with UpdateService (only `taskDefinition`
 * changes, so no role is passed and no iam:PassRole is needed: the task and execution roles were
 * passed when the task definition was registered).
 */
export const ECS_SERVICE_ACTIONS = ["ecs:DescribeServices", "ecs:ListServiceDeployments", "ecs:UpdateService"] as const;

/** Authorized on the service deployment (and the service): both ARNs are granted. */
export const ECS_STOP_DEPLOYMENT_ACTIONS = ["ecs:StopServiceDeployment"] as const;

/** DescribeTaskDefinition has no resource-level permission: AWS only accepts it on `*`. */
export const ECS_ACTIONS_ON_ANY_RESOURCE = ["ecs:DescribeTaskDefinition"] as const;

/**
 * The results store (packages/core/src/gate/gate/runs-store.ts): runs, deployments, rollback claims.
 * The rollback claim is a TransactWriteItems of two Puts: DynamoDB authorizes a transaction by
 * its items' actions (there is no TransactWriteItems IAM action), so PutItem covers it.
 */
export const GATE_RESULTS_ACTIONS = ["dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"] as const;

/** Powertools idempotency's DynamoDB persistence layer: claim, read, complete, release a record. */
export const IDEMPOTENCY_ACTIONS = [
  "dynamodb:DeleteItem",
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
] as const;

const tableAndIndexes = (tableArn: string): string[] => [tableArn, `${tableArn}/index/*`];

/**
 * The deployment handler's least-privilege policy. ECS statements are left out when nothing is
 * gated (IAM refuses a statement without resources, and the handler then makes no ECS call).
 */
export const gateHandlerStatements = (scope: GateScope, arns: GateResourceArns): PolicyStatementSpec[] => [
  ...(scope.serviceArns.length === 0
    ? []
    : [
        { sid: "GatedServices", actions: [...ECS_SERVICE_ACTIONS], resources: [...scope.serviceArns] },
        {
          sid: "StopGatedDeployments",
          actions: [...ECS_STOP_DEPLOYMENT_ACTIONS],
          resources: [...scope.serviceArns, ...scope.serviceDeploymentArns],
        },
        { sid: "TaskDefinitions", actions: [...ECS_ACTIONS_ON_ANY_RESOURCE], resources: ["*"] },
      ]),
  { sid: "ResultsTable", actions: [...GATE_RESULTS_ACTIONS], resources: tableAndIndexes(arns.resultsTable) },
  { sid: "IdempotencyTable", actions: [...IDEMPOTENCY_ACTIONS], resources: [arns.idempotencyTable] },
  ...smokeSecretStatements(scope),
  ...outcomeStatements(arns),
];

/**
 * The smoke test's client certificate, when readiness.yml names a secret (`smoke.tls.secretId`):
 * read on those secrets only. Without one the statement is left out and the code never calls it.
 */
const smokeSecretStatements = (scope: GateScope): PolicyStatementSpec[] =>
  scope.smokeSecretArns.length === 0
    ? []
    : [
        {
          sid: "SmokeClientCertificates",
          actions: ["secretsmanager:GetSecretValue"],
          resources: [...scope.smokeSecretArns],
        },
      ];

/** Every terminal path emits an outcome event and starts the post-deploy-smoke rule's evaluation. */
const outcomeStatements = (arns: GateResourceArns): PolicyStatementSpec[] => [
  { sid: "OutcomeEvents", actions: ["events:PutEvents"], resources: [arns.defaultEventBus] },
  {
    sid: "PostDeploySmokeEvaluation",
    actions: ["config:StartConfigRulesEvaluation"],
    resources: [arns.postDeploySmokeRule],
  },
];

/**
 * The DLQ processor (packages/core/src/gate/gate/dead-letters.ts) stores each dead letter and emits an
 * alert outcome event: one write, one event, nothing else.
 */
export const dlqProcessorStatements = (arns: GateResourceArns): PolicyStatementSpec[] => [
  { sid: "RecordDeadLetters", actions: ["dynamodb:PutItem"], resources: [arns.resultsTable] },
  { sid: "AlertEvents", actions: ["events:PutEvents"], resources: [arns.defaultEventBus] },
];

/**
 * The lifecycle hook (packages/core/src/gate/gate/hook.ts) keeps each hook execution's state in the
 * results table (read consistently, claim, update, delete a failed claim) and records the run
 * the way the handler does. ECS itself rolls back on FAILED, so the hook makes no ECS call; it
 * emits no event and starts no Config evaluation either (its code calls neither).
 */
export const HOOK_RESULTS_ACTIONS = [
  "dynamodb:DeleteItem",
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
] as const;

export const lifecycleHookStatements = (scope: GateScope, arns: GateResourceArns): PolicyStatementSpec[] => [
  { sid: "HookExecutionsAndRuns", actions: [...HOOK_RESULTS_ACTIONS], resources: [arns.resultsTable] },
  ...smokeSecretStatements(scope),
];
