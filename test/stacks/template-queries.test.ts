import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { functionsOf } from "./template-queries";

const withFunctions = (functions: Record<string, string>): Template =>
  Template.fromJSON({
    Resources: Object.fromEntries(
      Object.entries(functions).map(([id, handler]) => [
        id,
        { Type: "AWS::Lambda::Function", Properties: { Handler: handler } },
      ]),
    ),
  });

describe("functionsOf: the functions a stack test loops over", () => {
  it("Compliance: gives every function when the declared ones are there", () => {
    const template = withFunctions({ CustomResourceHandlerE8FB56BA: "index.handler", Gate: "src/gate.handler" });
    expect(functionsOf(template, ["src/gate.handler"]).map(([id]) => id)).toEqual([
      "CustomResourceHandlerE8FB56BA",
      "Gate",
    ]);
  });

  it("Noncompliance 1: a template without functions throws instead of giving an empty loop", () => {
    expect(() => functionsOf(withFunctions({}), ["src/gate.handler"])).toThrow(
      "the template lacks functions its stack declares: src/gate.handler, SST's CustomResourceHandler",
    );
  });

  it("Noncompliance 2: a declared handler without its function throws", () => {
    const template = withFunctions({ CustomResourceHandlerE8FB56BA: "index.handler" });
    expect(() => functionsOf(template, ["src/gate.handler"])).toThrow("src/gate.handler");
  });
});
