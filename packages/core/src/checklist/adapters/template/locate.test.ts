import { describe, expect, it } from "vitest";
import { loadTemplateInventory } from "./index";
import { jsonKeyPositions } from "./locate";
import { fixture } from "@readiness/devkit/fixtures/templates";

describe("resource locations", () => {
  it("Compliance: JSON resources point at the line and column of their logical id", async () => {
    const { inventory } = await loadTemplateInventory(fixture("service.json"));
    const file = fixture("service.json");
    expect(inventory.get("Queue")?.location).toEqual({ file, line: 8, column: 5, stack: "service" });
    expect(inventory.get("Worker")?.location).toMatchObject({ line: 15, column: 5 });
    expect(inventory.get("Role")?.location).toMatchObject({ line: 27, column: 5 });
  });

  it("Compliance: YAML resources point at the line and column of their logical id", async () => {
    const { inventory } = await loadTemplateInventory(fixture("service.yaml"), { parameters: { ImageTag: "1" } });
    expect(inventory.get("Vpc")?.location).toEqual({
      file: fixture("service.yaml"),
      line: 27,
      column: 3,
      stack: "service",
    });
    expect(inventory.get("ApiService")?.location).toMatchObject({ line: 143, column: 3 });
    expect(inventory.get("Alarm")?.location).toMatchObject({ line: 165, column: 3 });
  });

  it("Compliance: the JSON scan sees only section keys and their entries, not keys or braces inside strings", () => {
    const text = [
      "{",
      '  "Description": "a } and a \\" and { \\"Resources\\": 1 }",',
      '  "Resources": {',
      '    "A": { "Properties": { "Resources": { "B": [1, {"C": 2}] } } },',
      "",
      '    "D": {}, "\\u0045scaped": 1',
      "  }",
      "}",
    ].join("\n");
    expect(Object.fromEntries(jsonKeyPositions(text))).toEqual({
      Description: { line: 2, column: 3 },
      Resources: { line: 3, column: 3 },
      "Resources.A": { line: 4, column: 5 },
      "Resources.D": { line: 6, column: 5 },
      "Resources.Escaped": { line: 6, column: 14 },
    });
  });

  it("Compliance: in a minified (one-line) JSON template, entries point at their column on line 1", () => {
    const resources = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`Queue${i}`, { Type: "AWS::SQS::Queue" }]),
    );
    const text = JSON.stringify({ Resources: resources });
    const positions = jsonKeyPositions(text);
    expect(positions.get("Resources")).toEqual({ line: 1, column: 2 });
    for (const name of ["Queue0", "Queue17", "Queue49"])
      expect(positions.get(`Resources.${name}`)).toEqual({ line: 1, column: text.indexOf(`"${name}"`) + 1 });
  });

  it("Compliance: keys after blank lines and CRLF line ends get the right line", () => {
    const text = '{\r\n\r\n  "Resources": {\r\n\n\n    "A": {}, "B": {}\r\n  },\n"Outputs": {}}';
    expect(Object.fromEntries(jsonKeyPositions(text))).toEqual({
      Resources: { line: 3, column: 3 },
      "Resources.A": { line: 6, column: 5 },
      "Resources.B": { line: 6, column: 14 },
      Outputs: { line: 8, column: 1 },
    });
  });
});
