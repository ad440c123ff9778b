import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadTemplateInventory } from "./index";
import { fixture, templateErrorOf } from "@readiness/devkit/fixtures/templates";
import { isAcceptedType } from "./validate";

const errorOf = (name: string, options = {}) => templateErrorOf(loadTemplateInventory(fixture(name), options));

describe("bad input is a TemplateError with what, where and how to fix", () => {
  it("Noncompliance: a path that does not exist", async () => {
    const error = await errorOf("no-such-template.yaml");
    expect(error.message).toBe(`template path not found: ${fixture("no-such-template.yaml")}`);
    expect(error.place).toEqual({ file: fixture("no-such-template.yaml") });
    expect(error.hint).toBe(
      "pass a CloudFormation template file (JSON or YAML) or a cdk.out / SST build output directory",
    );
  });

  it("Noncompliance: invalid JSON, at the line and column where it breaks", async () => {
    const error = await errorOf("bad/invalid.json");
    expect(error.message).toBe("invalid JSON: expected ',' or '}' after a property value, found '\"'");
    expect(error.place).toEqual({ file: fixture("bad/invalid.json"), line: 4, column: 5 });
  });

  it("Noncompliance: invalid YAML", async () => {
    const error = await errorOf("bad/invalid.yaml");
    expect(error.message).toBe(
      "invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
    );
    expect(error.place).toEqual({ file: fixture("bad/invalid.yaml"), line: 6, column: 3 });
  });

  it("Noncompliance: an unknown YAML tag, with the short form it probably meant", async () => {
    const error = await errorOf("bad/unknown-tag.yaml");
    expect(error.message).toBe("unknown YAML tag !Reff");
    expect(error.place).toEqual({ file: fixture("bad/unknown-tag.yaml"), line: 5, column: 18 });
    expect(error.hint).toBe("did you mean !Ref?");
  });

  it("Noncompliance: files that are not CloudFormation templates", async () => {
    const noResources = await errorOf("bad/no-resources.json");
    expect(noResources.message).toBe("not a CloudFormation template: it has no Resources section");
    expect(noResources.place).toEqual({ file: fixture("bad/no-resources.json") });
    expect(noResources.hint).toBe(
      "a CloudFormation template is a map with a Resources section mapping logical ids to { Type, Properties }",
    );
    const list = await errorOf("bad/resources-list.yaml");
    expect(list.message).toBe("not a CloudFormation template: Resources is not a map of logical ids to resources");
    expect(list.place).toEqual({ file: fixture("bad/resources-list.yaml"), line: 1, column: 1, path: "Resources" });
    expect((await errorOf("bad/list-document.yaml")).message).toBe(
      "not a CloudFormation template: the document is not a map",
    );
  });

  it("Noncompliance: a resource without a Type", async () => {
    const error = await errorOf("bad/no-type.yaml");
    expect(error.message).toBe("resource Topic has no Type");
    expect(error.place).toEqual({ file: fixture("bad/no-type.yaml"), line: 4, column: 3, path: "Resources.Topic" });
    expect(error.hint).toBe("every resource needs a Type, e.g. Type: AWS::SQS::Queue");
  });

  it("Noncompliance: an unknown resource type, with the type it probably meant", async () => {
    const error = await errorOf("bad/typo-type.yaml");
    expect(error.message).toBe("unknown resource type AWS::ECS::Servce for resource Service");
    expect(error.place).toEqual({
      file: fixture("bad/typo-type.yaml"),
      line: 4,
      column: 3,
      path: "Resources.Service.Type",
    });
    expect(error.hint).toBe("did you mean AWS::ECS::Service?");
  });

  it("Compliance: custom, SAM and third-party types are accepted; AWS types are checked", async () => {
    const { inventory } = await loadTemplateInventory(fixture("accepted-types.yaml"));
    // The SAM function is read as what the transform makes of it (sam.test.ts).
    expect([...inventory.all()].map((r) => r.type)).toEqual([
      "Custom::TableSeeder",
      "AWS::Lambda::Function",
      "AWS::IAM::Role",
      "Datadog::Monitors::Monitor",
    ]);
    expect(isAcceptedType("AWS::ECS::Service")).toBe(true);
    expect(isAcceptedType("AWS::ECS")).toBe(false);
    expect(isAcceptedType("AWS::Foo::Bar")).toBe(false);
  });

  it("Noncompliance: a Ref to nothing", async () => {
    const error = await errorOf("bad/missing-ref.yaml");
    expect(error.message).toBe(
      "Ref to TaskDef, which is not a parameter, resource or pseudo parameter of this template",
    );
    expect(error.place).toEqual({
      file: fixture("bad/missing-ref.yaml"),
      line: 4,
      column: 3,
      path: "Resources.Service.Properties.TaskDefinition.Ref",
    });
    expect(error.hint).toBe("declare TaskDef under Parameters or Resources");
  });

  it("Noncompliance: a Fn::GetAtt, DependsOn or Condition naming nothing", async () => {
    const getAtt = await errorOf("bad/missing-getatt.json");
    expect(getAtt.message).toBe("Fn::GetAtt on Topic, which is not a resource of this template");
    expect(getAtt.place).toEqual({
      file: fixture("bad/missing-getatt.json"),
      line: 4,
      column: 5,
      path: "Resources.Alarm.Properties.AlarmActions.0.Fn::GetAtt",
    });
    const dependsOn = await errorOf("bad/missing-depends-on.yaml");
    expect(dependsOn.message).toBe("DependsOn names Topic, which is not a resource of this template");
    expect(dependsOn.place?.path).toBe("Resources.Queue.DependsOn");
    const condition = await errorOf("bad/missing-condition.yaml");
    expect(condition.message).toBe("condition IsProdd is not defined under Conditions");
    expect(condition.hint).toBe("did you mean IsProd?");
  });

  it("Noncompliance: Conditions may only use parameters", async () => {
    const error = await errorOf("bad/condition-uses-resource.yaml");
    expect(error.message).toBe("Ref to resource Queue: conditions can only use parameters, not resources");
    expect(error.place).toMatchObject({ line: 2, path: "Conditions.HasQueue.Fn::Equals.0.Ref" });
  });

  it("Noncompliance: Fn::ForEach without the AWS::LanguageExtensions transform is refused with the fix, not misread as a resource", async () => {
    const error = await errorOf("bad/for-each.yaml");
    expect(error.message).toBe(
      "Fn::ForEach::Queues: Fn::ForEach needs the AWS::LanguageExtensions transform, which this template does not declare",
    );
    expect(error.hint).toBe("add Transform: AWS::LanguageExtensions to the template");
    expect(error.place).toMatchObject({ line: 2, path: "Resources.Fn::ForEach::Queues" });
  });

  it("Noncompliance: a template with an empty Resources section is rejected, as CloudFormation rejects it (0 resources never pass)", async () => {
    const error = await errorOf("bad/no-resources.yaml");
    expect(error.message).toBe("the template declares no resources: CloudFormation requires at least one");
    expect(error.place).toMatchObject({ line: 2, path: "Resources" });
  });

  it("Noncompliance: circular references name the cycle", async () => {
    const error = await errorOf("bad/cycle.yaml");
    expect(error.message).toBe("circular dependency between resources: Api → TaskDef → Role → Api");
    expect(error.place).toEqual({ file: fixture("bad/cycle.yaml"), line: 2, column: 3, path: "Resources.Api" });
  });

  it("Noncompliance: a file over the size limit, with its size and the limit", async () => {
    const error = await errorOf("service.json", { maxFileBytes: 100 });
    const size = statSync(fixture("service.json")).size;
    expect(error.message).toBe(`template file is too large: ${size} bytes (0.0 MiB), the limit is 100 bytes (0.0 MiB)`);
    expect(error.hint).toBe("raise the limit (maxFileBytes) if this really is one template");
    expect(error.place).toEqual({ file: fixture("service.json") });
  });
});
