import { describe, expect, it } from "vitest";
import { checksOn } from "@readiness/devkit/testing/checks";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import type { Status } from "../model/finding";
import { type ConfigRule, compliant, defineRule, nonCompliant, undecided } from "../rules/rule";
import type { PartDecider } from "./engine";

/**
 * mtls declares `decidesUnreadableConfig: "probe"`: where the listener's settings cannot be read,
 * the recorded handshake probe decides the item; it never overrides a configuration that fails.
 */
const listenerRule = defineRule({
  itemId: "mtls",
  resourceTypes: ["AWS::ElasticLoadBalancingV2::Listener"],
  readsTypes: [],
  evaluate: (listener) => {
    const mode = listener.properties.Mode;
    if (mode === undefined) return undecided("MutualAuthentication unknown (the endpoint dropped it)");
    return mode === "verify" ? compliant("verifies client certificates") : nonCompliant("mode off");
  },
});

const probe =
  (status: Status): PartDecider =>
  (item, kind) =>
    item.id === "mtls" && kind === "probe" ? { status, reason: `api: handshake probe ${status}` } : undefined;

const mtlsWith = (listener: Record<string, unknown>, probeStatus?: Status) => {
  const inventory = inventoryOf(resource("AWS::ElasticLoadBalancingV2::Listener", "Https", listener));
  const report = checksOn(inventory, [listenerRule as ConfigRule], {
    only: ["mtls"],
    ...(probeStatus ? { partDeciders: [probe(probeStatus)] } : {}),
  });
  return report.items[0]!;
};

describe("an unreadable configuration decided by the item's probe (mtls)", () => {
  it("Compliance: the listener's settings are unreadable and the recorded probe passes", () => {
    const item = mtlsWith({}, "pass");
    expect(item.status).toBe("pass");
    expect(item.summary).toBe(
      "api: handshake probe pass (probe decides it: the configuration is undecided: 1 of 1 resources could not be decided)",
    );
    expect(item.parts.map((p) => p.status)).toEqual(["unknown", "pass"]);
  });

  it("Noncompliance: a failing configuration fails whatever the probe says", () => {
    expect(mtlsWith({ Mode: "off" }, "pass").status).toBe("fail");
  });

  it("Noncompliance: the probe fails", () => {
    expect(mtlsWith({}, "fail").status).toBe("fail");
  });

  it("Undecided: unreadable settings and no probe recorded", () => {
    expect(mtlsWith({}).status).toBe("unknown");
    expect(mtlsWith({}, "unknown").status).toBe("unknown");
  });

  it("Compliance: readable settings still need both parts", () => {
    expect(mtlsWith({ Mode: "verify" }, "pass").status).toBe("pass");
    expect(mtlsWith({ Mode: "verify" }).status).toBe("unknown");
  });
});
