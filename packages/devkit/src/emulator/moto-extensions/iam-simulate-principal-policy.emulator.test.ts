/*
 * The opt-in moto extension that implements IAM SimulatePrincipalPolicy, through the real SDK v3
 * IAMClient against the extended moto server: decisions come from the policies moto stores for the
 * principal, so each test sets them up with the ordinary IAM calls and asks.
 */
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  type EvaluationResult,
  IAMClient,
  NoSuchEntityException,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
  type SimulatePrincipalPolicyRequest,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { validateSimulatePrincipalPolicy } from "@readiness/devkit/test-support/aws-contracts/iam";
import { useEmulator } from "@readiness/devkit/test-support/emulator";

const moto = useEmulator({ resetBeforeEach: true, extensions: ["iam-simulate-principal-policy"] });

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const QUEUE = "arn:aws:sqs:us-east-1:123456789012:tasks";

type Statement = Record<string, unknown>;
const policy = (...statements: Statement[]): string => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (action: string | string[], resource: string | string[] = "*"): Statement => ({
  Effect: "Allow",
  Action: action,
  Resource: resource,
});
const deny = (action: string | string[], resource: string | string[] = "*"): Statement => ({
  Effect: "Deny",
  Action: action,
  Resource: resource,
});

const iamClient = (): IAMClient => new IAMClient(moto.clientConfig());

/** A role with the given inline policies (name → document); returns its ARN. */
const role = async (name: string, inline: Record<string, string> = {}): Promise<string> => {
  const iam = iamClient();
  const created = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
  for (const [policyName, document] of Object.entries(inline))
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: policyName, PolicyDocument: document }));
  return created.Role!.Arn!;
};

const managedPolicy = async (name: string, document: string): Promise<string> =>
  (await iamClient().send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }))).Policy!.Arn!;

const simulate = (input: Omit<SimulatePrincipalPolicyRequest, "ActionNames"> & { ActionNames: string[] }) =>
  iamClient().send(new SimulatePrincipalPolicyCommand(input));

/** Action → decision, for a simulation against the default resource "*". */
const decisionsOf = async (arn: string, actions: string[]): Promise<Record<string, string | undefined>> => {
  const answer = await simulate({ PolicySourceArn: arn, ActionNames: actions });
  expect(answer.IsTruncated).toBe(false);
  return Object.fromEntries((answer.EvaluationResults ?? []).map((r) => [r.EvalActionName!, r.EvalDecision]));
};

const failureOf = async (
  input: SimulatePrincipalPolicyRequest,
): Promise<{ name: string; message: string; status?: number }> => {
  try {
    await iamClient().send(new SimulatePrincipalPolicyCommand(input));
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, message: failure.message, status: failure.$metadata?.httpStatusCode };
  }
  throw new Error(`SimulatePrincipalPolicy accepted ${JSON.stringify(input)}`);
};

describe("SimulatePrincipalPolicy on the extended emulator: decisions", () => {
  it("allows what an inline policy allows, on the resource '*', with the statement's policy as the match", async () => {
    const arn = await role("api-task", { queue: policy(allow("sqs:SendMessage")) });

    const answer = await simulate({ PolicySourceArn: arn, ActionNames: ["sqs:SendMessage"] });

    expect(answer.EvaluationResults).toEqual([
      {
        EvalActionName: "sqs:SendMessage",
        EvalResourceName: "*",
        EvalDecision: "allowed",
        MatchedStatements: [{ SourcePolicyId: "queue", SourcePolicyType: "role" }],
        MissingContextValues: [],
      },
    ]);
    expect(answer.IsTruncated).toBe(false);
    expect(answer.Marker).toBeUndefined();
  });

  it("an explicit Deny beats an Allow, in the same policy or another", async () => {
    const arn = await role("api-task", {
      broad: policy(allow("s3:*"), deny("s3:DeleteBucket")),
      guard: policy(deny("sqs:DeleteQueue")),
      queue: policy(allow("sqs:*")),
    });

    const answer = await simulate({ PolicySourceArn: arn, ActionNames: ["s3:DeleteBucket", "sqs:DeleteQueue"] });

    expect(answer.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision, r.MatchedStatements])).toEqual([
      ["s3:DeleteBucket", "explicitDeny", [{ SourcePolicyId: "broad", SourcePolicyType: "role" }]],
      ["sqs:DeleteQueue", "explicitDeny", [{ SourcePolicyId: "guard", SourcePolicyType: "role" }]],
    ]);
  });

  it("an action no statement allows is implicitDeny, and so is one allowed only on a named resource when asked about '*'", async () => {
    const arn = await role("api-task", { queue: policy(allow("sqs:SendMessage", QUEUE)) });

    expect(await decisionsOf(arn, ["dynamodb:PutItem", "sqs:SendMessage"])).toEqual({
      "dynamodb:PutItem": "implicitDeny",
      "sqs:SendMessage": "implicitDeny",
    });
  });

  it("a role without any policy denies everything implicitly", async () => {
    const arn = await role("bare");
    expect(await decisionsOf(arn, ["s3:GetObject", "iam:PassRole"])).toEqual({
      "s3:GetObject": "implicitDeny",
      "iam:PassRole": "implicitDeny",
    });
  });

  it("wildcard grants: s3:* allows every s3 action, iam:* allows iam:PassRole; a grant of iam:PassRole does not allow the simulated name iam:*", async () => {
    const broad = await role("broad", { all: policy(allow(["s3:*", "iam:*"])) });
    const narrow = await role("narrow", { pass: policy(allow("iam:PassRole")) });

    expect(
      await decisionsOf(broad, ["s3:GetObject", "s3:DeleteBucket", "iam:PassRole", "iam:*", "sqs:SendMessage"]),
    ).toEqual({
      "s3:GetObject": "allowed",
      "s3:DeleteBucket": "allowed",
      "iam:PassRole": "allowed",
      "iam:*": "allowed",
      "sqs:SendMessage": "implicitDeny",
    });
    expect(await decisionsOf(narrow, ["iam:PassRole", "iam:*", "iam:CreateAccessKey"])).toEqual({
      "iam:PassRole": "allowed",
      "iam:*": "implicitDeny",
      "iam:CreateAccessKey": "implicitDeny",
    });
  });

  it("compares action names case-insensitively, as IAM does, and answers with the name as asked", async () => {
    const arn = await role("api-task", { queue: policy(allow("SQS:sendmessage")) });
    expect(await decisionsOf(arn, ["sqs:SendMessage", "Sqs:SENDMESSAGE"])).toEqual({
      "sqs:SendMessage": "allowed",
      "Sqs:SENDMESSAGE": "allowed",
    });
  });

  it("counts attached managed policies at their default version, and AWS managed ones", async () => {
    const arn = await role("api-task");
    const customer = await managedPolicy("tables", policy(allow("dynamodb:GetItem")));
    const iam = iamClient();
    await iam.send(new AttachRolePolicyCommand({ RoleName: "api-task", PolicyArn: customer }));
    expect(await decisionsOf(arn, ["dynamodb:GetItem", "dynamodb:PutItem"])).toEqual({
      "dynamodb:GetItem": "allowed",
      "dynamodb:PutItem": "implicitDeny",
    });

    await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: customer,
        PolicyDocument: policy(allow("dynamodb:PutItem")),
        SetAsDefault: true,
      }),
    );
    expect(await decisionsOf(arn, ["dynamodb:GetItem", "dynamodb:PutItem"])).toEqual({
      "dynamodb:GetItem": "implicitDeny",
      "dynamodb:PutItem": "allowed",
    });

    await iam.send(
      new AttachRolePolicyCommand({ RoleName: "api-task", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
    );
    const answer = await simulate({ PolicySourceArn: arn, ActionNames: ["iam:PassRole"] });
    expect(answer.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: "allowed",
      MatchedStatements: [{ SourcePolicyId: "AdministratorAccess", SourcePolicyType: "aws-managed" }],
    });
  });

  it("a permissions boundary limits an allow (implicitDeny) and its Deny is an explicitDeny", async () => {
    const arn = await role("api-task", { broad: policy(allow(["s3:*", "sqs:*"])) });
    const boundary = await managedPolicy("boundary", policy(allow("s3:*"), deny("s3:DeleteBucket")));
    await iamClient().send(
      new PutRolePermissionsBoundaryCommand({ RoleName: "api-task", PermissionsBoundary: boundary }),
    );

    const answer = await simulate({
      PolicySourceArn: arn,
      ActionNames: ["s3:GetObject", "sqs:SendMessage", "s3:DeleteBucket"],
    });

    expect(
      answer.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision, r.PermissionsBoundaryDecisionDetail]),
    ).toEqual([
      ["s3:GetObject", "allowed", { AllowedByPermissionsBoundary: true }],
      ["sqs:SendMessage", "implicitDeny", { AllowedByPermissionsBoundary: false }],
      ["s3:DeleteBucket", "explicitDeny", { AllowedByPermissionsBoundary: false }],
    ]);
  });

  it("answers once per action and resource when ResourceArns are given, matching the statements' resources", async () => {
    const other = "arn:aws:sqs:us-east-1:123456789012:other";
    const arn = await role("api-task", { queue: policy(allow(["sqs:SendMessage", "sqs:DeleteQueue"], QUEUE)) });

    const answer = await simulate({
      PolicySourceArn: arn,
      ActionNames: ["sqs:SendMessage", "sqs:DeleteQueue"],
      ResourceArns: [QUEUE, other],
    });

    expect(answer.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])).toEqual([
      ["sqs:SendMessage", QUEUE, "allowed"],
      ["sqs:SendMessage", other, "implicitDeny"],
      ["sqs:DeleteQueue", QUEUE, "allowed"],
      ["sqs:DeleteQueue", other, "implicitDeny"],
    ]);
  });

  it("a Deny with NotResource denies every other resource (moto alone would read it as an allow)", async () => {
    const arn = await role("api-task", {
      scoped: policy(allow("sqs:*"), { Effect: "Deny", Action: "sqs:*", NotResource: QUEUE }),
    });
    const answer = await simulate({
      PolicySourceArn: arn,
      ActionNames: ["sqs:SendMessage"],
      ResourceArns: [QUEUE, "arn:aws:sqs:us-east-1:123456789012:other"],
    });
    expect(answer.EvaluationResults?.map((r) => r.EvalDecision)).toEqual(["allowed", "explicitDeny"]);
  });

  it("a statement whose condition key the request does not give does not apply, and the key is reported missing", async () => {
    const arn = await role("api-task", {
      tagged: policy({ ...allow("s3:GetObject"), Condition: { StringEquals: { "aws:PrincipalTag/team": "api" } } }),
    });

    const without = await simulate({ PolicySourceArn: arn, ActionNames: ["s3:GetObject"] });
    expect(without.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: "implicitDeny",
      MissingContextValues: ["aws:PrincipalTag/team"],
    });

    const given = (value: string) =>
      simulate({
        PolicySourceArn: arn,
        ActionNames: ["s3:GetObject"],
        ContextEntries: [
          { ContextKeyName: "aws:PrincipalTag/team", ContextKeyType: "string", ContextKeyValues: [value] },
        ],
      });
    expect((await given("api")).EvaluationResults?.[0]).toMatchObject({
      EvalDecision: "allowed",
      MissingContextValues: [],
    });
    expect((await given("ops")).EvaluationResults?.[0]).toMatchObject({ EvalDecision: "implicitDeny" });
  });

  it("simulates a user with the policies of its groups", async () => {
    const iam = iamClient();
    const user = (await iam.send(new CreateUserCommand({ UserName: "ci" }))).User!.Arn!;
    await iam.send(new CreateGroupCommand({ GroupName: "deployers" }));
    await iam.send(new AddUserToGroupCommand({ GroupName: "deployers", UserName: "ci" }));
    await iam.send(
      new PutGroupPolicyCommand({
        GroupName: "deployers",
        PolicyName: "deploy",
        PolicyDocument: policy(allow("ecs:UpdateService")),
      }),
    );

    const answer = await simulate({ PolicySourceArn: user, ActionNames: ["ecs:UpdateService", "iam:PassRole"] });

    expect(answer.EvaluationResults?.map((r) => [r.EvalDecision, r.MatchedStatements])).toEqual([
      ["allowed", [{ SourcePolicyId: "deploy", SourcePolicyType: "group" }]],
      ["implicitDeny", []],
    ]);
  });
});

describe("SimulatePrincipalPolicy on the extended emulator: paging and errors", () => {
  it("pages with MaxItems and the Marker it hands out, to the last page, every result once", async () => {
    const arn = await role("api-task", { some: policy(allow("s3:Get*")) });
    const actions = ["s3:GetObject", "s3:PutObject", "s3:GetBucketPolicy", "s3:DeleteObject", "s3:GetObjectAcl"];

    const seen: EvaluationResult[] = [];
    const truncation: boolean[] = [];
    let marker: string | undefined;
    do {
      const page = await simulate({ PolicySourceArn: arn, ActionNames: actions, MaxItems: 2, Marker: marker });
      expect(page.EvaluationResults!.length).toBeLessThanOrEqual(2);
      seen.push(...page.EvaluationResults!);
      truncation.push(page.IsTruncated!);
      marker = page.IsTruncated ? page.Marker : undefined;
      if (page.IsTruncated) expect(marker).toEqual(expect.any(String));
    } while (marker);

    expect(truncation).toEqual([true, true, false]);
    expect(seen.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ["s3:GetObject", "allowed"],
      ["s3:PutObject", "implicitDeny"],
      ["s3:GetBucketPolicy", "allowed"],
      ["s3:DeleteObject", "implicitDeny"],
      ["s3:GetObjectAcl", "allowed"],
    ]);
  });

  it("refuses a Marker it did not hand out for this request (InvalidInput)", async () => {
    const arn = await role("api-task");
    const first = await simulate({ PolicySourceArn: arn, ActionNames: ["s3:GetObject", "s3:PutObject"], MaxItems: 1 });
    expect(first.IsTruncated).toBe(true);

    const foreign = await failureOf({
      PolicySourceArn: arn,
      ActionNames: ["sqs:SendMessage", "s3:PutObject"],
      Marker: first.Marker,
    });
    const invented = await failureOf({ PolicySourceArn: arn, ActionNames: ["s3:GetObject"], Marker: "page-2" });

    for (const failure of [foreign, invented])
      expect(failure).toMatchObject({
        name: "InvalidInputException",
        message: expect.stringMatching(/was not returned by an earlier SimulatePrincipalPolicy response/),
        status: 400,
      });
  });

  it("a role that does not exist is NoSuchEntity (HTTP 404)", async () => {
    const error = await iamClient()
      .send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: "arn:aws:iam::123456789012:role/missing",
          ActionNames: ["s3:GetObject"],
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoSuchEntityException);
    expect((error as NoSuchEntityException).$metadata.httpStatusCode).toBe(404);
    expect((error as Error).message).toMatch(/role\/missing cannot be found/);
  });

  it("refuses inputs it cannot evaluate rather than ignore them (PolicyEvaluation)", async () => {
    const arn = await role("api-task");
    expect(
      await failureOf({ PolicySourceArn: arn, ActionNames: ["s3:GetObject"], ResourcePolicy: policy(allow("s3:*")) }),
    ).toMatchObject({
      name: "PolicyEvaluationException",
      status: 500,
      message: expect.stringMatching(/does not evaluate ResourcePolicy/),
    });
  });

  /** The requests the contract validator (aws-contracts/iam.ts) refuses, which the extension must refuse alike. */
  const ROLE = "arn:aws:iam::123456789012:role/api-task";
  it.each<[string, SimulatePrincipalPolicyRequest]>([
    ["a 19-character PolicySourceArn", { PolicySourceArn: "arn:aws:iam::1:role", ActionNames: ["s3:GetObject"] }],
    ["a 2-character action name", { PolicySourceArn: ROLE, ActionNames: ["s3:GetObject", "s3"] }],
    ["a 129-character action name", { PolicySourceArn: ROLE, ActionNames: [`s3:${"x".repeat(126)}`] }],
    ["MaxItems 1001", { PolicySourceArn: ROLE, ActionNames: ["s3:GetObject"], MaxItems: 1001 }],
    ["a Marker outside \\u0020-\\u00FF", { PolicySourceArn: ROLE, ActionNames: ["s3:GetObject"], Marker: "page\n2" }],
    [
      "a 4-character context key of an unknown type",
      {
        PolicySourceArn: ROLE,
        ActionNames: ["s3:GetObject"],
        ContextEntries: [{ ContextKeyName: "aws:", ContextKeyType: "text" as "string" }],
      },
    ],
    ["an empty Marker", { PolicySourceArn: ROLE, ActionNames: ["s3:GetObject"], Marker: "" }],
    ["the ARN of something that is no principal", { PolicySourceArn: QUEUE, ActionNames: ["s3:GetObject"] }],
    ["an action name without its service", { PolicySourceArn: ROLE, ActionNames: ["iam:PassRole", "PassRole"] }],
  ])("refuses %s exactly as the contract validator does", async (_case, input) => {
    await role("api-task");
    let expected: { name: string; message: string } | undefined;
    try {
      validateSimulatePrincipalPolicy(input);
    } catch (error) {
      expected = { name: (error as Error).name, message: (error as Error).message };
    }
    expect(expected, "the contract validator refuses it").toBeDefined();

    expect(await failureOf(input)).toEqual({ ...expected, status: 400 });
  });
});
