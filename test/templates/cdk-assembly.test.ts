import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadTemplateInventory } from "@readiness/core/checklist/adapters/template/index";
import type { Resource } from "@readiness/core/checklist/model/resource";
import { afterAll, describe, expect, it } from "vitest";
import { synthNestedStackApp, synthStageApp, synthStageWithNestedStack, synthWithEmptyStack } from "./cdk-apps";

const scratch = mkdtempSync(join(tmpdir(), "readiness-cdk-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const typesOf = (resources: Iterable<{ id: string; type: string }>, prefix: string): string[] =>
  [...resources].filter((r) => r.id.startsWith(prefix)).map((r) => r.type);

describe("cdk.out of a CDK app, synthesized offline", () => {
  it("Compliance: a Stage's stacks (assembly-*/) are read through the nested cloud assembly's manifest", async () => {
    const outdir = synthStageApp(join(scratch, "stage"));
    const { inventory, files, missingNested } = await loadTemplateInventory(outdir);
    expect(files).toEqual([expect.stringMatching(/\/assembly-Prod\/ProdWeb[0-9A-F]{8}\.template\.json$/)]);
    // Only one stack: ids keep their logical ids, and the stack is named as CloudFormation will name it.
    const service = inventory.ofType("AWS::ECS::Service")[0];
    expect(service.location?.stack).toBe("Prod-Web");
    expect(inventory.ofType("AWS::ElasticLoadBalancingV2::LoadBalancer")).toHaveLength(1);
    expect(missingNested).toEqual([]);
  });

  it.each([
    ["with path metadata", true],
    ["without path metadata (the template is named only by its asset hash)", false],
  ])("Compliance: a NestedStack's template is read, %s", async (_, pathMetadata) => {
    const outdir = synthNestedStackApp(join(scratch, `nested-${pathMetadata}`), { pathMetadata });
    const { inventory, files, missingNested, warnings } = await loadTemplateInventory(outdir);
    expect(files).toHaveLength(2);
    expect(files[1]).toMatch(/WorkerQueues[0-9A-F]{8}\.nested\.template\.json$/);
    expect(warnings).toEqual([]);
    expect(missingNested).toEqual([]);
    const nestedQueues = inventory.ofType("AWS::SQS::Queue").filter((q) => q.location?.file === files[1]);
    expect(nestedQueues).toHaveLength(2);
    // The service's queue URL comes out of the nested stack's outputs: the consumer is linked to the queue.
    const [container] = inventory.ofType("AWS::ECS::TaskDefinition")[0].properties.ContainerDefinitions as {
      Environment: { Name: string; Value: unknown }[];
    }[];
    const queueUrl = container.Environment.find((e) => e.Name === "QUEUE_NAME")?.Value;
    expect((inventory.lookup(queueUrl) as Resource | undefined)?.id).toMatch(/^QueuesNestedStack.*\/Jobs/);
  });

  it("Compliance: a Stage whose stack has a NestedStack, without path metadata", async () => {
    const outdir = synthStageWithNestedStack(join(scratch, "stage-nested"), { pathMetadata: false });
    const { inventory, missingNested } = await loadTemplateInventory(outdir);
    expect(typesOf(inventory.all(), "TablesNestedStack")).toEqual(["AWS::CloudFormation::Stack", "AWS::SQS::Queue"]);
    expect(missingNested).toEqual([]);
  });

  it("NotApplicable: a stack with no resources is skipped as cdk deploy skips it, with a warning; the others are read", async () => {
    const outdir = synthWithEmptyStack(join(scratch, "empty"));
    const { inventory, warnings } = await loadTemplateInventory(outdir);
    expect(warnings).toEqual([
      `skipped stack Empty (${join(outdir, "Empty.template.json")}): it has no resources, and cdk deploy skips it too`,
    ]);
    expect(inventory.ofType("AWS::SQS::Queue")).toHaveLength(1);
  });
});
