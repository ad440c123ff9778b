import { describe, expect, it } from "vitest";
import { CHECKLIST } from "../catalogue/items";
import { defaultParams } from "../catalogue/params";
import { parseRuleParameters } from "../../config-rules/params";
import { DerivationError } from "./errors";
import { encodeInputParameters } from "./input-parameters";

describe("encodeInputParameters", () => {
  it("Compliance: strings stay, numbers and lists are JSON text, itemId comes first", () => {
    expect(
      encodeInputParameters("no-env-secrets", { entropyThreshold: 4.5, minEntropyLength: 20, allowNames: ["A", "B"] }),
    ).toEqual({ itemId: "no-env-secrets", entropyThreshold: "4.5", minEntropyLength: "20", allowNames: '["A","B"]' });
    expect(encodeInputParameters("traces-exported", { tempoEndpointPattern: "tempo" })).toEqual({
      itemId: "traces-exported",
      tempoEndpointPattern: "tempo",
    });
  });

  it("Noncompliance 1: parameters over Config's 1024 characters are refused with a fix", () => {
    const allowNames = Array.from({ length: 100 }, (_, i) => `SOME_LONG_VARIABLE_NAME_${i}`);
    expect(() => encodeInputParameters("no-env-secrets", { allowNames })).toThrow(DerivationError);
    expect(() => encodeInputParameters("no-env-secrets", { allowNames })).toThrow(
      /over AWS Config's 1024.*rules\.no-env-secrets/s,
    );
  });

  // Contract with the evaluator: what the stack deploys is what the function reads back.
  it("Compliance: the evaluator decodes every item's encoded defaults to the same parameters", async () => {
    for (const item of CHECKLIST) {
      const params = defaultParams(item.id) as Record<string, unknown>;
      const deployed = JSON.stringify(encodeInputParameters(item.id, params));
      expect(await parseRuleParameters(deployed)).toEqual({ itemId: item.id, item, params });
    }
  });

  it("Compliance: overridden values of every kind survive the round trip", async () => {
    const params = { entropyThreshold: 3.5, minEntropyLength: 24, allowNames: ["BUILD_ID", "42"] };
    const deployed = JSON.stringify(encodeInputParameters("no-env-secrets", params));
    expect(await parseRuleParameters(deployed)).toMatchObject({ itemId: "no-env-secrets", params });
  });
});
