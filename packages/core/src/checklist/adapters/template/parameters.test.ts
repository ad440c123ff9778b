import { describe, expect, it } from "vitest";
import { pathOf, UnknownValue } from "../../model/value";
import { loadTemplateInventory } from "./index";
import { fixture, templateErrorOf } from "@readiness/devkit/fixtures/templates";

const load = (parameters?: Record<string, string>) => loadTemplateInventory(fixture("service.yaml"), { parameters });

describe("parameters", () => {
  it("Noncompliance 1: a parameter without a default or value is unknown, with the reason", async () => {
    const { inventory } = await load();
    const image = pathOf(inventory.get("TaskDefinition")?.properties, "ContainerDefinitions", 0, "Image");
    expect(image).toEqual(new UnknownValue("parameter ImageTag has no Default and no value was given"));
  });

  it("Compliance: a value given overrides the default; list parameters become lists", async () => {
    const { inventory } = await load({ Env: "staging", PrivateSubnetCidrs: "10.9.1.0/24, 10.9.2.0/24" });
    expect(inventory.get("Table")?.properties.TableName).toBe("staging-tasks");
    expect(inventory.get("SubnetA")?.properties.CidrBlock).toBe("10.9.1.0/24");
  });

  it("Noncompliance 2: a value outside AllowedValues is an error at the parameter", async () => {
    const error = await templateErrorOf(load({ Env: "dev" }));
    expect(error.message).toBe('value "dev" of parameter Env is not one of its AllowedValues: prod, staging');
    expect(error.place).toEqual({ file: fixture("service.yaml"), line: 4, column: 3, path: "Parameters.Env" });
    expect(error.hint).toBe("give Env one of: prod, staging");
  });

  it("Compliance: a value for a parameter no template declares is a warning", async () => {
    const { warnings } = await load({ ImageTag: "1", Enviroment: "prod" });
    expect(warnings).toEqual(["parameter Enviroment was given a value but no template declares it"]);
  });
});

describe("secret parameters", () => {
  it("Unknown: a NoEcho parameter is unknown and marked secret, whatever its Default; so is what is built from it", async () => {
    const { inventory } = await loadTemplateInventory(fixture("judging/environment-secrets.yaml"));
    const value = pathOf(
      inventory.get("NoEchoUnderAnyName")?.properties,
      "ContainerDefinitions",
      0,
      "Environment",
      0,
      "Value",
    );
    expect(value).toEqual(
      new UnknownValue("parameter UpstreamCredentials is NoEcho: its value is a secret", {
        secret: "the NoEcho parameter UpstreamCredentials",
      }),
    );
  });
});

describe("conditions", () => {
  it("Compliance: decidable conditions pick resources, Fn::If branches and drop AWS::NoValue keys", async () => {
    const prod = (await load({ ImageTag: "1" })).inventory;
    expect(prod.get("StagingOnlyQueue")).toBeUndefined();
    expect(prod.get("TaggedQueue")).toBeDefined();
    expect(prod.get("Table")?.properties.BillingMode).toBe("PAY_PER_REQUEST");
    expect(prod.get("LogGroup")?.properties.RetentionInDays).toBe(90);

    const staging = (await load({ Env: "staging", ImageTag: "1" })).inventory;
    expect(staging.get("StagingOnlyQueue")).toBeDefined();
    expect(staging.get("TaggedQueue")).toBeUndefined();
    expect(staging.get("Table")?.properties.BillingMode).toBe("PROVISIONED");
    expect(staging.get("LogGroup")?.properties).not.toHaveProperty("RetentionInDays");
    expect(staging.get("ApiService")?.properties.DesiredCount).toBe(1);
  });

  it("Noncompliance 1: an undecidable condition makes Fn::If unknown and its resource a warning", async () => {
    const { inventory, warnings } = await load();
    const reason = "condition HasImageTag cannot be decided: parameter ImageTag has no Default and no value was given";
    expect(inventory.get("Alarm")?.properties.ActionsEnabled).toEqual(new UnknownValue(reason));
    expect(inventory.get("TaggedQueue")).toBeDefined();
    expect(warnings).toEqual([
      `TaggedQueue is created only if condition ProdWithTag holds: ${reason}`,
      `a condition cannot be decided before deploy (${reason}): each item is judged under all 2 combinations; it passes only if it passes under every one and fails only if it fails under every one`,
    ]);
  });

  it("Compliance: an undecidable Fn::If condition gives one branch of the inventory per value", async () => {
    const { inventory } = await load();
    const branches = inventory.branches.map((branch) => ({
      assumptions: branch.assumptions,
      actionsEnabled: branch.inventory.get("Alarm")?.properties.ActionsEnabled,
      taggedQueue: branch.inventory.get("TaggedQueue") !== undefined,
    }));
    expect(branches).toEqual([
      { assumptions: [{ condition: "HasImageTag", holds: true }], actionsEnabled: true, taggedQueue: true },
      { assumptions: [{ condition: "HasImageTag", holds: false }], actionsEnabled: false, taggedQueue: false },
    ]);
  });

  it("Compliance: decidable conditions make no branches", async () => {
    expect((await load({ ImageTag: "1" })).inventory.branches).toEqual([]);
  });
});
