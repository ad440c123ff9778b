import { describe, expect, it } from "vitest";
import { pathOf, UnknownValue } from "../../model/value";
import { loadTemplateInventory } from "./index";
import { fixture, templateErrorOf } from "@readiness/devkit/fixtures/templates";

const load = (name: string, options = {}) => loadTemplateInventory(fixture(name), options);

const propertiesOf = async (name: string, id: string, options = {}): Promise<Record<string, unknown>> => {
  const { inventory } = await load(name, options);
  const resource = inventory.get(id);
  if (!resource) throw new Error(`no resource ${id} in ${name}`);
  return resource.properties;
};

describe("intrinsic functions", () => {
  it("Compliance: Fn::Sub with pseudo parameters, variable maps and resource attributes", async () => {
    expect((await propertiesOf("service.yaml", "TaskSecurityGroup")).GroupDescription).toBe(
      "tasks of service in us-east-1",
    );
    expect((await propertiesOf("service.yaml", "LogGroup")).LogGroupName).toBe("/ecs/task-service-prod");
    const image = pathOf(
      await propertiesOf("service.yaml", "TaskDefinition", { parameters: { ImageTag: "1.4.2" } }),
      "ContainerDefinitions",
      0,
      "Image",
    );
    expect(image).toBe("123456789012.dkr.ecr.us-east-1.amazonaws.com/task-service:1.4.2");
  });

  it("Compliance: Fn::Join, Fn::Select, Fn::Split, Fn::GetAZs, Fn::Cidr, Fn::FindInMap, Fn::Base64", async () => {
    expect((await propertiesOf("service.yaml", "Table")).TableName).toBe("prod-tasks");
    expect(await propertiesOf("service.yaml", "SubnetA")).toMatchObject({
      CidrBlock: "10.0.1.0/24",
      AvailabilityZone: "us-east-1a",
    });
    expect(await propertiesOf("service.yaml", "SubnetB")).toMatchObject({
      CidrBlock: "10.0.1.0/24",
      AvailabilityZone: "us-east-1b",
    });
    expect((await propertiesOf("service.yaml", "Alarm")).AlarmDescription).toEqual(["a", "b"]);
    const task = await propertiesOf("service.yaml", "TaskDefinition");
    expect(task.Cpu).toBe("512");
    expect(pathOf(task, "ContainerDefinitions", 0, "Environment", 2, "Value")).toBe("aGVsbG8=");
    expect((await propertiesOf("service.yaml", "ApiService")).DesiredCount).toBe(2);
  });

  it("Compliance: the region option drives pseudo parameters, zones and ARNs", async () => {
    const options = { region: "eu-west-1", accountId: "210987654321" };
    expect((await propertiesOf("service.yaml", "SubnetA", options)).AvailabilityZone).toBe("eu-west-1a");
    const task = await propertiesOf("service.yaml", "TaskDefinition", options);
    expect(task.TaskRoleArn).toBe("arn:aws:iam::210987654321:role/TaskRole");
    expect(pathOf(task, "ContainerDefinitions", 0, "Environment", 0, "Value")).toBe(
      "https://sqs.eu-west-1.amazonaws.com/210987654321/TaskQueue",
    );
  });

  it("Noncompliance 1: an unknown part makes the whole Join or Sub unknown, with the part's reason", async () => {
    const queue = await propertiesOf("unknowns.yaml", "Queue");
    expect(queue.QueueName).toEqual(new UnknownValue("parameter Prefix has no Default and no value was given"));
    const service = await propertiesOf("unknowns.yaml", "Service");
    expect(service.ServiceName).toEqual(new UnknownValue("parameter Prefix has no Default and no value was given"));
    expect(pathOf(service, "NetworkConfiguration", "AwsvpcConfiguration", "Subnets")).toEqual(
      new UnknownValue("parameter Subnets has no Default and no value was given"),
    );
  });

  it("Noncompliance 2: Fn::ImportValue of a stack not loaded is unknown, and so is everything built from it", async () => {
    const service = await propertiesOf("unknowns.yaml", "Service");
    expect(pathOf(service, "NetworkConfiguration", "AwsvpcConfiguration", "SecurityGroups")).toEqual([
      new UnknownValue("imported from another stack: shared-sgs"),
    ]);
    expect((await propertiesOf("service.yaml", "Alarm")).AlarmActions).toEqual([
      new UnknownValue("imported from another stack: shared-alerts-topic"),
    ]);
  });

  it("Compliance: Fn::Select of a known item from a list with unknown items is known", async () => {
    expect(pathOf(await propertiesOf("unknowns.yaml", "Service"), "Tags", 0, "Value")).toBe("jobs");
  });

  it("Noncompliance 3: an index out of range is an error at the resource", async () => {
    const error = await templateErrorOf(load("bad/select-out-of-range.yaml"));
    expect(error.message).toBe("Fn::Select index 2 is out of range for a list of 2");
    expect(error.place).toEqual({
      file: fixture("bad/select-out-of-range.yaml"),
      line: 2,
      column: 3,
      path: "Resources.Subnet.Properties.CidrBlock.Fn::Select",
    });
  });

  it("Noncompliance 4: Fn::FindInMap of a missing entry is an error with a hint", async () => {
    const error = await templateErrorOf(load("bad/find-in-map-missing.yaml"));
    expect(error.message).toBe("Fn::FindInMap: mapping Sizing has no entry dev.Cpu");
    expect(error.place?.line).toBe(5);
    expect(error.hint).toBe("add the entry to the mapping or a DefaultValue");
  });
});
