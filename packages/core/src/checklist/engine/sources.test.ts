import { configOf, inventoryOf, scopeOf } from "@readiness/devkit/testing/builders";
import { describe, expect, it } from "vitest";
import { itemById } from "../catalogue/items";
import { defaultParams } from "../catalogue/params";
import type { PartDecider } from "./item-evaluation";
import { type GatherContext, liveProbe, type SourceReach } from "./sources";

const ITEM = itemById("trace-id-in-logs");
const inventory = inventoryOf();
const scope = scopeOf(inventory);
const contextOf = (mode: SourceReach["mode"]): GatherContext => ({
  item: ITEM,
  kind: "probe",
  inventory,
  params: defaultParams("trace-id-in-logs"),
  config: configOf(),
  reach: { mode },
});
const passing: PartDecider = () => ({ status: "pass", reason: "sampled" });
const probe = liveProbe("needs a live run: samples log groups", async () => passing);

describe("liveProbe", () => {
  it("Noncompliance: on a template run the part stays undecided, saying which run decides it", async () => {
    const decide = await probe.gather(contextOf("template"));
    expect(decide?.(ITEM, "probe", scope)).toEqual({
      status: "unknown",
      reason: "needs a live run: samples log groups",
    });
  });

  it("leaves the other items' parts and this item's other kinds to their own deciders", async () => {
    const decide = await probe.gather(contextOf("template"));
    expect(decide?.(itemById("iam-least-privilege"), "probe", scope)).toBeUndefined();
    expect(decide?.(ITEM, "evidence", scope)).toBeUndefined();
  });

  it("Compliance: a live run or a Config rule gathers", async () => {
    for (const mode of ["live", "config-rule"] as const)
      expect((await probe.gather(contextOf(mode)))?.(ITEM, "probe", scope)).toEqual({
        status: "pass",
        reason: "sampled",
      });
  });
});
