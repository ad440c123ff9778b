/*
 * Contract tests of the iam-least-privilege probe. moto does not implement
 * iam:SimulatePrincipalPolicy, so the IAM client is mocked with aws-sdk-client-mock here, and every
 * request is first checked against what IAM refuses (packages/devkit/src/test-support/aws-contracts/iam.ts); the
 * emulator test beside this file shows what happens against the real endpoint that lacks it.
 */
import {
  IAMClient,
  IAMServiceException,
  type PolicyEvaluationDecisionType,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { answerSimulatePrincipalPolicy } from "@readiness/devkit/test-support/aws-contracts/iam";
import { refuseWith } from "@readiness/devkit/test-support/aws-contracts/stub-answers";
import { checkInventory } from "../check/check-inventory";
import { DEFAULT_CONFIG, readinessConfigSchema } from "../config/schema";
import type { ItemResult } from "../engine/engine";
import type { Inventory } from "../inventory/inventory";
import { iamProbeDecider } from "./iam-decider";
import { probeTaskRoles } from "./iam-probe";
import type { ActionSets } from "./iam-verdict";
import { liveInventory, role, roleArn, serviceWithTaskDefinition } from "@readiness/devkit/fixtures/probe-inventory";

const iam = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
const simulator = mockClient(iam);
afterEach(() => simulator.reset());

const SETS: ActionSets = {
  mustDeny: ["iam:PassRole", "s3:DeleteBucket", "dynamodb:DeleteTable"],
  mustAllow: ["sqs:SendMessage"],
};

/** One API service whose task role is api-task, plus the role. */
const apiPlatform = (): Inventory =>
  liveInventory([...serviceWithTaskDefinition({ name: "api", taskRole: roleArn("api-task") }), role("api-task")]);

/** Answers like IAM: one evaluation result per action asked, decided by `decide`. */
const simulateWith = (decide: (roleArn: string, action: string) => PolicyEvaluationDecisionType) =>
  answerSimulatePrincipalPolicy(simulator, (input) => ({
    EvaluationResults: (input.ActionNames ?? []).map((action) => ({
      EvalActionName: action,
      EvalDecision: decide(input.PolicySourceArn ?? "", action),
    })),
    IsTruncated: false,
  }));

/** What a least-privilege role gets: the must-allow actions, nothing else. */
const leastPrivilege = (_role: string, action: string): PolicyEvaluationDecisionType =>
  SETS.mustAllow.includes(action) ? "allowed" : "implicitDeny";

const checkWithProbe = async (
  inventory: Inventory,
  sets: ActionSets = SETS,
  config = DEFAULT_CONFIG,
): Promise<ItemResult> => {
  const probe = await probeTaskRoles(iam, inventory, sets);
  const { report } = checkInventory({
    config,
    inventory,
    source: "live test",
    only: ["iam-least-privilege"],
    partDeciders: [iamProbeDecider(probe)],
  });
  return report.items[0]!;
};

const probePart = (item: ItemResult) => item.parts.find((p) => p.kind === "probe");
const probeFindings = (item: ItemResult) =>
  item.findings.filter((f) => f.kind === "probe").map((f) => [f.status, f.reason]);

describe("iam-least-privilege probe (SimulatePrincipalPolicy)", () => {
  it("Compliance: every must-deny action denied and every must-allow action allowed passes the role", async () => {
    simulateWith(leastPrivilege);

    const item = await checkWithProbe(apiPlatform());

    expect(probePart(item)).toEqual({
      kind: "probe",
      status: "pass",
      reason: "1 task roles deny the must-deny actions and allow the must-allow actions",
    });
    expect(probeFindings(item)).toEqual([
      ["pass", "role api-task: denies all 3 must-deny actions and allows all 1 must-allow actions"],
    ]);
    expect(simulator.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input)).toEqual([
      {
        PolicySourceArn: roleArn("api-task"),
        ActionNames: ["iam:PassRole", "s3:DeleteBucket", "dynamodb:DeleteTable", "sqs:SendMessage"],
        Marker: undefined,
      },
    ]);
  });

  it("Compliance: an explicit deny counts as denied", async () => {
    simulateWith((_role, action) => (action === "iam:PassRole" ? "explicitDeny" : leastPrivilege(_role, action)));

    const item = await checkWithProbe(apiPlatform());

    expect(probePart(item)?.status).toBe("pass");
  });

  it("Noncompliance 1: an allowed must-deny action fails the role, naming the action", async () => {
    simulateWith((_role, action) => (action === "iam:PassRole" ? "allowed" : leastPrivilege(_role, action)));

    const item = await checkWithProbe(apiPlatform());

    expect(item.status).toBe("fail");
    expect(probePart(item)).toMatchObject({ status: "fail", reason: "1 of 1 task roles fail SimulatePrincipalPolicy" });
    expect(probeFindings(item)).toEqual([["fail", "role api-task: allows iam:PassRole (must deny)"]]);
    expect(item.findings.find((f) => f.kind === "probe")).toMatchObject({
      resource: roleArn("api-task"),
      type: "AWS::IAM::Role",
    });
  });

  it("Noncompliance 2: a denied must-allow action fails the role, naming the action", async () => {
    simulateWith(() => "implicitDeny");

    const item = await checkWithProbe(apiPlatform());

    expect(probeFindings(item)).toEqual([["fail", "role api-task: denies sqs:SendMessage (must allow)"]]);
  });

  it("Noncompliance 3: both kinds of violation on one role are named in one finding", async () => {
    simulateWith((_role, action) => (action === "sqs:SendMessage" ? "explicitDeny" : "allowed"));

    const item = await checkWithProbe(apiPlatform());

    expect(probeFindings(item)).toEqual([
      [
        "fail",
        "role api-task: allows iam:PassRole, s3:DeleteBucket, dynamodb:DeleteTable (must deny); denies sqs:SendMessage (must allow)",
      ],
    ]);
  });

  it("follows Marker through every page of evaluation results", async () => {
    answerSimulatePrincipalPolicy(simulator, (input) =>
      input.Marker === undefined
        ? {
            EvaluationResults: [
              { EvalActionName: "iam:PassRole", EvalDecision: "implicitDeny" },
              { EvalActionName: "s3:DeleteBucket", EvalDecision: "implicitDeny" },
            ],
            IsTruncated: true,
            Marker: "page-2",
          }
        : {
            EvaluationResults: [
              { EvalActionName: "dynamodb:DeleteTable", EvalDecision: "allowed" },
              { EvalActionName: "sqs:SendMessage", EvalDecision: "allowed" },
            ],
            IsTruncated: false,
          },
    );

    const item = await checkWithProbe(apiPlatform());

    expect(simulator.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input.Marker)).toEqual([
      undefined,
      "page-2",
    ]);
    // The violation is only on the second page: a probe that stopped at page one would pass.
    expect(probeFindings(item)).toEqual([["fail", "role api-task: allows dynamodb:DeleteTable (must deny)"]]);
  });

  it("stops, undecided, when a truncated answer repeats its Marker", async () => {
    answerSimulatePrincipalPolicy(simulator, { EvaluationResults: [], IsTruncated: true, Marker: "same" });

    const item = await checkWithProbe(apiPlatform());

    expect(simulator.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(2);
    expect(probeFindings(item)).toEqual([
      [
        "unknown",
        "role api-task: iam:SimulatePrincipalPolicy failed: truncated answer without a usable Marker after 2 pages",
      ],
    ]);
  });

  it("leaves the role unknown when the simulator does not answer for an action", async () => {
    answerSimulatePrincipalPolicy(simulator, {
      EvaluationResults: [{ EvalActionName: "iam:PassRole", EvalDecision: "implicitDeny" }],
      IsTruncated: false,
    });

    const item = await checkWithProbe(apiPlatform());

    expect(probePart(item)?.status).toBe("unknown");
    expect(probeFindings(item)).toEqual([
      ["unknown", "role api-task: no simulated decision for s3:DeleteBucket, dynamodb:DeleteTable, sqs:SendMessage"],
    ]);
  });

  it("AccessDenied makes the probe unknown, naming iam:SimulatePrincipalPolicy", async () => {
    answerSimulatePrincipalPolicy(
      simulator,
      refuseWith(
        new IAMServiceException({
          name: "AccessDenied",
          $fault: "client",
          $metadata: { httpStatusCode: 403 },
          message:
            "User: arn:aws:sts::123456789012:assumed-role/ci/run is not authorized to perform: iam:SimulatePrincipalPolicy",
        }),
      ),
    );

    const item = await checkWithProbe(apiPlatform());

    expect(probePart(item)).toEqual({
      kind: "probe",
      status: "unknown",
      reason: "1 of 1 task roles could not be simulated: missing permission iam:SimulatePrincipalPolicy",
    });
    expect(probeFindings(item)).toEqual([["unknown", "role api-task: missing permission iam:SimulatePrincipalPolicy"]]);
  });

  it("asks once when the endpoint lacks the API, and gives every role that reason", async () => {
    // The shape of the SDK's error for moto's HTML 500 page (see the emulator test for the real one).
    answerSimulatePrincipalPolicy(
      simulator,
      refuseWith(
        Object.assign(
          new Error(
            "Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.",
          ),
          { $metadata: { httpStatusCode: 500 } },
        ),
      ),
    );
    const inventory = liveInventory([
      ...serviceWithTaskDefinition({ name: "api", taskRole: roleArn("api-task") }),
      ...serviceWithTaskDefinition({ name: "worker", taskRole: roleArn("worker-task") }),
      role("api-task"),
      role("worker-task"),
    ]);

    const probe = await probeTaskRoles(iam, inventory, SETS, { concurrency: 1 });

    expect(simulator.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(1);
    expect(probe.roles.map((r) => [r.role.name, r.status, r.detail])).toEqual([
      ["api-task", "unknown", "endpoint lacks iam:SimulatePrincipalPolicy"],
      ["worker-task", "unknown", "endpoint lacks iam:SimulatePrincipalPolicy"],
    ]);
  });

  it("simulates a role shared by several services once and judges each role on its own", async () => {
    simulateWith((arn, action) =>
      arn === roleArn("worker-task") && action === "sqs:DeleteQueue" ? "allowed" : leastPrivilege(arn, action),
    );
    const inventory = liveInventory([
      ...serviceWithTaskDefinition({ name: "api", taskRole: roleArn("api-task") }),
      ...serviceWithTaskDefinition({ name: "api-canary", taskRole: roleArn("api-task") }),
      ...serviceWithTaskDefinition({ name: "worker", taskRole: roleArn("worker-task") }),
      role("api-task"),
      role("worker-task"),
    ]);

    const item = await checkWithProbe(inventory, { ...SETS, mustDeny: [...SETS.mustDeny, "sqs:DeleteQueue"] });

    expect(simulator.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input.PolicySourceArn)).toEqual([
      roleArn("api-task"),
      roleArn("worker-task"),
    ]);
    expect(probePart(item)).toMatchObject({ status: "fail", reason: "1 of 2 task roles fail SimulatePrincipalPolicy" });
    expect(probeFindings(item)).toEqual([
      ["fail", "role worker-task: allows sqs:DeleteQueue (must deny)"],
      ["pass", "role api-task: denies all 4 must-deny actions and allows all 1 must-allow actions"],
    ]);
  });

  it("NotApplicable: a role of a service outside readiness.yml's services is probed but not reported", async () => {
    simulateWith((arn, action) => (arn === roleArn("batch-task") ? "allowed" : leastPrivilege(arn, action)));
    const inventory = liveInventory([
      ...serviceWithTaskDefinition({ name: "api", taskRole: roleArn("api-task") }),
      ...serviceWithTaskDefinition({ name: "batch", taskRole: roleArn("batch-task") }),
      role("api-task"),
      role("batch-task"),
    ]);
    const config = readinessConfigSchema.parse({ version: 1, services: [{ service: "api", role: "api" }] });

    const item = await checkWithProbe(inventory, SETS, config);

    expect(probePart(item)?.status).toBe("pass");
    expect(probeFindings(item)).toEqual([
      ["pass", "role api-task: denies all 3 must-deny actions and allows all 1 must-allow actions"],
    ]);
  });

  it("simulates by the role's ARN when the task definition names the role by its name", async () => {
    simulateWith(leastPrivilege);
    const inventory = liveInventory([
      ...serviceWithTaskDefinition({ name: "api", taskRole: "api-task" }),
      role("api-task"),
    ]);

    await checkWithProbe(inventory);

    expect(simulator.commandCalls(SimulatePrincipalPolicyCommand)[0]?.args[0].input.PolicySourceArn).toBe(
      roleArn("api-task"),
    );
  });

  it("is unknown, not passed, when an in-scope service's task role cannot be named", async () => {
    simulateWith(leastPrivilege);
    const inventory = liveInventory([...serviceWithTaskDefinition({ name: "api", taskRole: "unread-role" })]);

    const item = await checkWithProbe(inventory);

    expect(simulator.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(0);
    expect(probePart(item)).toMatchObject({ status: "unknown" });
    expect(probeFindings(item)).toEqual([
      ["unknown", "service service/platform/api: task role unread-role is not an ARN and the role was not read"],
    ]);
  });

  it("is unknown when no in-scope service has a task role, and calls nothing", async () => {
    const item = await checkWithProbe(liveInventory(serviceWithTaskDefinition({ name: "api" })));

    expect(simulator.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(0);
    expect(probePart(item)).toEqual({
      kind: "probe",
      status: "unknown",
      reason: "no in-scope service has a task role to simulate",
    });
  });

  it("calls nothing when both action sets are empty, and says so", async () => {
    const item = await checkWithProbe(apiPlatform(), { mustDeny: [], mustAllow: [] });

    expect(simulator.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(0);
    expect(probePart(item)).toMatchObject({
      status: "unknown",
      reason: "nothing to simulate: rules.iam-least-privilege sets no mustDeny or mustAllow actions",
    });
  });
});
