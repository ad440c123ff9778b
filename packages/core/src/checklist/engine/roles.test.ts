import { describe, expect, it } from "vitest";
import { configOf, inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { describeRole, inferRole } from "./roles";
import { buildScope } from "./scope";

const QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/orders";
const DLQ_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/orders-failed";

/** A service named `name` running a task definition with this environment and task role. */
const service = (name: string, environment: Record<string, string>, extra: Record<string, unknown> = {}) => [
  resource("AWS::ECS::Service", name, { ServiceName: name, TaskDefinition: `${name}-td`, ...extra }),
  resource(
    "AWS::ECS::TaskDefinition",
    `${name}-td`,
    {
      TaskRoleArn: `${name}-role`,
      ContainerDefinitions: [
        { Name: name, Environment: Object.entries(environment).map(([Name, Value]) => ({ Name, Value })) },
      ],
    },
    [`${name}-td`],
  ),
];

const role = (name: string, actions: string[]) =>
  resource(
    "AWS::IAM::Role",
    `${name}-role`,
    {
      Policies: [
        {
          PolicyName: "queue",
          PolicyDocument: { Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] },
        },
      ],
    },
    [`${name}-role`],
  );

const queues = () => [
  resource(
    "AWS::SQS::Queue",
    "Orders",
    {
      QueueName: "orders",
      RedrivePolicy: { deadLetterTargetArn: "arn:aws:sqs:us-east-1:123456789012:orders-failed" },
    },
    [QUEUE_URL, "arn:aws:sqs:us-east-1:123456789012:orders"],
  ),
  resource("AWS::SQS::Queue", "OrdersFailed", { QueueName: "orders-failed" }, [
    DLQ_URL,
    "arn:aws:sqs:us-east-1:123456789012:orders-failed",
  ]),
];

const inferredOf = (resources: ReturnType<typeof resource>[], name: string) => {
  const inventory = inventoryOf(...resources);
  return inferRole(inventory, inventory.get(name)!, name);
};

describe("roles inferred from structure (issue 8.9)", () => {
  it("Compliance 1: a load balancer target is an API, whatever its name", () => {
    const checkout = service(
      "checkout",
      { QUEUE_URL },
      {
        LoadBalancers: [
          {
            TargetGroupArn:
              "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/checkout-tg/0123456789abcdef",
            ContainerName: "checkout",
            ContainerPort: 8080,
          },
        ],
      },
    );
    expect(inferredOf([...checkout, ...queues()], "checkout")).toEqual({
      role: "api",
      source: "load-balancer-target",
      evidence: "target group checkout-tg",
    });
  });

  it("Compliance 2: a service reading a queue is a worker; reading a DLQ, a DLQ processor", () => {
    const resources = [
      ...service("fulfilment", { QUEUE_URL }),
      ...service("janitor", { FAILED: DLQ_URL }),
      ...queues(),
    ];
    expect(inferredOf(resources, "fulfilment")).toEqual({
      role: "worker",
      source: "sqs-consumer",
      evidence: "queue orders",
    });
    expect(inferredOf(resources, "janitor")).toEqual({
      role: "dlq-processor",
      source: "dlq-consumer",
      evidence: "DLQ orders-failed",
    });
  });

  it("Compliance 3: a service whose task role may only send to the queue is a producer, not a worker", () => {
    const resources = [...service("scheduler", { QUEUE_URL }), role("scheduler", ["sqs:SendMessage"]), ...queues()];
    expect(inferredOf(resources, "scheduler")).toBeUndefined();
    const consumer = [
      ...service("fulfilment", { QUEUE_URL }),
      role("fulfilment", ["sqs:Receive*", "sqs:DeleteMessage"]),
      ...queues(),
    ];
    expect(inferredOf(consumer, "fulfilment")?.role).toBe("worker");
  });

  it("Compliance 4: the name decides only when the structure says nothing", () => {
    expect(inferredOf(service("orders-api", {}), "orders-api")).toEqual({
      role: "api",
      source: "name",
      evidence: "orders-api",
    });
    expect(inferredOf(service("cache", {}), "cache")).toBeUndefined();
    // A queue it reads that nothing redrives to yet: its name says which consumer it is.
    const orphan = resource("AWS::SQS::Queue", "Orphan", { QueueName: "orphan" }, [
      "https://sqs.us-east-1.amazonaws.com/123456789012/orphan",
    ]);
    expect(
      inferredOf(
        [...service("dlq-drainer", { URL: "https://sqs.us-east-1.amazonaws.com/123456789012/orphan" }), orphan],
        "dlq-drainer",
      ),
    ).toEqual({ role: "dlq-processor", source: "name", evidence: "dlq-drainer" });
    expect(describeRole(undefined)).toBe(
      "none (no load balancer, no queue it reads, and its name says nothing: declare it in readiness.yml)",
    );
  });

  it("Compliance 5: the scope reports every service's role and where it comes from; readiness.yml overrides", () => {
    const checkout = service("checkout", {}, { LoadBalancers: [{ TargetGroupArn: "tg", ContainerPort: 80 }] });
    const inventory = inventoryOf(...checkout, ...service("fulfilment", { QUEUE_URL }), ...queues());
    expect(buildScope(inventory, configOf()).summary.roles).toEqual([
      { service: "checkout", role: "api", source: "load-balancer-target", evidence: "target group tg" },
      { service: "fulfilment", role: "worker", source: "sqs-consumer", evidence: "queue orders" },
    ]);
    const declared = buildScope(
      inventory,
      configOf({
        services: [
          { service: "checkout", role: "worker" },
          { service: "fulfilment", role: "worker" },
        ],
      }),
    );
    expect(declared.roleOf(inventory.get("checkout")!)).toBe("worker");
    expect(declared.summary.roles[0]).toEqual({
      service: "checkout",
      role: "worker",
      source: "readiness.yml",
      evidence: "declared",
    });
  });
});
