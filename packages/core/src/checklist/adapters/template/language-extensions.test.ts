import { describe, expect, it } from "vitest";
import { loadTemplateInventory } from "./index";
import { fixture, templateErrorOf } from "@readiness/devkit/fixtures/templates";

const idsOf = async (name: string, parameters?: Record<string, string>) =>
  [...(await loadTemplateInventory(fixture(name), { parameters })).inventory.all()].map((r) => r.id);

describe("Transform: AWS::LanguageExtensions", () => {
  it("Compliance: Fn::ForEach makes one resource per item, with Ref to the identifier replaced (AWS's fn-foreach-ddb shape)", async () => {
    const { inventory, warnings } = await loadTemplateInventory(fixture("language-extensions/foreach-tables.yaml"));
    const tables = inventory.ofType("AWS::DynamoDB::Table");
    expect(tables.map((t) => [t.id, t.properties.TableName])).toEqual([
      ["DynamoDBPoints", "Points"],
      ["DynamoDBScore", "Score"],
      ["DynamoDBName", "Name"],
      ["DynamoDBLeaderboard", "Leaderboard"],
    ]);
    // Each made resource is located at its loop.
    expect(tables.map((t) => t.location?.line)).toEqual([5, 5, 5, 5]);
    expect(warnings).toEqual([]);
  });

  it("Compliance: nested loops, &{} over a CommaDelimitedList parameter, loops in properties and conditions", async () => {
    const { inventory } = await loadTemplateInventory(fixture("language-extensions/foreach-network.yaml"));
    expect(inventory.ofType("AWS::EC2::Subnet").map((s) => [s.id, s.properties.CidrBlock])).toEqual([
      ["Subnet1001024", "10.0.1.0/24"],
      ["Subnet1002024", "10.0.2.0/24"],
    ]);
    expect(inventory.ofType("AWS::EC2::NetworkAcl").map((n) => n.id)).toEqual(["NaclPublic", "NaclPrivate"]);
    const routes = inventory.ofType("AWS::EC2::RouteTable");
    expect(routes.map((r) => r.id)).toEqual(["PublicRouteA", "PublicRouteB", "PrivateRouteA", "PrivateRouteB"]);
    // Ref of a name built with Fn::Sub resolves to that resource.
    const tag = (routes[2].properties.Tags as { Value: unknown }[])[0].Value;
    expect(inventory.lookup(tag)).toBe(inventory.get("NaclPrivate"));
    // Properties made by a loop; FindInMap's DefaultValue of AWS::NoValue drops the key.
    expect(inventory.get("ordersQueue")?.properties).toEqual({ QueueName: "orders", VisibilityTimeout: 120 });
    expect(inventory.get("paymentsQueue")?.properties).toEqual({ QueueName: "payments" });
  });

  it("Compliance: Fn::Length, Fn::ToJsonString and Fn::FindInMap's DefaultValue", async () => {
    const { inventory } = await loadTemplateInventory(fixture("language-extensions/foreach-network.yaml"));
    expect(JSON.parse(inventory.get("Settings")?.properties.Value as string)).toEqual({
      queues: ["orders", "payments"],
      count: 3,
      timeout: 45,
    });
  });

  it("Compliance: a loop over a parameter follows the value given with --parameter", async () => {
    const ids = await idsOf("language-extensions/foreach-network.yaml", { QueueNames: "a,b,c" });
    expect(ids.filter((id) => id.endsWith("Queue"))).toEqual(["aQueue", "bQueue", "cQueue"]);
  });

  it("Noncompliance: a loop over a parameter without a value is an error that says which value to give", async () => {
    const error = await templateErrorOf(loadTemplateInventory(fixture("language-extensions/foreach-no-default.yaml")));
    expect(error.message).toBe(
      "Fn::ForEach needs the value of parameter Names to know what it creates: parameter Names has no Default and no value was given",
    );
    expect(error.hint).toBe("pass it: --parameter Names=a,b,c");
    expect(error.place).toMatchObject({ line: 7, path: "Resources.Fn::ForEach::Queues" });
  });

  it("NotApplicable: the conditions a loop makes are conditions like any other", async () => {
    const { inventory } = await loadTemplateInventory(fixture("language-extensions/foreach-network.yaml"), {
      region: "eu-west-1",
    });
    expect(inventory.get("ordersQueue")).toBeUndefined();
    expect(inventory.get("Subnet1001024")).toBeDefined();
  });
});
