import { describe, expect, it } from "vitest";
import { readWorkflow } from "./workflow";

const events = (on: string) => {
  const reading = readWorkflow({ path: "w.yml", text: `on: ${on}\njobs:\n  a:\n    steps: [{run: x}]\n` });
  if (!reading.ok) throw new Error(reading.problems[0]!.reason);
  return Object.fromEntries(reading.workflow.on);
};

describe("a workflow's triggers", () => {
  it("resolves `on` in its string, list and map forms", () => {
    expect(events("push")).toEqual({ push: {} });
    expect(events("[push, pull_request]")).toEqual({ push: {}, pull_request: {} });
    expect(
      events(
        "\n  push:\n    branches: [main]\n    paths-ignore: ['docs/**']\n  pull_request:\n  workflow_dispatch: {}\n",
      ),
    ).toEqual({
      push: { branches: ["main"], pathsIgnore: ["docs/**"] },
      pull_request: {},
      workflow_dispatch: {},
    });
    expect(events("\n  pull_request:\n    types: [opened, synchronize]\n    branches: main\n")).toEqual({
      pull_request: { types: ["opened", "synchronize"], branches: ["main"] },
    });
  });

  it("refuses filters GitHub refuses", () => {
    const reading = readWorkflow({
      path: "w.yml",
      text: "on:\n  push:\n    branches: [main]\n    branches-ignore: [dev]\njobs:\n  a:\n    steps: [{run: x}]\n",
    });
    expect(!reading.ok && reading.problems[0]!.reason).toBe(
      "w.yml:2:3: invalid workflow: on.push: use branches or branches-ignore, not both",
    );
    const numbers = readWorkflow({
      path: "w.yml",
      text: "on:\n  push:\n    branches: [1, 2]\njobs:\n  a:\n    steps: [{run: x}]\n",
    });
    expect(!numbers.ok && numbers.problems[0]!.reason).toBe(
      "w.yml:3:5: invalid workflow: expected a list of strings, got a list",
    );
  });
});
