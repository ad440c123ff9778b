import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_BRANCHES } from "./branches";
import { loadTemplateInventory } from "./index";

/** Writes a JSON template to a fresh folder and loads it. */
const loadJson = (template: Record<string, unknown>) => {
  const file = join(mkdtempSync(join(tmpdir(), "branches-")), "template.json");
  writeFileSync(file, JSON.stringify(template));
  return loadTemplateInventory(file);
};

/** A string parameter without a default per name, and a condition on each. */
const undecidable = (names: string[]) => ({
  Parameters: Object.fromEntries(names.map((name) => [name, { Type: "String" }])),
  Conditions: Object.fromEntries(names.map((name) => [`Use${name}`, { "Fn::Equals": [{ Ref: name }, "yes"] }])),
});

describe("branches of undecidable conditions", () => {
  it("Compliance: a condition met only inside a branch is split when that branch is taken", async () => {
    const { inventory } = await loadJson({
      ...undecidable(["A", "B"]),
      Resources: {
        Queue: {
          Type: "AWS::SQS::Queue",
          Properties: {
            DelaySeconds: { "Fn::If": ["UseA", { "Fn::If": ["UseB", 1, 2] }, 3] },
          },
        },
      },
    });
    const seen = inventory.branches.map((branch) => [
      branch.assumptions.map((a) => `${a.condition}=${a.holds}`).join(","),
      branch.inventory.get("Queue")?.properties.DelaySeconds,
    ]);
    expect(seen).toEqual([
      ["UseA=true,UseB=true", 1],
      ["UseA=true,UseB=false", 2],
      ["UseA=false", 3],
    ]);
  });

  it("Unknown 1: more combinations than are judged leaves the values unknown, and says so", async () => {
    const names = Array.from({ length: Math.log2(MAX_BRANCHES) + 1 }, (_, i) => `P${i}`);
    const { inventory, warnings } = await loadJson({
      ...undecidable(names),
      Resources: Object.fromEntries(
        names.map((name) => [
          `Queue${name}`,
          { Type: "AWS::SQS::Queue", Properties: { DelaySeconds: { "Fn::If": [`Use${name}`, 1, 2] } } },
        ]),
      ),
    });
    expect(inventory.branches).toEqual([]);
    expect(inventory.get("QueueP0")?.properties.DelaySeconds).toMatchObject({ isUnknown: true });
    expect(warnings.at(-1)).toMatch(
      new RegExp(
        `^${names.length} conditions cannot be decided before deploy .*: they make more than ${MAX_BRANCHES} combinations`,
      ),
    );
  });

  it("Unknown 2: a branch that cannot be evaluated leaves the values unknown, and says why", async () => {
    const { inventory, warnings } = await loadJson({
      Parameters: { Zones: { Type: "CommaDelimitedList", Default: "" }, Mode: { Type: "String" } },
      Conditions: { UseZones: { "Fn::Equals": [{ Ref: "Mode" }, "zones"] } },
      Resources: {
        Subnet: {
          Type: "AWS::EC2::Subnet",
          Properties: {
            VpcId: "vpc-1",
            CidrBlock: "10.0.0.0/24",
            AvailabilityZone: { "Fn::If": ["UseZones", { "Fn::Select": [3, { Ref: "Zones" }] }, "us-east-1a"] },
          },
        },
      },
    });
    expect(inventory.branches).toEqual([]);
    expect(inventory.get("Subnet")?.properties.AvailabilityZone).toMatchObject({ isUnknown: true });
    expect(warnings.at(-1)).toBe(
      "a condition cannot be decided before deploy (condition UseZones cannot be decided: parameter Mode has no Default and no value was given): when UseZones is true, the template cannot be evaluated (Fn::Select index 3 is out of range for a list of 1), so the values under them stay unknown",
    );
  });
});
