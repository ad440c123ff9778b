/*
 * The SimulatePrincipalPolicy validator refuses what the IAM API reference says IAM refuses, and
 * its stub holds callers to the Marker contract.
 */
import { IAMClient, SimulatePrincipalPolicyCommand, type SimulatePrincipalPolicyRequest } from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { answerSimulatePrincipalPolicy, validateSimulatePrincipalPolicy } from "./iam";

const ROLE = "arn:aws:iam::123456789012:role/api-task";
const valid: SimulatePrincipalPolicyRequest = { PolicySourceArn: ROLE, ActionNames: ["iam:PassRole"] };

const refusalOf = (input: SimulatePrincipalPolicyRequest) => {
  try {
    validateSimulatePrincipalPolicy(input);
    return undefined;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
};

describe("SimulatePrincipalPolicy", () => {
  it.each([
    ["no PolicySourceArn", { ActionNames: ["iam:PassRole"] }, "ValidationError", /Value null at 'policySourceArn'/],
    [
      "a 19-character PolicySourceArn",
      { ...valid, PolicySourceArn: "arn:aws:iam::1:role" },
      "ValidationError",
      /'policySourceArn'.*greater than or equal to 20/,
    ],
    [
      "a 2049-character PolicySourceArn",
      { ...valid, PolicySourceArn: `${ROLE}/${"p".repeat(2049)}` },
      "ValidationError",
      /'policySourceArn'.*less than or equal to 2048/,
    ],
    ["no ActionNames", { PolicySourceArn: ROLE }, "ValidationError", /Value null at 'actionNames'/],
    [
      "a 2-character action name",
      { ...valid, ActionNames: ["iam:PassRole", "s3"] },
      "ValidationError",
      /'actionNames\.2\.member'.*greater than or equal to 3/,
    ],
    [
      "a 129-character action name",
      { ...valid, ActionNames: [`s3:${"x".repeat(126)}`] },
      "ValidationError",
      /'actionNames\.1\.member'.*less than or equal to 128/,
    ],
    ["MaxItems 0", { ...valid, MaxItems: 0 }, "ValidationError", /'maxItems'.*greater than or equal to 1/],
    ["MaxItems 1001", { ...valid, MaxItems: 1001 }, "ValidationError", /'maxItems'.*less than or equal to 1000/],
    ["an empty Marker", { ...valid, Marker: "" }, "ValidationError", /'marker'.*greater than or equal to 1/],
    [
      "a 321-character Marker",
      { ...valid, Marker: "m".repeat(321) },
      "ValidationError",
      /'marker'.*less than or equal to 320/,
    ],
    [
      "a Marker outside \\u0020-\\u00FF",
      { ...valid, Marker: "page\n2" },
      "ValidationError",
      /'marker'.*regular expression pattern/,
    ],
    ["an empty resource ARN", { ...valid, ResourceArns: [""] }, "ValidationError", /'resourceArns\.1\.member'/],
    [
      "a 4-character context key",
      { ...valid, ContextEntries: [{ ContextKeyName: "aws:", ContextKeyType: "string" as const }] },
      "ValidationError",
      /contextKeyName/,
    ],
    [
      "the ARN of something that is no principal",
      { ...valid, PolicySourceArn: "arn:aws:sqs:us-east-1:123456789012:tasks" },
      "InvalidInputException",
      /not the ARN of an IAM user, group or role/,
    ],
    [
      "an action name without its service",
      { ...valid, ActionNames: ["iam:PassRole", "PassRole"] },
      "InvalidInputException",
      /ActionNames PassRole: each action must include the service identifier/,
    ],
  ])("refuses %s", (_case, input, name, message) => {
    expect(refusalOf(input as SimulatePrincipalPolicyRequest)).toEqual({
      name,
      message: expect.stringMatching(message),
    });
  });

  it.each([
    ["a role", valid],
    [
      "a user, with every optional member at its limits",
      {
        PolicySourceArn: "arn:aws:iam::123456789012:user/ci",
        ActionNames: ["s3:GetObject", "sqs:SendMessage"],
        ResourceArns: ["*"],
        MaxItems: 1000,
        Marker: "m".repeat(320),
      },
    ],
    ["a group in another partition", { ...valid, PolicySourceArn: "arn:aws-us-gov:iam::123456789012:group/ops" }],
  ])("accepts %s", (_case, input) => {
    expect(refusalOf(input)).toBeUndefined();
  });
});

describe("the SimulatePrincipalPolicy stub", () => {
  const iam = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
  const stub = mockClient(iam);
  afterEach(() => stub.reset());

  it("accepts only a Marker an earlier answer handed out", async () => {
    answerSimulatePrincipalPolicy(stub, (input) =>
      input.Marker
        ? { EvaluationResults: [], IsTruncated: false }
        : { EvaluationResults: [], IsTruncated: true, Marker: "page-2" },
    );
    await expect(iam.send(new SimulatePrincipalPolicyCommand({ ...valid, Marker: "page-2" }))).rejects.toMatchObject({
      name: "InvalidInputException",
    });
    await expect(iam.send(new SimulatePrincipalPolicyCommand(valid))).resolves.toMatchObject({ Marker: "page-2" });
    await expect(iam.send(new SimulatePrincipalPolicyCommand({ ...valid, Marker: "page-2" }))).resolves.toMatchObject({
      IsTruncated: false,
    });
  });

  it("refuses a request IAM refuses before answering", async () => {
    answerSimulatePrincipalPolicy(stub, { EvaluationResults: [], IsTruncated: false });
    await expect(
      iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: "role/api-task", ActionNames: ["iam:PassRole"] })),
    ).rejects.toMatchObject({ name: "ValidationError" });
  });
});
