import { CHECKLIST, RULES } from "@readiness/core";
import { evaluatorPolicyStatements } from "@readiness/core/checklist/iam/index";
import { describe, expect, it } from "vitest";
import { EVALUATOR_HANDLER } from "../../stacks/Rules";
import { sdkActionsOf } from "./gate-template";

describe("the evaluator's IAM policy covers its SDK calls", () => {
  it("Compliance: every SDK call compiled into the evaluator is allowed by the derived policy", async () => {
    const granted = new Set(
      evaluatorPolicyStatements(RULES, { resultsTable: "arn:table", configRules: "arn:rules" }, CHECKLIST).flatMap(
        (s) => s.actions,
      ),
    );
    // Each `XCommand` / `paginateX` of the repository files bundled into the evaluator, as an IAM action.
    const calls = await sdkActionsOf(EVALUATOR_HANDLER);
    expect(calls.length).toBeGreaterThan(10);
    const denied = calls
      .filter(({ action }) => !granted.has(action))
      .map(({ action, file }) => `${action} (called in ${file})`)
      .sort();
    // A call listed here gets AccessDenied once deployed: declare it in the liveActions of the
    // rule that needs the data, or take the call out of the evaluator's import graph.
    expect(denied).toEqual([]);
  });
});
