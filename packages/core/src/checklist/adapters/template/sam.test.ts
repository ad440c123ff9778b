import { DEFAULT_CONFIG } from "@readiness/core";
import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../check/check-template";
import { pathOf } from "../../model/value";
import { loadTemplateInventory } from "./index";
import { fixture } from "@readiness/devkit/fixtures/templates";

const ORDERS = fixture("sam/orders.yaml");

describe("Transform: AWS::Serverless-2016-10-31 (SAM)", () => {
  it("Compliance: a template that refers to the implicit ServerlessRestApi is read (it was rejected: no such resource)", async () => {
    const { inventory } = await loadTemplateInventory(ORDERS);
    expect(inventory.get("ServerlessRestApi")?.type).toBe("AWS::ApiGateway::RestApi");
    expect(inventory.get("ServerlessRestApiProdStage")?.type).toBe("AWS::ApiGateway::Stage");
  });

  it("Compliance: a function becomes a Lambda function with Globals merged, its execution role and its policies", async () => {
    const { inventory } = await loadTemplateInventory(ORDERS);
    const fn = inventory.get("CreateOrderFunction")!;
    expect(fn.type).toBe("AWS::Lambda::Function");
    expect(fn.properties).toMatchObject({ Runtime: "nodejs22.x", Timeout: 10, TracingConfig: { Mode: "Active" } });
    const variables = pathOf(fn.properties, "Environment", "Variables") as Record<string, unknown>;
    expect(Object.keys(variables)).toEqual(["TABLE_NAME", "QUEUE_URL"]);
    expect(inventory.lookup(variables.TABLE_NAME)).toBe(inventory.get("OrdersTable"));
    expect(inventory.lookup(variables.QUEUE_URL)).toBe(inventory.get("OrdersQueue"));
    const role = inventory.get("CreateOrderFunctionRole")!;
    expect(inventory.lookup(fn.properties.Role)).toBe(role);
    expect(role.properties.ManagedPolicyArns).toEqual([
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
    ]);
    const [crud, send] = role.properties.Policies as { PolicyDocument: { Statement: { Resource: unknown }[] } }[];
    expect(crud.PolicyDocument.Statement[0].Resource).toEqual([
      "arn:aws:dynamodb:us-east-1:123456789012:table/OrdersTable",
      "arn:aws:dynamodb:us-east-1:123456789012:table/OrdersTable/index/*",
    ]);
    expect(send.PolicyDocument.Statement[0].Resource).toEqual(["arn:aws:sqs:us-east-1:123456789012:OrdersQueue"]);
    expect(inventory.get("OrdersTable")?.properties).toMatchObject({ BillingMode: "PAY_PER_REQUEST" });
  });

  it("Compliance: an SQS event is an event source mapping; on a DLQ it is that DLQ's consumer (dlq-coverage passes)", async () => {
    const { inventory } = await loadTemplateInventory(ORDERS);
    const mapping = inventory.get("DeadLetterFunctionDeadLetters")!;
    expect(mapping.type).toBe("AWS::Lambda::EventSourceMapping");
    expect(inventory.lookup(mapping.properties.EventSourceArn)).toBe(inventory.get("OrdersDeadLetterQueue"));
    expect(inventory.lookup(mapping.properties.FunctionName)).toBe(inventory.get("DeadLetterFunction"));
    const { report } = await checkTemplate({ path: ORDERS, config: DEFAULT_CONFIG, only: ["dlq-coverage"] });
    expect(report.items[0].findings.map((f) => [f.resource, f.status])).toEqual([
      ["OrdersDeadLetterQueue", "pass"],
      ["OrdersQueue", "pass"],
    ]);
  });

  it("Compliance: every function's log group is judged (the default /aws/lambda/<name>, never given a retention here)", async () => {
    const { report } = await checkTemplate({ path: ORDERS, config: DEFAULT_CONFIG, only: ["log-retention"] });
    expect(report.items[0].findings.map((f) => [f.resource, f.status])).toEqual([
      ["CreateOrderFunction", "fail"],
      ["FulfilOrderFunction", "fail"],
      ["DeadLetterFunction", "fail"],
    ]);
  });

  it("Compliance: the report says which SAM resources were checked, as what, and what was not modelled", async () => {
    const { report } = await checkTemplate({
      path: fixture("sam/partly-modelled.yaml"),
      config: DEFAULT_CONFIG,
      only: ["dlq-coverage"],
    });
    expect(report.input?.samResources).toEqual([
      {
        resource: "Thumbnails",
        type: "AWS::Serverless::Function",
        location: { file: fixture("sam/partly-modelled.yaml"), line: 5, column: 3, stack: "partly-modelled" },
        expandedTo: ["Thumbnails", "ThumbnailsRole"],
        notModelled: ["Events.Device (IoTRule)"],
      },
      {
        resource: "Workflow",
        type: "AWS::Serverless::StateMachine",
        location: { file: fixture("sam/partly-modelled.yaml"), line: 16, column: 3, stack: "partly-modelled" },
        expandedTo: [],
        notModelled: ["AWS::Serverless::StateMachine is not expanded"],
      },
    ]);
  });
});
