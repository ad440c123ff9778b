import * as z from "../../kernel/validation/zod";
import type { ItemDeclaration } from "./item";

const params = z.strictObject({});

/** Oncall rotation defined; who is the primary on Day 1? */
export const oncallItem: ItemDeclaration<"oncall", typeof params> = {
  id: "oncall",
  section: "Operations",
  title: "Oncall rotation defined; who is the primary on Day 1?",
  kinds: ["document"],
  severity: "medium",
  decidedBy: "an on-call rotation is defined and names a primary for launch day and for today",
  remediation: "Publish the on-call rotation with a primary for launch day and for every day after.",
  needs: { document: "needs document: no on-call rotation published" },
  params,
  rules: [],
};
