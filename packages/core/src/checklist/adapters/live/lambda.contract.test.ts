/*
 * Contract test of the Lambda collector's functions and invoke configs. moto cannot stand in here:
 * its ListFunctions answers without DeadLetterConfig and LoggingConfig, and its
 * ListFunctionEventInvokeConfigs gives LastModified as a date string where the API gives epoch
 * seconds, which the SDK refuses to parse (test/live/lambda-dead-letters.emulator.test.ts shows that gap
 * degrading to "could not read"). So the Lambda client is mocked with aws-sdk-client-mock, answering
 * in the API reference's shapes and refusing the requests Lambda refuses (MaxItems out of range, a
 * FunctionName that is not a name or ARN).
 */
import {
  LambdaClient,
  ListEventSourceMappingsCommand,
  ListFunctionEventInvokeConfigsCommand,
  type ListFunctionEventInvokeConfigsCommandInput,
  ListFunctionsCommand,
  type ListFunctionsCommandInput,
} from "@aws-sdk/client-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { checkInventory } from "../../check/check-inventory";
import { DEFAULT_CONFIG } from "../../config/schema";
import { Inventory } from "../../inventory/inventory";
import type { LiveClients } from "./clients";
import { collectLambda } from "./lambda";
import { LiveRun } from "./run";
import { queueResource } from "./sqs";

const lambda = new LambdaClient({ region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
const api = mockClient(lambda);
afterEach(() => api.reset());

const ACCOUNT = "123456789012";
const functionArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
/** The API's FunctionName pattern (a name, a partial or a full ARN, with an optional qualifier). */
const FUNCTION_NAME =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;

class ValidationError extends Error {
  override readonly name = "InvalidParameterValueException";
}

/** Answers ListFunctions and ListFunctionEventInvokeConfigs like Lambda, for `functions` and their `invokeConfigs`. */
const answerLike = (
  functions: Record<string, { DeadLetterConfig?: { TargetArn: string } }>,
  invokeConfigs: Record<string, string>,
) => {
  api.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
  api.on(ListFunctionsCommand).callsFake((input: ListFunctionsCommandInput) => {
    if (input.MaxItems !== undefined && (input.MaxItems < 1 || input.MaxItems > 10_000))
      throw new ValidationError("MaxItems must be between 1 and 10000");
    return {
      Functions: Object.entries(functions).map(([name, extra]) => ({
        FunctionName: name,
        FunctionArn: functionArn(name),
        Runtime: "nodejs22.x",
        // Lambda reports the group the function logs to, the default one included.
        LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${name}` },
        ...extra,
      })),
    };
  });
  api.on(ListFunctionEventInvokeConfigsCommand).callsFake((input: ListFunctionEventInvokeConfigsCommandInput) => {
    const name = input.FunctionName ?? "";
    if (!FUNCTION_NAME.test(name) || name.length > 140) throw new ValidationError(`FunctionName ${name} is not valid`);
    if (input.MaxItems !== undefined && (input.MaxItems < 1 || input.MaxItems > 50))
      throw new ValidationError("MaxItems must be between 1 and 50");
    const short = name.slice(name.lastIndexOf(":") + 1);
    const destination = invokeConfigs[short];
    return {
      FunctionEventInvokeConfigs: destination
        ? [
            {
              FunctionArn: `${functionArn(short)}:$LATEST`,
              LastModified: new Date("2026-01-01T00:00:00Z"),
              MaximumRetryAttempts: 2,
              DestinationConfig: { OnFailure: { Destination: destination } },
            },
          ]
        : [],
    };
  });
};

const collect = async (): Promise<LiveRun> => {
  const run = new LiveRun(4, "mock");
  await collectLambda({ lambda, source: "mock" } as unknown as LiveClients, run);
  return run;
};

describe("Lambda collector: functions and their invoke configs (Lambda API shapes)", () => {
  it("Compliance: a function's DeadLetterConfig target and an on-failure destination are judged as DLQs", async () => {
    answerLike(
      { evaluator: { DeadLetterConfig: { TargetArn: queueArn("evaluator-dlq") } }, hook: {} },
      { hook: queueArn("hook-failures") },
    );
    const run = await collect();
    expect([...run.unreadableTypes]).toEqual([]);
    const queues = ["evaluator-dlq", "hook-failures"].map((name) =>
      queueResource(`https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}`, { QueueArn: queueArn(name) }),
    );
    const inventory = new Inventory([...run.collected(), ...queues], "live");
    const { report } = checkInventory({ config: DEFAULT_CONFIG, inventory, source: "mock", only: ["dlq-coverage"] });
    expect(report.items[0]!.findings.map((f) => [f.status, f.reason])).toEqual([
      ["fail", "DLQ evaluator-dlq has no consumer (no event source mapping or DLQ processor)"],
      ["fail", "DLQ hook-failures has no consumer (no event source mapping or DLQ processor)"],
    ]);
  });

  it("Noncompliance: a function whose reported log group does not exist never expires", async () => {
    answerLike({ evaluator: {} }, {});
    const inventory = new Inventory((await collect()).collected(), "live");
    const { report } = checkInventory({ config: DEFAULT_CONFIG, inventory, source: "mock", only: ["log-retention"] });
    expect(report.items[0]!.findings.map((f) => [f.status, f.reason])).toEqual([
      [
        "fail",
        "function evaluator logs to /aws/lambda/evaluator, which nothing gives a retention: Lambda creates it on first use and it never expires",
      ],
    ]);
  });

  it("Unknown: functions that cannot be listed make their invoke configs unreadable too", async () => {
    api.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    api.on(ListFunctionsCommand).rejects(Object.assign(new Error("not allowed"), { name: "AccessDeniedException" }));
    const run = await collect();
    expect([...run.unreadableTypes.keys()].sort()).toEqual(["AWS::Lambda::EventInvokeConfig", "AWS::Lambda::Function"]);
  });
});
