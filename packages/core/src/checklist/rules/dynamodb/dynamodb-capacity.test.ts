import { describe, expect, it } from "vitest";
import { evaluateRule } from "@readiness/devkit/fixtures/ecs";
import type { Inventory } from "../../inventory/inventory";
import type { Resource } from "../../model/resource";
import { unknownValue } from "../../model/value";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import type { RuleOutcome } from "../rule";
import { dynamodbCapacity } from "./dynamodb-capacity";

const table = (properties: Record<string, unknown> = {}): Resource =>
  resource("AWS::DynamoDB::Table", "Tasks", { TableName: "tasks", ...properties }, ["tasks"]);
const provisioned = { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } };
const gsi = {
  GlobalSecondaryIndexes: [
    { IndexName: "byStatus", ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
  ],
};

/** A scalable target for one dimension plus (unless told otherwise) its target-tracking policy. */
const scaling = (kind: "Read" | "Write", index?: string, withPolicy = true): Resource[] => {
  const id = `${kind}${index ?? "Table"}Target`;
  const target = resource("AWS::ApplicationAutoScaling::ScalableTarget", id, {
    ServiceNamespace: "dynamodb",
    ResourceId: index ? `table/tasks/index/${index}` : "table/tasks",
    ScalableDimension: `dynamodb:${index ? "index" : "table"}:${kind}CapacityUnits`,
    MinCapacity: 5,
    MaxCapacity: 100,
  });
  const policy = resource("AWS::ApplicationAutoScaling::ScalingPolicy", `${id}Policy`, {
    PolicyType: "TargetTrackingScaling",
    ScalingTargetId: id,
  });
  return withPolicy ? [target, policy] : [target];
};

const evaluate = (inventory: Inventory, subjectId = "Tasks"): RuleOutcome =>
  evaluateRule(dynamodbCapacity, subjectId, inventory);

describe("dynamodb-capacity", () => {
  it("Compliance 1: on-demand table", () => {
    expect(evaluate(inventoryOf(table({ BillingMode: "PAY_PER_REQUEST" })))).toMatchObject({ verdict: "compliant" });
  });

  it("Compliance 2: provisioned table and GSI with read and write auto-scaling", () => {
    const inventory = inventoryOf(
      table({ ...provisioned, ...gsi }),
      ...scaling("Read"),
      ...scaling("Write"),
      ...scaling("Read", "byStatus"),
      ...scaling("Write", "byStatus"),
    );
    expect(evaluate(inventory)).toMatchObject({
      verdict: "compliant",
      reason: expect.stringContaining("auto-scaling"),
    });
  });

  it("Compliance 3: policy found by ResourceId and dimension (live shape, no ScalingTargetId)", () => {
    const [readTarget] = scaling("Read", undefined, false);
    const inventory = inventoryOf(
      table(provisioned),
      readTarget!,
      resource("AWS::ApplicationAutoScaling::ScalingPolicy", "readPolicy", {
        ResourceId: "table/tasks",
        ScalableDimension: "dynamodb:table:ReadCapacityUnits",
      }),
      ...scaling("Write"),
    );
    expect(evaluate(inventory).verdict).toBe("compliant");
  });

  it("Compliance 4: provisioned global table with auto-scaling settings", () => {
    const auto = { MinCapacity: 5, MaxCapacity: 100, TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 } };
    const globalTable = resource("AWS::DynamoDB::GlobalTable", "Global", {
      TableName: "global",
      BillingMode: "PROVISIONED",
      WriteProvisionedThroughputSettings: { WriteCapacityAutoScalingSettings: auto },
      Replicas: [{ Region: "eu-west-1", ReadProvisionedThroughputSettings: { ReadCapacityAutoScalingSettings: auto } }],
    });
    expect(evaluate(inventoryOf(globalTable), "Global").verdict).toBe("compliant");
  });

  it("Noncompliance 1: provisioned table (BillingMode absent) without auto-scaling", () => {
    expect(evaluate(inventoryOf(table(provisioned)))).toMatchObject({
      verdict: "non_compliant",
      reason: "provisioned table tasks lacks auto-scaling: table: no read/write scalable target",
    });
  });

  it("Noncompliance 2: GSI not scaled and a target without a policy", () => {
    const inventory = inventoryOf(
      table({ ...provisioned, ...gsi }),
      ...scaling("Read"),
      ...scaling("Write", undefined, false),
    );
    expect(evaluate(inventory)).toMatchObject({
      verdict: "non_compliant",
      reason:
        "provisioned table tasks lacks auto-scaling: table: no write scaling policy; index byStatus: no read/write scalable target",
    });
  });

  it("Noncompliance 4: every unscaled index is named, none behind a count", () => {
    const indexes = ["byStatus", "byOwner", "byQueue", "byCreatedAt"].map((IndexName) => ({
      IndexName,
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    }));
    const inventory = inventoryOf(
      table({ ...provisioned, GlobalSecondaryIndexes: indexes }),
      ...scaling("Read"),
      ...scaling("Write"),
    );
    expect(evaluate(inventory)).toMatchObject({
      verdict: "non_compliant",
      reason:
        "provisioned table tasks lacks auto-scaling: index byStatus: no read/write scalable target; " +
        "index byOwner: no read/write scalable target; index byQueue: no read/write scalable target; " +
        "index byCreatedAt: no read/write scalable target",
    });
  });

  it("Noncompliance 3: provisioned global table with fixed replica read capacity", () => {
    const globalTable = resource("AWS::DynamoDB::GlobalTable", "Global", {
      TableName: "global",
      WriteProvisionedThroughputSettings: { WriteCapacityAutoScalingSettings: { MinCapacity: 1, MaxCapacity: 10 } },
      Replicas: [{ Region: "eu-west-1", ReadProvisionedThroughputSettings: { ReadCapacityUnits: 5 } }],
    });
    expect(evaluate(inventoryOf(globalTable), "Global")).toMatchObject({
      verdict: "non_compliant",
      reason: "provisioned global table global lacks read auto-scaling for replica eu-west-1",
    });
  });

  it("Unknown 1: billing mode unknown", () => {
    expect(evaluate(inventoryOf(table({ BillingMode: unknownValue("parameter Mode has no default") }))).verdict).toBe(
      "unknown",
    );
  });

  it("Unknown 2: a DynamoDB scalable target whose ResourceId is unknown might be this table's", () => {
    const inventory = inventoryOf(
      table(provisioned),
      resource("AWS::ApplicationAutoScaling::ScalableTarget", "Mystery", {
        ServiceNamespace: "dynamodb",
        ResourceId: unknownValue("Fn::ImportValue TableName"),
        ScalableDimension: "dynamodb:table:ReadCapacityUnits",
      }),
    );
    expect(evaluate(inventory)).toMatchObject({ verdict: "unknown", reason: expect.stringContaining("Mystery") });
  });
});
