import { describe, expect, it } from "vitest";
import { defaultParams } from "../../catalogue/params";
import type { Resource } from "../../model/resource";
import { configOf, inventoryOf, resource, scopeOf } from "@readiness/devkit/testing/builders";
import type { RuleOutcome } from "../rule";
import { dlqCoverage } from "./dlq-coverage";

// The rule answers "who consumes this queue?" from indexes built once per run: these scenarios
// evaluate several DLQs against one inventory and scope, so an index mixing queues up would show.

const dlq = (name: string): Resource =>
  resource("AWS::SQS::Queue", name, { QueueName: name, RedriveAllowPolicy: { redrivePermission: "allowAll" } }, [
    `https://sqs.eu-west-1.amazonaws.com/111122223333/${name}`,
  ]);
const processor = (name: string, queueUrl: string): Resource[] => [
  resource("AWS::ECS::Service", name, { ServiceName: name, TaskDefinition: `${name}-task`, DesiredCount: 1 }),
  resource("AWS::ECS::TaskDefinition", `${name}-task`, {
    ContainerDefinitions: [{ Name: "app", Environment: [{ Name: "DLQ_URL", Value: queueUrl }] }],
  }),
];

describe("dlq-coverage over many queues in one run", () => {
  it("Compliance and Noncompliance: each DLQ is matched to the processors that name it, and only those", () => {
    const inventory = inventoryOf(
      dlq("tasks-dlq"),
      dlq("orders-dlq"),
      dlq("lonely-dlq"),
      ...processor("tasks-dlq-processor", "https://sqs.eu-west-1.amazonaws.com/111122223333/tasks-dlq"),
      ...processor("orders-dlq-processor", "orders-dlq"),
    );
    const scope = scopeOf(inventory);
    const verdicts = ["tasks-dlq", "orders-dlq", "lonely-dlq"].map((id) => {
      const outcome = dlqCoverage.evaluate(inventory.get(id)!, {
        inventory,
        scope,
        params: defaultParams("dlq-coverage"),
      }) as RuleOutcome;
      return [id, outcome.verdict, outcome.reason];
    });
    expect(verdicts).toEqual([
      ["tasks-dlq", "compliant", "DLQ tasks-dlq is consumed by service tasks-dlq-processor"],
      ["orders-dlq", "compliant", "DLQ orders-dlq is consumed by service orders-dlq-processor"],
      ["lonely-dlq", "non_compliant", "DLQ lonely-dlq has no consumer (no event source mapping or DLQ processor)"],
    ]);
  });

  it("Compliance: declared consumers are matched per queue, and a processor is listed once", () => {
    const inventory = inventoryOf(
      dlq("tasks-dlq"),
      dlq("orders-dlq"),
      ...processor("drain", "https://sqs.eu-west-1.amazonaws.com/111122223333/tasks-dlq"),
    );
    const config = configOf({
      services: [{ service: "drain", role: "dlq-processor", consumes: ["tasks-dlq", "tasks-dlq", "orders-dlq"] }],
    });
    const scope = scopeOf(inventory, config);
    for (const id of ["tasks-dlq", "orders-dlq"]) {
      const queue = inventory.get(id)!;
      expect(scope.consumersOf(queue, inventory).map((s) => s.name)).toEqual(["drain"]);
      const outcome = dlqCoverage.evaluate(queue, {
        inventory,
        scope,
        params: defaultParams("dlq-coverage"),
      }) as RuleOutcome;
      expect(outcome).toMatchObject({ verdict: "compliant", reason: `DLQ ${id} is consumed by service drain` });
    }
  });
});
