import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { itemOf } from "../../../../../../test/fixtures/config-events/items";
import { parseConfigurationItem } from "../config-item/item";
import { resourceFromConfigItem } from "../config-item/resource";
import { eventInvokeConfigResource, functionResource } from "./lambda";

const ARN = "arn:aws:lambda:us-east-1:823362693882:function:test-function";

/** The same function as the Lambda API (ListFunctions: PascalCase) and AWS Config (camelCase) describe it. */
const api: FunctionConfiguration = {
  FunctionName: "test-function",
  FunctionArn: ARN,
  Runtime: "nodejs22.x",
  Role: "arn:aws:iam::823362693882:role/lambda_basic_execution",
  Handler: "index.handler",
  Timeout: 3,
  MemorySize: 128,
  VpcConfig: { SubnetIds: ["subnet-8dee48a7"], SecurityGroupIds: ["sg-e463c89c"] },
  TracingConfig: { Mode: "Active" },
  DeadLetterConfig: { TargetArn: "arn:aws:sqs:us-east-1:823362693882:evaluator-dlq" },
  LoggingConfig: { LogFormat: "JSON", LogGroup: "/aws/lambda/test-function" },
};
const configuration = {
  functionName: "test-function",
  functionArn: ARN,
  runtime: "nodejs22.x",
  role: "arn:aws:iam::823362693882:role/lambda_basic_execution",
  handler: "index.handler",
  timeout: 3,
  memorySize: 128,
  vpcConfig: { subnetIds: ["subnet-8dee48a7"], securityGroupIds: ["sg-e463c89c"] },
  tracingConfig: { mode: "Active" },
  deadLetterConfig: { targetArn: "arn:aws:sqs:us-east-1:823362693882:evaluator-dlq" },
  loggingConfig: { logFormat: "JSON", logGroup: "/aws/lambda/test-function" },
};

describe("Lambda functions: the live API and the Config item give one model", () => {
  it("Compliance: name, ARN, log group and dead-letter queue agree", () => {
    const live = functionResource(api);
    const item = resourceFromConfigItem(
      parseConfigurationItem(itemOf("AWS::Lambda::Function", { replaceConfiguration: configuration })),
    );
    const { Tags: _tags, Description: _description, ...fromItem } = item.properties;
    expect(live.properties).toEqual(fromItem);
    expect(live.properties).toMatchObject({
      LoggingConfig: { LogGroup: "/aws/lambda/test-function" },
      DeadLetterConfig: { TargetArn: "arn:aws:sqs:us-east-1:823362693882:evaluator-dlq" },
    });
    expect(live.id).toBe(item.id);
    expect(live.aliases).toEqual(expect.arrayContaining(["test-function", ARN]));
  });
});

describe("Lambda event invoke configs from the API", () => {
  it("Compliance: the qualified ARN splits into FunctionName and Qualifier; the on-failure destination is kept", () => {
    const config = eventInvokeConfigResource({
      FunctionArn: `${ARN}:$LATEST`,
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: "arn:aws:sqs:us-east-1:823362693882:failures" } },
    });
    expect(config.properties).toEqual({
      FunctionName: ARN,
      Qualifier: "$LATEST",
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: "arn:aws:sqs:us-east-1:823362693882:failures" } },
    });
    // Its own id: the function's ARN still resolves to the function.
    expect(config.id).not.toBe(ARN);
    expect(config.aliases).toEqual([]);
  });
});
