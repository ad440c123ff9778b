import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { documentPart } from "../sources/documents";

const params = z.strictObject({});

/** Oncall rotation defined; who is the primary on Day 1? */
export const oncallItem: ItemDeclaration<"oncall", typeof params> = declareItem({
  id: "oncall",
  section: "Operations",
  title: "Oncall rotation defined; who is the primary on Day 1?",
  severity: "medium",
  decidedBy: "an on-call rotation is defined and names a primary for launch day and for today",
  remediation: "Publish the on-call rotation with a primary for launch day and for every day after.",
  needs: { document: "no on-call rotation (set documents.oncall and launchDate in readiness.yml)" },
  params,
  sources: { document: documentPart((d) => d.oncall) },
});
