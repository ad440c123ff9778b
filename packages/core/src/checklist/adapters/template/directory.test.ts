import { describe, expect, it } from "vitest";
import { serviceSubnets, serviceTaskDefinition } from "../../inventory/relations/ecs";
import type { Resource } from "../../model/resource";
import { loadTemplateInventory } from "./index";
import { fixture, templateErrorOf } from "@readiness/devkit/fixtures/templates";

describe("a cdk.out / SST build output directory", () => {
  it("Compliance: picks the stack templates, skips manifest, tree and asset files, prefixes ids with stack names", async () => {
    const { inventory, files, warnings } = await loadTemplateInventory(fixture("cdk.out"));
    expect(files).toEqual([
      fixture("cdk.out/AppStack.template.json"),
      fixture("cdk.out/DataStack.template.json"),
      fixture("cdk.out/AppStackNetworkAB12CD34.nested.template.json"),
    ]);
    expect(warnings).toEqual([]);
    expect([...inventory.all()].map((r) => r.id)).toEqual([
      "AppStack/NetworkNestedStackNetworkNestedStackResourceAB12CD34",
      "AppStack/NetworkNestedStackNetworkNestedStackResourceAB12CD34/Vpc8378EB38",
      "AppStack/NetworkNestedStackNetworkNestedStackResourceAB12CD34/PrivateSubnet",
      "AppStack/WorkerService1A2B3C4D",
      "AppStack/WorkerTaskDef5E6F7A8B",
      "task-data/TasksTable12345678",
      "task-data/CDKMetadata",
    ]);
    expect(inventory.get("task-data/TasksTable12345678")?.location?.stack).toBe("task-data");
  });

  it("Compliance: references across nested stacks (asset path) and stacks (exports) resolve", async () => {
    const { inventory } = await loadTemplateInventory(fixture("cdk.out"));
    const service = inventory.get("AppStack/WorkerService1A2B3C4D")!;
    const task = serviceTaskDefinition(inventory, service) as Resource;
    expect(task.id).toBe("AppStack/WorkerTaskDef5E6F7A8B");
    expect((serviceSubnets(inventory, service) as Resource[]).map((s) => s.id)).toEqual([
      "AppStack/NetworkNestedStackNetworkNestedStackResourceAB12CD34/PrivateSubnet",
    ]);
    const [container] = task.properties.ContainerDefinitions as { Environment: { Value: unknown }[] }[];
    expect(inventory.lookup(container.Environment[0].Value)).toBe(inventory.get("task-data/TasksTable12345678"));
  });

  it("NotApplicable: a directory without templates is an error, not an empty inventory", async () => {
    const error = await templateErrorOf(loadTemplateInventory(fixture("empty-build")));
    expect(error.message).toBe(`no CloudFormation templates found in ${fixture("empty-build")}`);
    expect(error.hint).toBe(
      "point at a template file, or at a cdk.out / SST build output directory (run cdk synth or sst build first)",
    );
  });
});
