import { describe, expect, it } from "vitest";
import { serviceSecurityGroups, serviceSubnets } from "../../inventory/relations/ecs";
import type { Resource } from "../../model/resource";
import { pathOf, UnknownValue } from "../../model/value";
import { loadTemplateInventory } from "./index";
import { fixture, templateErrorOf } from "@readiness/devkit/fixtures/templates";

const ids = (resolved: unknown): unknown => (Array.isArray(resolved) ? resolved.map((r: Resource) => r.id) : resolved);

describe("nested stacks", () => {
  it("Compliance: the child is loaded with the parameters passed, its ids and location say where it came from", async () => {
    const { inventory, files } = await loadTemplateInventory(fixture("nested/parent.yaml"));
    expect(files).toEqual([fixture("nested/parent.yaml"), fixture("nested/network.yaml")]);
    const vpc = inventory.get("Network/Vpc");
    expect(vpc?.properties).toEqual({
      CidrBlock: "10.1.0.0/16",
      Tags: [{ Key: "Name", Value: "prod-parent-Network" }],
    });
    expect(vpc?.location).toEqual({
      file: fixture("nested/network.yaml"),
      line: 7,
      column: 3,
      stack: "parent/Network",
    });
    expect(inventory.get("Network/SubnetA")?.properties.VpcId).toBe(vpc?.aliases[0]);
  });

  it("Compliance: Fn::GetAtt Child.Outputs.X resolves through the child's outputs to its resources", async () => {
    const { inventory } = await loadTemplateInventory(fixture("nested/parent.yaml"));
    const service = inventory.get("Service")!;
    expect(ids(serviceSubnets(inventory, service))).toEqual(["Network/SubnetA", "Network/SubnetB"]);
    expect(ids(serviceSecurityGroups(inventory, service))).toEqual(["Network/TaskSecurityGroup"]);
  });

  it("Noncompliance 1: a TemplateURL that cannot be found leaves the outputs unknown and is recorded as missing, not only warned", async () => {
    const { inventory, warnings, missingNested } = await loadTemplateInventory(fixture("nested/parent.yaml"));
    const url = "https://example-bucket.s3.amazonaws.com/shared-missing.yaml";
    const why = `no file under ${fixture("nested")} matches it`;
    expect(pathOf(inventory.get("Consumer")?.properties, "RedrivePolicy", "deadLetterTargetArn")).toEqual(
      new UnknownValue(`nested stack Shared: its template ${url} was not found (${why})`),
    );
    expect(missingNested).toEqual([
      {
        resource: "Shared",
        location: { file: fixture("nested/parent.yaml"), line: 21, column: 3, stack: "parent" },
        templateUrl: url,
        reason: why,
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it("Noncompliance 2: a template that nests itself is an error", async () => {
    const error = await templateErrorOf(loadTemplateInventory(fixture("nested/self.yaml")));
    expect(error.message).toBe(`nested stack Again includes its own template ${fixture("nested/self.yaml")}`);
    expect(error.place).toMatchObject({ line: 2, path: "Resources.Again.Properties.TemplateURL" });
  });
});

describe("nested stack Parameters", () => {
  it("Noncompliance: Parameters given as a list is an error, not silently ignored", async () => {
    const error = await templateErrorOf(loadTemplateInventory(fixture("bad/nested-parameters-list.yaml")));
    expect(error.message).toBe("the Parameters of a nested stack must be a map of parameter names to values");
    expect(error.place).toMatchObject({ line: 2, path: "Resources.Network.Properties.Parameters" });
  });
});
