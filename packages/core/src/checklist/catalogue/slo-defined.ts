import * as z from "../../kernel/validation/zod";
import { declareItem, type ItemDeclaration } from "./item";
import { documentPart } from "../sources/documents";

const params = z.strictObject({
  minAvailabilityPercent: z
    ._default(z.number().check(z.gte(0), z.lte(100)), 99.9)
    .check(z.describe("lowest acceptable availability objective")),
  maxSubmitP99Ms: z
    ._default(z.number().check(z.positive()), 100)
    .check(z.describe("highest acceptable submit P99 objective (ms)")),
  /** The word that marks the submit operation's latency objective: in its names, description or queries (any case). */
  submitKeyword: z
    ._default(z.string().check(z.minLength(1)), "submit")
    .check(z.describe("word that marks the submit latency objective (its names, description or queries; any case)")),
});

/** SLOs defined and documented (availability 99.9%, submit P99 < 100ms) */
export const sloDefinedItem: ItemDeclaration<"slo-defined", typeof params> = declareItem({
  id: "slo-defined",
  section: "Reliability",
  title: "SLOs defined and documented (availability 99.9%, submit P99 < 100ms)",
  severity: "high",
  decidedBy:
    "SLO file declares availability objective ≥ 99.9% and a submit latency objective with P99 ≤ 100 ms (thresholds are parameters)",
  remediation:
    "Write an SLO file (OpenSLO or Sloth) with an availability objective ≥ 99.9% and a submit P99 objective ≤ 100 ms, and keep it in the service's repository. Name it in readiness.yml (`documents.slo`).",
  needs: { document: "no SLO file (set documents.slo in readiness.yml)" },
  params,
  sources: { document: documentPart((d) => d.sloDefined) },
});
