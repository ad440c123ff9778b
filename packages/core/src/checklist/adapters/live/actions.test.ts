import { describe, expect, it } from "vitest";
import { liveActionsOf } from "../../rules/registry";
import { LIVE_ACTIONS } from "./collectors";

describe("LIVE_ACTIONS", () => {
  it("covers every action a rule says its live data needs", () => {
    const missing = liveActionsOf().filter((action) => !LIVE_ACTIONS.includes(action));
    expect(missing, "rules declare live actions no collector calls: add a collector or fix the rule").toEqual([]);
  });

  it("is read-only and never reads a secret's value", () => {
    for (const action of LIVE_ACTIONS) expect(action).toMatch(/^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]+$/);
    expect(LIVE_ACTIONS).not.toContain("secretsmanager:GetSecretValue");
  });
});
