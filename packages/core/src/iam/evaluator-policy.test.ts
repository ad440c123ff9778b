import { describe, expect, it } from "vitest";
import { RULES } from "../rules/registry";
import { DerivationError } from "./errors";
import { evaluatorPolicyStatements, liveReadActions, RESULTS_TABLE_ACTIONS } from "./evaluator-policy";
import { declaredRule } from "./test-rules";

const arns = {
  resultsTable: "arn:aws:dynamodb:us-east-1:111122223333:table/results",
  configRules: "arn:aws:config:us-east-1:111122223333:config-rule/*",
};

describe("liveReadActions", () => {
  it("Compliance: unions, deduplicates and sorts the rules' declared actions", () => {
    const rules = [
      declaredRule("dlq-coverage", { liveActions: ["sqs:ListQueues", "sqs:GetQueueAttributes"] }),
      declaredRule("vpc-flow-logs", { liveActions: ["ec2:DescribeVpcs", "sqs:ListQueues"] }),
    ];
    expect(liveReadActions(rules)).toEqual(["ec2:DescribeVpcs", "sqs:GetQueueAttributes", "sqs:ListQueues"]);
  });

  it("Noncompliance 1: a wildcard action is refused, naming the rule", () => {
    const rules = [declaredRule("vpc-flow-logs", { resourceTypes: ["AWS::EC2::VPC"], liveActions: ["ec2:Describe*"] })];
    expect(() => liveReadActions(rules)).toThrow(DerivationError);
    expect(() => liveReadActions(rules)).toThrow(
      /"ec2:Describe\*" declared by the vpc-flow-logs rule on AWS::EC2::VPC is a wildcard/,
    );
  });

  it("Noncompliance 2: a bare `*` is refused", () => {
    expect(() => liveReadActions([declaredRule("mtls", { liveActions: ["*"] })])).toThrow(/is a wildcard/);
  });

  it("Noncompliance 3: a write action is refused, since live actions are granted on every resource", () => {
    expect(() => liveReadActions([declaredRule("dlq-coverage", { liveActions: ["sqs:DeleteQueue"] })])).toThrow(
      /"sqs:DeleteQueue" .* is not a read/,
    );
  });

  it("Noncompliance 4: a malformed action is refused with the expected form", () => {
    expect(() => liveReadActions([declaredRule("dlq-coverage", { liveActions: ["DescribeQueues"] })])).toThrow(
      /not of the form service:Action/,
    );
  });

  it("Compliance: every rule in the registry declares exact read actions", () => {
    expect(() => liveReadActions(RULES)).not.toThrow();
  });
});

describe("evaluatorPolicyStatements", () => {
  const rules = [declaredRule("ecs-multi-az", { liveActions: ["ecs:DescribeTasks", "ec2:DescribeSubnets"] })];
  const statements = evaluatorPolicyStatements(rules, arns);
  const bySid = new Map(statements.map((s) => [s.sid, s]));

  it("grants the rules' reads plus service discovery on every resource", () => {
    expect(bySid.get("LiveReads")).toEqual({
      sid: "LiveReads",
      actions: [
        "ec2:DescribeSubnets",
        "ecs:DescribeClusters",
        "ecs:DescribeServices",
        "ecs:DescribeTasks",
        "ecs:ListClusters",
        "ecs:ListServices",
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
