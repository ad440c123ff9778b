import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./default-config";
import { readinessConfigSchema } from "./schema";

describe("DEFAULT_CONFIG", () => {
  it("is what the schema makes of an empty readiness.yml", () => {
    expect(DEFAULT_CONFIG).toEqual(readinessConfigSchema.parse({ version: 1 }));
  });
});
