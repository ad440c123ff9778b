import * as z from "../../kernel/validation/zod";
import type { ItemDeclaration } from "./item";
import { evidenceWindow } from "./param-types";

const params = z.strictObject({
  minRequestsPerSecond: z._default(z.number().check(z.positive()), 500).check(z.describe("required achieved rate")),
  ...evidenceWindow(),
});

/** Load tested at 500 req/s; SLOs met */
export const loadTestedItem: ItemDeclaration<"load-tested", typeof params> = {
  id: "load-tested",
  section: "Reliability",
  title: "Load tested at 500 req/s; SLOs met",
  kinds: ["evidence"],
  severity: "medium",
  decidedBy:
    "a load-test record against the currently deployed revision (or within the validity window) at ≥ 500 req/s achieved rate, with error rate and P99 inside the SLO",
  remediation:
    "Load-test the deployed revision at a constant arrival rate of 500 req/s (open model, e.g. k6's constant-arrival-rate executor) and compare the error rate and P99 with the SLO. readiness cannot record a load test yet, so this item stays undecided (?).",
  needs: { evidence: "needs evidence: no load test recorded" },
  params,
  rules: [],
};
