import { describe, expect, it } from "vitest";
import { unknownValue } from "../model/value";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";

describe("Inventory.referencesTo", () => {
  const queue = resource("AWS::SQS::Queue", "Queue", { QueueName: "tasks" }, [
    "arn:aws:sqs:us-east-1:123456789012:tasks",
    "https://sqs.us-east-1.amazonaws.com/123456789012/tasks",
  ]);

  it("lists each referrer once, in inventory order, however many times it names the target", () => {
    const inventory = inventoryOf(
      resource("AWS::ECS::TaskDefinition", "Task", {
        ContainerDefinitions: [
          {
            Environment: [
              { Name: "QUEUE_URL", Value: "https://sqs.us-east-1.amazonaws.com/123456789012/tasks" },
              { Name: "QUEUE_ARN", Value: "arn:aws:sqs:us-east-1:123456789012:tasks" },
            ],
          },
        ],
      }),
      queue,
      resource("AWS::Lambda::EventSourceMapping", "Mapping", {
        EventSourceArn: "arn:aws:sqs:us-east-1:123456789012:tasks",
        Tags: [{ Key: "queue", Value: "Queue" }],
      }),
    );
    expect(inventory.referencesTo(queue).map((r) => r.id)).toEqual(["Task", "Mapping"]);
  });

  it("never lists a resource as referring to itself, nor reads inside unknown values", () => {
    const inventory = inventoryOf(
      resource("AWS::SQS::Queue", "Self", { QueueName: "Self", Note: ["Self"] }),
      resource("AWS::SQS::QueuePolicy", "Policy", { Queues: unknownValue("Self is not known before deploy") }),
    );
    expect(inventory.referencesTo(inventory.get("Self")!)).toEqual([]);
  });

  it("lists a referrer under every resource it names", () => {
    const inventory = inventoryOf(
      resource("AWS::SQS::Queue", "A"),
      resource("AWS::SQS::Queue", "B"),
      resource("AWS::SQS::QueuePolicy", "Policy", { Queues: ["A", "B", "A"] }),
    );
    expect(inventory.referencesTo(inventory.get("A")!).map((r) => r.id)).toEqual(["Policy"]);
    expect(inventory.referencesTo(inventory.get("B")!).map((r) => r.id)).toEqual(["Policy"]);
  });
});
