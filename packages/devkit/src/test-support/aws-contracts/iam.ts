/*
 * What IAM refuses from SimulatePrincipalPolicy, which plain moto does not implement. The opt-in
 * moto extension (devkit emulator/moto-extensions/iam_simulate_principal_policy.py) refuses the
 * same requests with the same errors: keep the two alike. IAM is a query
 * protocol service: a request that breaks the API model's constraints fails with the error code
 * `ValidationError` (e.g. "1 validation error detected: Value '…' at 'roleName' failed to satisfy
 * constraint: Member must have length less than or equal to 64", NixOS/nixops#328); a value the
 * service refuses fails with `InvalidInput` (the SDK's InvalidInputException).
 */
import {
  type IAMClientResolvedConfig,
  IAMServiceException,
  InvalidInputException,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type SimulatePolicyResponse,
  SimulatePrincipalPolicyCommand,
  type SimulatePrincipalPolicyRequest,
} from "@aws-sdk/client-iam";
import type { AwsStub } from "aws-sdk-client-mock";
import { ConstraintCheck, memberAt } from "./smithy-constraints";
import { type Answer, type RequestValidators, validatedAnswer } from "./stub-answers";

export type IamStub = AwsStub<ServiceInputTypes, ServiceOutputTypes, IAMClientResolvedConfig>;

const metadata = { httpStatusCode: 400 };

/** Policy documents: 1..131,072 characters of tab, newline, return and \u0020-\u00FF. */
const POLICY_DOCUMENT = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";
/** The context key types of ContextEntry.ContextKeyType. */
const CONTEXT_KEY_TYPES = [
  "string",
  "stringList",
  "numeric",
  "numericList",
  "boolean",
  "booleanList",
  "ip",
  "ipList",
  "binary",
  "binaryList",
  "date",
  "dateList",
] as const;
/** "The Amazon Resource Name (ARN) of a user, group, or role whose policies you want to include". */
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(user|group|role)\/.+$/;
/**
 * "Each operation must include the service identifier, such as iam:CreateUser": IAM cannot simulate
 * a name without one. (IAM also refuses services and actions it does not know, which no list here
 * can mirror.)
 */
const ACTION_NAME = /^[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+$/;

/**
 * SimulatePrincipalPolicy
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html):
 * PolicySourceArn required, 20..2048, the ARN of a user, group or role; ActionNames required, each
 * 3..128; PolicyInputList and PermissionsBoundaryPolicyInputList documents and ResourcePolicy
 * 1..131072 of the policy character set; ResourceArns, ResourceOwner and CallerArn 1..2048;
 * ContextEntries' ContextKeyName 5..256 and ContextKeyType from its enum; ResourceHandlingOption
 * 1..64; MaxItems 1..1000; Marker 1..320 of \u0020-\u00FF.
 */
export const validateSimulatePrincipalPolicy = (input: SimulatePrincipalPolicyRequest): void => {
  const check = new ConstraintCheck();
  if (check.required(input.PolicySourceArn, "policySourceArn"))
    check.length(input.PolicySourceArn, "policySourceArn", 20, 2048);
  if (check.required(input.ActionNames, "actionNames"))
    for (const [index, action] of input.ActionNames!.entries())
      check.length(action, memberAt("actionNames", index), 3, 128);
  for (const list of ["PolicyInputList", "PermissionsBoundaryPolicyInputList"] as const)
    for (const [index, document] of (input[list] ?? []).entries()) {
      const at = memberAt(list.charAt(0).toLowerCase() + list.slice(1), index);
      check.length(document, at, 1, 131_072);
      check.pattern(document, at, POLICY_DOCUMENT);
    }
  check.length(input.ResourcePolicy, "resourcePolicy", 1, 131_072);
  check.pattern(input.ResourcePolicy, "resourcePolicy", POLICY_DOCUMENT);
  for (const [index, arn] of (input.ResourceArns ?? []).entries())
    check.length(arn, memberAt("resourceArns", index), 1, 2048);
  check.length(input.ResourceOwner, "resourceOwner", 1, 2048);
  check.length(input.CallerArn, "callerArn", 1, 2048);
  for (const [index, entry] of (input.ContextEntries ?? []).entries()) {
    check.length(entry.ContextKeyName, memberAt("contextEntries", index, "contextKeyName"), 5, 256);
    check.oneOf(entry.ContextKeyType, memberAt("contextEntries", index, "contextKeyType"), CONTEXT_KEY_TYPES);
  }
  check.length(input.ResourceHandlingOption, "resourceHandlingOption", 1, 64);
  check.range(input.MaxItems, "maxItems", 1, 1000);
  check.length(input.Marker, "marker", 1, 320);
  check.pattern(input.Marker, "marker", "[\\u0020-\\u00FF]+");
  const message = check.message();
  if (message)
    throw new IAMServiceException({ name: "ValidationError", $fault: "client", $metadata: metadata, message });
  if (!PRINCIPAL_ARN.test(input.PolicySourceArn!))
    throw new InvalidInputException({
      message: `PolicySourceArn ${input.PolicySourceArn} is not the ARN of an IAM user, group or role`,
      $metadata: metadata,
    });
  const malformed = input.ActionNames!.filter((action) => !ACTION_NAME.test(action));
  if (malformed.length)
    throw new InvalidInputException({
      message: `ActionNames ${malformed.join(", ")}: each action must include the service identifier, such as iam:CreateUser`,
      $metadata: metadata,
    });
};

/** For `validateBeforeSending` on a real IAM client. */
export const IAM_VALIDATORS: RequestValidators = {
  SimulatePrincipalPolicyCommand: validateSimulatePrincipalPolicy,
};

/**
 * SimulatePrincipalPolicy answered after validation. The stub also holds the caller to IAM's
 * paging contract: a Marker is "the value of the Marker element in the response that you
 * received", so a Marker this stub never handed out is refused as InvalidInput.
 */
export const answerSimulatePrincipalPolicy = (
  stub: IamStub,
  answer: Answer<SimulatePrincipalPolicyRequest, SimulatePolicyResponse>,
) => {
  const issued = new Set<string>();
  const validate = (input: SimulatePrincipalPolicyRequest): void => {
    validateSimulatePrincipalPolicy(input);
    if (input.Marker !== undefined && !issued.has(input.Marker))
      throw new InvalidInputException({
        message: `Marker ${input.Marker} was not returned by an earlier SimulatePrincipalPolicy response`,
        $metadata: metadata,
      });
  };
  return stub.on(SimulatePrincipalPolicyCommand).callsFake(
    validatedAnswer(validate, async (input: SimulatePrincipalPolicyRequest) => {
      const response = typeof answer === "function" ? await answer(input) : answer;
      if (response.IsTruncated && response.Marker) issued.add(response.Marker);
      return response;
    }),
  );
};
