import { yaml } from "@readiness/devkit/fixtures/readiness-yml";
import { describe, expect, it } from "vitest";
import { readinessConfigJsonSchema } from "../config/json-schema";
import { ConfigValidationError, parseConfig } from "../config/load";
import { ASSUMPTION_KEYS, COST_ASSUMPTIONS } from "./settings";

describe("readiness.yml cost: section", () => {
  it("Compliance: assumptions and per-resource overrides parse; what is left out stays unset (the defaults apply later)", () => {
    const config = parseConfig(
      yaml(
        "version: 1",
        "cost:",
        "  requestsPerSecond: 50",
        "  stronglyConsistentReads: false",
        "  services:",
        "    api: { taskCount: 4, taskVcpu: 1 }",
        "  tables:",
        "    tasks: { itemSizeKb: 3 }",
        "  queues:",
        "    task-queue: { messagesPerRequest: 2 }",
      ),
      "readiness.yml",
    );
    expect(config.cost).toEqual({
      requestsPerSecond: 50,
      stronglyConsistentReads: false,
      services: { api: { taskCount: 4, taskVcpu: 1 } },
      tables: { tasks: { itemSizeKb: 3 } },
      queues: { "task-queue": { messagesPerRequest: 2 } },
    });
  });

  it("Noncompliance: a bad value, an unknown field and an override of the wrong kind each name their line", () => {
    const text = yaml(
      "version: 1",
      "cost:",
      "  requestsPerSecond: -5",
      "  deadLetterShare: 2",
      "  requestPerSecond: 3",
      "  tables:",
      "    tasks: { taskCount: 2 }",
    );
    let error: unknown;
    try {
      parseConfig(text, "readiness.yml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.map((p) => [p.place?.line, p.place?.path, p.message]);
    expect(problems).toEqual([
      [3, "cost.requestsPerSecond", "value -5 is out of range"],
      [4, "cost.deadLetterShare", "value 2 is out of range"],
      [5, "cost.requestPerSecond", 'unknown field "requestPerSecond"'],
      [7, "cost.tables.tasks.taskCount", 'unknown field "taskCount"'],
    ]);
  });

  it("is published in the JSON Schema, every assumption with its meaning and default", () => {
    const schema = readinessConfigJsonSchema() as {
      properties: { cost: { description: string; properties: Record<string, { description?: string }> } };
    };
    const cost = schema.properties.cost;
    expect(cost.description).toContain("readiness cost");
    for (const key of ASSUMPTION_KEYS)
      expect(cost.properties[key]?.description, key).toContain(`(default ${COST_ASSUMPTIONS[key].default}`);
    expect(Object.keys(cost.properties)).toEqual([...ASSUMPTION_KEYS, "services", "tables", "queues"]);
  });
});
