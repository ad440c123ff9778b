/*
 * What AWS Config refuses, for the Config APIs the tests stub (moto lacks them, or accepts what
 * Config refuses). Each validator takes a command's input and throws what Config would throw:
 * `ValidationException` for a request that breaks the API model's constraints (Config is a JSON
 * protocol service), the operation's documented exception for what the service itself refuses.
 *
 * The limits are those of the AWS Config API Reference (config-2014-11-12), cited per operation;
 * the same numbers are in the service model the SDKs are generated from.
 */
import {
  type ConfigServiceClientResolvedConfig,
  type GetComplianceDetailsByConfigRuleRequest,
  type GetComplianceDetailsByConfigRuleResponse,
  GetComplianceDetailsByConfigRuleCommand,
  type GetResourceConfigHistoryRequest,
  type GetResourceConfigHistoryResponse,
  GetResourceConfigHistoryCommand,
  InvalidParameterValueException,
  type PutEvaluationsRequest,
  type PutEvaluationsResponse,
  PutEvaluationsCommand,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type StartConfigRulesEvaluationRequest,
  type StartConfigRulesEvaluationResponse,
  StartConfigRulesEvaluationCommand,
  ValidationException,
} from "@aws-sdk/client-config-service";
import type { AwsStub } from "aws-sdk-client-mock";
import { ConstraintCheck, memberAt } from "./smithy-constraints";
import { type Answer, type RequestValidators, validatedAnswer } from "./stub-answers";

export type ConfigStub = AwsStub<ServiceInputTypes, ServiceOutputTypes, ConfigServiceClientResolvedConfig>;

/** ComplianceType's enum in the model (the type is shared by evaluations, results and filters). */
const COMPLIANCE_TYPES = ["COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE", "INSUFFICIENT_DATA"] as const;

const metadata = { httpStatusCode: 400 };

const throwIfInvalid = (check: ConstraintCheck): void => {
  const message = check.message();
  if (message) throw new ValidationException({ message, $metadata: metadata });
};

const invalidParameter = (message: string): InvalidParameterValueException =>
  new InvalidParameterValueException({ message, $metadata: metadata });

/**
 * PutEvaluations (https://docs.aws.amazon.com/config/latest/APIReference/API_PutEvaluations.html):
 * Evaluations 0..100 items; ResultToken required (with TestMode true it need not be valid, but it
 * cannot be null). Each Evaluation (API_Evaluation.html): ComplianceResourceType 1..256,
 * ComplianceResourceId 1..768, ComplianceType required, Annotation 1..256, OrderingTimestamp
 * required. And: "AWS Config does not accept INSUFFICIENT_DATA as the value for ComplianceType from
 * a PutEvaluations request. For example, an AWS Lambda function for a custom AWS Config rule cannot
 * pass an INSUFFICIENT_DATA value": refused as InvalidParameterValueException, the operation's
 * documented error for a parameter value it does not accept.
 */
export const validatePutEvaluations = (input: PutEvaluationsRequest): void => {
  const check = new ConstraintCheck();
  check.required(input.ResultToken, "resultToken");
  check.count(input.Evaluations, "evaluations", 0, 100);
  for (const [index, evaluation] of (input.Evaluations ?? []).entries()) {
    const at = (field: string) => memberAt("evaluations", index, field);
    if (check.required(evaluation.ComplianceResourceType, at("complianceResourceType")))
      check.length(evaluation.ComplianceResourceType, at("complianceResourceType"), 1, 256);
    if (check.required(evaluation.ComplianceResourceId, at("complianceResourceId")))
      check.length(evaluation.ComplianceResourceId, at("complianceResourceId"), 1, 768);
    if (check.required(evaluation.ComplianceType, at("complianceType")))
      check.oneOf(evaluation.ComplianceType, at("complianceType"), COMPLIANCE_TYPES);
    check.length(evaluation.Annotation, at("annotation"), 1, 256);
    if (check.required(evaluation.OrderingTimestamp, at("orderingTimestamp")))
      check.timestamp(evaluation.OrderingTimestamp, at("orderingTimestamp"));
  }
  throwIfInvalid(check);
  const undecided = (input.Evaluations ?? []).findIndex((e) => e.ComplianceType === "INSUFFICIENT_DATA");
  if (undecided >= 0)
    throw invalidParameter(
      `ComplianceType INSUFFICIENT_DATA at evaluations.${undecided + 1} is not accepted from PutEvaluations: ` +
        "use COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE",
    );
};

/**
 * StartConfigRulesEvaluation
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_StartConfigRulesEvaluation.html):
 * "You can specify up to 25 AWS Config rules per request": ConfigRuleNames 1..25 items, each
 * 1..128 characters and not blank (pattern `.*\S.*`).
 */
export const validateStartConfigRulesEvaluation = (input: StartConfigRulesEvaluationRequest): void => {
  const check = new ConstraintCheck();
  check.count(input.ConfigRuleNames, "configRuleNames", 1, 25);
  for (const [index, name] of (input.ConfigRuleNames ?? []).entries()) {
    check.length(name, memberAt("configRuleNames", index), 1, 128);
    check.pattern(name, memberAt("configRuleNames", index), ".*\\S.*");
  }
  throwIfInvalid(check);
};

/**
 * GetComplianceDetailsByConfigRule
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_GetComplianceDetailsByConfigRule.html):
 * ConfigRuleName required, 1..64; ComplianceTypes 0..3 items; Limit 0..100. And: "INSUFFICIENT_DATA
 * is a valid ComplianceType that is returned when an Config rule cannot be evaluated. However,
 * INSUFFICIENT_DATA cannot be used as a ComplianceType for filtering results."
 */
export const validateGetComplianceDetailsByConfigRule = (input: GetComplianceDetailsByConfigRuleRequest): void => {
  const check = new ConstraintCheck();
  if (check.required(input.ConfigRuleName, "configRuleName"))
    check.length(input.ConfigRuleName, "configRuleName", 1, 64);
  check.count(input.ComplianceTypes, "complianceTypes", 0, 3);
  for (const [index, type] of (input.ComplianceTypes ?? []).entries())
    check.oneOf(type, memberAt("complianceTypes", index), COMPLIANCE_TYPES);
  check.range(input.Limit, "limit", 0, 100);
  throwIfInvalid(check);
  if (input.ComplianceTypes?.includes("INSUFFICIENT_DATA"))
    throw invalidParameter("INSUFFICIENT_DATA cannot be used as a ComplianceType for filtering results");
};

/**
 * GetResourceConfigHistory
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_GetResourceConfigHistory.html):
 * resourceType and resourceId required, resourceId 1..768, limit 0..100.
 */
export const validateGetResourceConfigHistory = (input: GetResourceConfigHistoryRequest): void => {
  const check = new ConstraintCheck();
  check.required(input.resourceType, "resourceType");
  if (check.required(input.resourceId, "resourceId")) check.length(input.resourceId, "resourceId", 1, 768);
  check.range(input.limit, "limit", 0, 100);
  throwIfInvalid(check);
};

/** For `validateBeforeSending` on a real Config client (the emulator). */
export const CONFIG_SERVICE_VALIDATORS: RequestValidators = {
  PutEvaluationsCommand: validatePutEvaluations,
  StartConfigRulesEvaluationCommand: validateStartConfigRulesEvaluation,
  GetComplianceDetailsByConfigRuleCommand: validateGetComplianceDetailsByConfigRule,
  GetResourceConfigHistoryCommand: validateGetResourceConfigHistory,
};

/** PutEvaluations answered after validation; by default Config takes every evaluation. */
export const answerPutEvaluations = (
  stub: ConfigStub,
  answer: Answer<PutEvaluationsRequest, PutEvaluationsResponse> = { FailedEvaluations: [] },
) => stub.on(PutEvaluationsCommand).callsFake(validatedAnswer(validatePutEvaluations, answer));

/** StartConfigRulesEvaluation answered after validation; by default every evaluation starts. */
export const answerStartConfigRulesEvaluation = (
  stub: ConfigStub,
  answer: Answer<StartConfigRulesEvaluationRequest, StartConfigRulesEvaluationResponse> = {},
) => stub.on(StartConfigRulesEvaluationCommand).callsFake(validatedAnswer(validateStartConfigRulesEvaluation, answer));

/** GetComplianceDetailsByConfigRule answered after validation; by default the rule has no results. */
export const answerGetComplianceDetailsByConfigRule = (
  stub: ConfigStub,
  answer: Answer<GetComplianceDetailsByConfigRuleRequest, GetComplianceDetailsByConfigRuleResponse> = {
    EvaluationResults: [],
  },
) =>
  stub
    .on(GetComplianceDetailsByConfigRuleCommand)
    .callsFake(validatedAnswer(validateGetComplianceDetailsByConfigRule, answer));

/** GetResourceConfigHistory answered after validation. */
export const answerGetResourceConfigHistory = (
  stub: ConfigStub,
  answer: Answer<GetResourceConfigHistoryRequest, GetResourceConfigHistoryResponse>,
) => stub.on(GetResourceConfigHistoryCommand).callsFake(validatedAnswer(validateGetResourceConfigHistory, answer));
