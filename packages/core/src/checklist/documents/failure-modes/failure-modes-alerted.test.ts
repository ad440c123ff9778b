import { describe, expect, it } from "vitest";
import { decideFailureModesAlerted } from "./failure-modes-alerted";

const ruleFiles = [
  {
    path: "monitoring/rules/service.yaml",
    text: "groups:\n  - name: service\n    rules:\n      - alert: HighErrorRate\n        expr: up == 0\n      - alert: QueueDepthHigh\n        expr: up == 0\n",
  },
];
const manifest = (text: string) => ({ path: "ops/failure-modes.yaml", text });

describe("failure-modes-alerted", () => {
  it("Compliance: each mode names an alert that exists (top-level list or under failureModes)", () => {
    const list = "- id: api-5xx\n  description: the API fails requests\n  alerts: [HighErrorRate]\n";
    for (const text of [list, `failureModes:\n${list.replace(/^/gm, "  ")}`]) {
      const verdict = decideFailureModesAlerted({ failureModes: manifest(text), ruleFiles });
      expect(verdict).toMatchObject({
        status: "pass",
        reason: "each of the 1 failure mode(s) names an alert that exists",
      });
    }
  });

  it("Noncompliance 1: a mode whose alerts do not exist is named, with its line", () => {
    const verdict = decideFailureModesAlerted({
      failureModes: manifest(
        "- id: api-5xx\n  alerts: [HighErrorRate]\n- id: dynamodb-throttled\n  description: writes throttled\n  alerts: [DynamoThrottled, WriteErrors]\n- id: worker-stuck\n  alerts: []\n",
      ),
      ruleFiles,
    });
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toBe(
      "failure mode dynamodb-throttled (ops/failure-modes.yaml:3) is not alerted: no alerting rule named DynamoThrottled in the 1 Prometheus rule file(s); no alerting rule named WriteErrors in the 1 Prometheus rule file(s); failure mode worker-stuck (ops/failure-modes.yaml:6) names no alert",
    );
  });

  it("Noncompliance 2: a manifest that is not a list, invalid YAML, an empty list, a mode without id", () => {
    const reasonOf = (text: string) => decideFailureModesAlerted({ failureModes: manifest(text), ruleFiles }).reason;
    expect(reasonOf("modes: 3\n")).toMatch(/^ops\/failure-modes.yaml: not a failure-mode manifest/);
    expect(reasonOf("- id: [\n")).toMatch(/^ops\/failure-modes.yaml:\d+: invalid YAML/);
    expect(reasonOf("[]\n")).toBe("ops/failure-modes.yaml lists no failure modes");
    expect(reasonOf("- description: no id\n  alerts: [HighErrorRate]\n")).toBe(
      "ops/failure-modes.yaml:1: failure mode 1 has no id",
    );
  });

  it("nothing configured decides nothing", () => {
    expect(decideFailureModesAlerted({ ruleFiles }).status).toBe("unknown");
    expect(decideFailureModesAlerted({ failureModes: manifest("[]"), ruleFiles: [] }).status).toBe("unknown");
  });
});
