import { describe, expect, it } from "vitest";
import type { Resource } from "../../model/resource";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { queuesNamedInEnvironment, valueNamesQueue } from "./sqs";

const queue = (id: string, name: string): Resource =>
  resource("AWS::SQS::Queue", id, { QueueName: name }, [
    `arn:aws:sqs:eu-west-1:111122223333:${name}`,
    `https://sqs.eu-west-1.amazonaws.com/111122223333/${name}`,
  ]);

const taskWithEnvironment = (id: string, values: unknown[]): Resource =>
  resource("AWS::ECS::TaskDefinition", id, {
    ContainerDefinitions: [
      { Name: "app", Environment: values.slice(0, 2).map((Value, i) => ({ Name: `V${i}`, Value })) },
      { Name: "sidecar", Environment: values.slice(2).map((Value, i) => ({ Name: `W${i}`, Value })) },
    ],
  });

describe("queuesNamedInEnvironment", () => {
  const inventory = inventoryOf(
    queue("TasksDlq", "tasks-dlq"),
    queue("OrdersDlq", "orders-dlq"),
    queue("Unused", "unused"),
    taskWithEnvironment("ByUrl", ["https://sqs.eu-west-1.amazonaws.com/111122223333/tasks-dlq"]),
    taskWithEnvironment("ByNameAndId", ["info", "orders-dlq", "TasksDlq"]),
    taskWithEnvironment("Nothing", ["info", 42, { nested: "tasks-dlq" }]),
  );

  it("finds the queues an environment names by URL, ARN, name or logical id, in any container", () => {
    expect([...queuesNamedInEnvironment(inventory, inventory.get("ByUrl")!)]).toEqual(["TasksDlq"]);
    expect([...queuesNamedInEnvironment(inventory, inventory.get("ByNameAndId")!)].sort()).toEqual([
      "OrdersDlq",
      "TasksDlq",
    ]);
    expect(queuesNamedInEnvironment(inventory, inventory.get("Nothing")!).size).toBe(0);
  });

  it("agrees with valueNamesQueue for every task definition and queue", () => {
    const queues = inventory.ofType("AWS::SQS::Queue");
    for (const task of inventory.ofType("AWS::ECS::TaskDefinition")) {
      const values = (task.properties.ContainerDefinitions as { Environment: { Value: unknown }[] }[]).flatMap((c) =>
        c.Environment.map((e) => e.Value),
      );
      for (const q of queues)
        expect(queuesNamedInEnvironment(inventory, task).has(q.id)).toBe(
          values.some((value) => valueNamesQueue(inventory, value, q)),
        );
    }
  });
});
