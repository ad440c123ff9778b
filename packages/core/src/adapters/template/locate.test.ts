import { describe, expect, it } from "vitest";
import { loadTemplateInventory } from "./index";
import { jsonKeyPositions } from "./locate";
import { fixture } from "./test-fixtures";

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
});
