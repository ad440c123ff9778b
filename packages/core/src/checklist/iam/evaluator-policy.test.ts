import { describe, expect, it } from "vitest";
import { RULES, typesUsedByRules } from "../rules/registry";
import { DerivationError } from "./errors";
import {
  assertReadAction,
  evaluatorPolicyStatements,
  liveReadActions,
  RESULTS_TABLE_ACTIONS,
} from "./evaluator-policy";
import { declaredRule } from "@readiness/devkit/fixtures/iam-rules";

const arns = {
  resultsTable: "arn:aws:dynamodb:us-east-1:111122223333:table/results",
  configRules: "arn:aws:config:us-east-1:111122223333:config-rule/*",
};

/** What the ECS collector calls: every rule's reads include them (services are always collected). */
const ECS_READS = [
  "ecs:DescribeClusters",
  "ecs:DescribeContainerInstances",
  "ecs:DescribeServices",
  "ecs:DescribeTaskDefinition",
  "ecs:DescribeTasks",
  "ecs:ListClusters",
  "ecs:ListServices",
  "ecs:ListTasks",
];

describe("liveReadActions", () => {
  it("Compliance: a rule needs every call of the collectors of the types it uses, and ECS's (always collected)", () => {
    const rules = [
      declaredRule("dlq-coverage", { resourceTypes: ["AWS::SQS::Queue"] }),
      declaredRule("vpc-flow-logs", { resourceTypes: ["AWS::EC2::FlowLog"] }),
    ];
    expect(liveReadActions(rules)).toEqual([
      "ec2:DescribeFlowLogs",
      ...ECS_READS,
      "sqs:GetQueueAttributes",
      "sqs:ListQueues",
    ]);
  });

  it("Compliance: a type no collector reads needs no call beyond ECS's", () => {
    const ecsOnly = liveReadActions([declaredRule("mtls", { resourceTypes: ["AWS::Unknown::Thing"] })]);
    expect(ecsOnly.every((action) => action.startsWith("ecs:"))).toBe(true);
  });

  it("Compliance: every action of every collector is an exact read", () => {
    expect(() => liveReadActions(RULES)).not.toThrow();
    expect(() => liveReadActions([declaredRule("mtls", { resourceTypes: [...typesUsedByRules()] })])).not.toThrow();
  });
});

describe("assertReadAction (what may be granted on `*`)", () => {
  it("Noncompliance 1: a wildcard action is refused, naming who declared it", () => {
    expect(() => assertReadAction("ec2:Describe*", "the ec2 collector")).toThrow(DerivationError);
    expect(() => assertReadAction("ec2:Describe*", "the ec2 collector")).toThrow(
      /"ec2:Describe\*" declared by the ec2 collector is a wildcard/,
    );
  });

  it("Noncompliance 2: a bare `*` is refused", () => {
    expect(() => assertReadAction("*", "a probe")).toThrow(/is a wildcard/);
  });

  it("Noncompliance 3: a write action is refused, since live actions are granted on every resource", () => {
    expect(() => assertReadAction("sqs:DeleteQueue", "the sqs collector")).toThrow(
      /"sqs:DeleteQueue" .* is not a read/,
    );
  });

  it("Noncompliance 4: a malformed action is refused with the expected form", () => {
    expect(() => assertReadAction("DescribeQueues", "the sqs collector")).toThrow(/not of the form service:Action/);
  });
});

describe("evaluatorPolicyStatements", () => {
  const rules = [
    declaredRule("ecs-multi-az", { resourceTypes: ["AWS::ECS::Service"], readsTypes: ["AWS::EC2::Subnet"] }),
  ];
  const statements = evaluatorPolicyStatements(rules, arns);
  const bySid = new Map(statements.map((s) => [s.sid, s]));

  it("grants the rules' reads plus service discovery on every resource", () => {
    expect(bySid.get("LiveReads")).toEqual({
      sid: "LiveReads",
      actions: [
        "ec2:DescribeInternetGateways",
        "ec2:DescribeRouteTables",
        "ec2:DescribeSubnets",
        "ec2:DescribeVpcs",
        ...ECS_READS,
        "secretsmanager:ListSecrets",
      ],
      resources: ["*"],
    });
  });

  it("grants the Config calls without resource-level permissions on `*`, and compliance reads on rule ARNs only", () => {
    expect(bySid.get("ConfigEvaluations")?.actions).toEqual([
      "config:GetResourceConfigHistory",
      "config:PutEvaluations",
    ]);
    expect(bySid.get("ConfigEvaluations")?.resources).toEqual(["*"]);
    expect(bySid.get("ConfigRuleCompliance")).toEqual({
      sid: "ConfigRuleCompliance",
      actions: ["config:GetComplianceDetailsByConfigRule"],
      resources: [arns.configRules],
    });
  });

  it("grants item-level DynamoDB actions on the results table and its indexes only", () => {
    expect(bySid.get("ResultsTable")).toEqual({
      sid: "ResultsTable",
      actions: [...RESULTS_TABLE_ACTIONS],
      resources: [arns.resultsTable, `${arns.resultsTable}/index/*`],
    });
    expect(RESULTS_TABLE_ACTIONS).not.toContain("dynamodb:Scan");
    expect(RESULTS_TABLE_ACTIONS).not.toContain("dynamodb:DeleteTable");
  });

  it("has no wildcard action in any statement", () => {
    for (const statement of evaluatorPolicyStatements(RULES, arns))
      for (const action of statement.actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
  });
});
