import { describe, expect, it } from "vitest";
import * as z from "../../kernel/validation/zod";
import type { PartSource } from "../engine/sources";
import { defineRule, compliant } from "../rules/rule";
import { CHECKLIST } from "./items";
import { declareItem, type ItemSpec } from "./item";

const noSource: PartSource = { gather: async () => undefined };
const rule = defineRule({
  itemId: "graceful-shutdown",
  resourceTypes: ["AWS::ECS::Service"],
  readsTypes: [],
  evaluate: () => compliant("ok"),
});
const spec = (
  parts: Pick<ItemSpec<"graceful-shutdown">, "rules" | "sources" | "needs">,
): ItemSpec<"graceful-shutdown"> => ({
  id: "graceful-shutdown",
  section: "Reliability",
  title: "t",
  severity: "high",
  decidedBy: "d",
  remediation: "r",
  params: z.strictObject({}),
  ...parts,
});

describe("declareItem", () => {
  it("derives the kinds from the rules and the sources, documents first, then config, then probe and evidence", () => {
    expect(declareItem(spec({ rules: [rule], sources: { evidence: noSource, document: noSource } })).kinds).toEqual([
      "document",
      "config",
      "evidence",
    ]);
    expect(declareItem(spec({ rules: [rule], sources: { probe: noSource } })).kinds).toEqual(["config", "probe"]);
    expect(declareItem(spec({ rules: [], sources: { document: noSource } })).kinds).toEqual(["document"]);
    expect(declareItem(spec({ rules: [rule] })).kinds).toEqual(["config"]);
  });

  it("leads each needs reason with its kind, and leaves an item without rules with none", () => {
    const item = declareItem(spec({ needs: { evidence: "no drain drill recorded" }, sources: { evidence: noSource } }));
    expect(item.needs).toEqual({ evidence: "needs evidence: no drain drill recorded" });
    expect(item.rules).toEqual([]);
    expect(item.kinds).toEqual(["evidence"]);
  });

  it("gives every catalogue item at least one kind", () => {
    for (const item of CHECKLIST) expect(item.kinds.length, item.id).toBeGreaterThan(0);
  });
});
