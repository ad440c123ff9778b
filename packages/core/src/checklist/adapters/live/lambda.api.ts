import type { Api } from "./run";

export const LAMBDA_EVENT_SOURCE_MAPPING = "AWS::Lambda::EventSourceMapping";
export const LAMBDA_FUNCTION = "AWS::Lambda::Function";
export const LAMBDA_EVENT_INVOKE_CONFIG = "AWS::Lambda::EventInvokeConfig";

/** The AWS actions this collector calls and the types each one reads. */
export const api = {
  listEventSourceMappings: { action: "lambda:ListEventSourceMappings", types: [LAMBDA_EVENT_SOURCE_MAPPING] },
  listFunctions: { action: "lambda:ListFunctions", types: [LAMBDA_FUNCTION] },
  listFunctionEventInvokeConfigs: {
    action: "lambda:ListFunctionEventInvokeConfigs",
    types: [LAMBDA_EVENT_INVOKE_CONFIG],
  },
} satisfies Record<string, Api>;
