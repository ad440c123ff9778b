/*
 * Contract tests of iam-least-privilege's probe part in the Config evaluator. AWS Config is stubbed
 * (the emulator lacks PutEvaluations outside test mode) and so is IAM's SimulatePrincipalPolicy,
 * which moto does not implement; both with aws-sdk-client-mock, every request checked against what
 * the real API refuses (packages/devkit/src/test-support/aws-contracts).
 */
import {
  IAMClient,
  IAMServiceException,
  type PolicyEvaluationDecisionType,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { simulatingRoleProber } from "@readiness/core/config-rules/probe";
import type { Resource } from "@readiness/core/checklist/model/resource";
import { role, roleArn, serviceWithTaskDefinition } from "@readiness/devkit/fixtures/probe-inventory";
import { changeEvent, scheduledEvent } from "../fixtures/config-events/events";
import type { RawItem } from "../fixtures/config-events/items";
import { answerSimulatePrincipalPolicy } from "@readiness/devkit/test-support/aws-contracts/iam";
import { refuseWith } from "@readiness/devkit/test-support/aws-contracts/stub-answers";
import { collectorOf, evaluate, postedEvaluations, stubConfigService } from "./support";

const config = stubConfigService();
const iam = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
const simulator = mockClient(iam);
afterEach(() => simulator.reset());

const ITEM = { itemId: "iam-least-privilege", ruleName: "readiness-iam-least-privilege" };
const PARAMS = { mustDeny: ["iam:PassRole", "s3:DeleteBucket"], mustAllow: ["sqs:SendMessage"] };
const QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:tasks";

/** A task role whose only policy sends to one queue: the config part passes. */
const scopedRole = (): Resource => {
  const base = role("api-task");
  return {
    ...base,
    properties: {
      ...base.properties,
      Policies: [
        {
          PolicyName: "queue",
          PolicyDocument: { Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE_ARN }] },
        },
      ],
    },
  };
};

const platform = (): Resource[] => [
  ...serviceWithTaskDefinition({ name: "api", taskRole: roleArn("api-task") }),
  scopedRole(),
];

const simulateWith = (decide: (action: string) => PolicyEvaluationDecisionType) =>
  answerSimulatePrincipalPolicy(simulator, (input) => ({
    EvaluationResults: (input.ActionNames ?? []).map((action) => ({
      EvalActionName: action,
      EvalDecision: decide(action),
    })),
    IsTruncated: false,
  }));

const roleEvaluations = () =>
  postedEvaluations(config)
    .filter((e) => e.ComplianceResourceType === "AWS::IAM::Role")
    .map((e) => [e.ComplianceResourceId, e.ComplianceType, e.Annotation]);

describe("iam-least-privilege's probe part in scheduled runs", () => {
  it("Compliance: a passing configuration and a passing simulation make the task role COMPLIANT", async () => {
    simulateWith((action) => (action === "sqs:SendMessage" ? "allowed" : "implicitDeny"));

    await evaluate(scheduledEvent({ ...ITEM, params: PARAMS }), {
      collect: collectorOf(platform()),
      probeRoles: simulatingRoleProber(iam),
    });

    expect(roleEvaluations()).toEqual([
      [
        "api-task",
        "COMPLIANT",
        expect.stringContaining("role api-task: denies all 2 must-deny actions and allows all 1 must-allow actions"),
      ],
    ]);
    expect(simulator.commandCalls(SimulatePrincipalPolicyCommand)[0]?.args[0].input).toMatchObject({
      PolicySourceArn: roleArn("api-task"),
      ActionNames: ["iam:PassRole", "s3:DeleteBucket", "sqs:SendMessage"],
    });
  });

  it("Noncompliance 1: an allowed must-deny action makes the role NON_COMPLIANT, naming the action", async () => {
    simulateWith((action) => (action === "s3:DeleteBucket" ? "implicitDeny" : "allowed"));

    await evaluate(scheduledEvent({ ...ITEM, params: PARAMS }), {
      collect: collectorOf(platform()),
      probeRoles: simulatingRoleProber(iam),
    });

    expect(roleEvaluations()).toEqual([
      ["api-task", "NON_COMPLIANT", "role api-task: allows iam:PassRole (must deny)"],
    ]);
  });

  it("Noncompliance 2: a denied must-allow action makes the role NON_COMPLIANT", async () => {
    simulateWith(() => "implicitDeny");

    await evaluate(scheduledEvent({ ...ITEM, params: PARAMS }), {
      collect: collectorOf(platform()),
      probeRoles: simulatingRoleProber(iam),
    });

    expect(roleEvaluations()).toEqual([
      ["api-task", "NON_COMPLIANT", "role api-task: denies sqs:SendMessage (must allow)"],
    ]);
  });

  it("AccessDenied leaves the role undecided (posted NON_COMPLIANT, UNDECIDED:), naming iam:SimulatePrincipalPolicy", async () => {
    answerSimulatePrincipalPolicy(
      simulator,
      refuseWith(
        new IAMServiceException({
          name: "AccessDenied",
          $fault: "client",
          $metadata: { httpStatusCode: 403 },
          message: "not authorized to perform: iam:SimulatePrincipalPolicy",
        }),
      ),
    );

    await evaluate(scheduledEvent({ ...ITEM, params: PARAMS }), {
      collect: collectorOf(platform()),
      probeRoles: simulatingRoleProber(iam),
    });

    expect(roleEvaluations()).toEqual([
      ["api-task", "NON_COMPLIANT", "UNDECIDED: role api-task: missing permission iam:SimulatePrincipalPolicy"],
    ]);
  });

  it("without a prober the probe part stays pending: a passing configuration is undecided, never COMPLIANT", async () => {
    await evaluate(scheduledEvent({ ...ITEM, params: PARAMS }), { collect: collectorOf(platform()) });

    expect(roleEvaluations()).toEqual([
      ["api-task", "NON_COMPLIANT", expect.stringMatching(/^UNDECIDED: .*needs probe: SimulatePrincipalPolicy/)],
    ]);
    expect(simulator.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(0);
  });

  it("a configuration failure stays NON_COMPLIANT and the probe's failure is added to it", async () => {
    simulateWith((action) => (action === "iam:PassRole" ? "allowed" : "implicitDeny"));
    const admin: Resource = {
      ...role("api-task"),
      properties: { RoleName: "api-task", ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] },
    };

    await evaluate(scheduledEvent({ ...ITEM, params: PARAMS }), {
      collect: collectorOf([...serviceWithTaskDefinition({ name: "api", taskRole: roleArn("api-task") }), admin]),
      probeRoles: simulatingRoleProber(iam),
    });

    const [evaluation] = roleEvaluations();
    expect(evaluation?.[1]).toBe("NON_COMPLIANT");
    expect(evaluation?.[2]).toContain("AdministratorAccess");
    expect(evaluation?.[2]).toContain(
      "role api-task: allows iam:PassRole (must deny); denies sqs:SendMessage (must allow)",
    );
  });

  it("a role no running service uses is not simulated", async () => {
    simulateWith(() => "allowed");
    const unused: Resource = { ...role("spare"), properties: { RoleName: "spare" } };

    await evaluate(scheduledEvent({ ...ITEM, params: PARAMS }), {
      collect: collectorOf([...platform(), unused]),
      probeRoles: simulatingRoleProber(iam),
    });

    expect(simulator.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input.PolicySourceArn)).toEqual([
      roleArn("api-task"),
    ]);
  });
});

describe("iam-least-privilege's probe part on a change notification", () => {
  /** The task role's configuration item, as AWS Config records an IAM role. */
  const roleItem = (): RawItem =>
    ({
      version: "1.3",
      accountId: "123456789012",
      configurationItemCaptureTime: "2026-11-28T10:15:00.000Z",
      configurationItemStatus: "OK",
      configurationStateId: "1",
      arn: roleArn("api-task"),
      resourceType: "AWS::IAM::Role",
      resourceId: "AROAEXAMPLEAPITASK01",
      resourceName: "api-task",
      awsRegion: "global",
      availabilityZone: "Not Applicable",
      tags: {},
      relatedEvents: [],
      relationships: [],
      supplementaryConfiguration: {},
      configuration: {
        path: "/",
        roleName: "api-task",
        roleId: "AROAEXAMPLEAPITASK01",
        arn: roleArn("api-task"),
        assumeRolePolicyDocument: encodeURIComponent(
          JSON.stringify({
            Statement: [
              { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" },
            ],
          }),
        ),
        rolePolicyList: [
          {
            policyName: "queue",
            policyDocument: encodeURIComponent(
              JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE_ARN }] }),
            ),
          },
        ],
        attachedManagedPolicies: [],
      },
    }) as unknown as RawItem;

  it("Noncompliance: the notified role is simulated and its failure posted under Config's resource id", async () => {
    simulateWith((action) => (action === "iam:PassRole" ? "implicitDeny" : "allowed"));

    await evaluate(changeEvent(roleItem(), { ...ITEM, params: PARAMS }), {
      collect: collectorOf(platform()),
      probeRoles: simulatingRoleProber(iam),
    });

    expect(roleEvaluations()).toEqual([
      ["AROAEXAMPLEAPITASK01", "NON_COMPLIANT", "role api-task: allows s3:DeleteBucket (must deny)"],
    ]);
  });
});
