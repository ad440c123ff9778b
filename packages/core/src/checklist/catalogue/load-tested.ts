import * as z from "../../kernel/validation/zod";
import { recordedEvidence } from "../sources/recorded-evidence";
import { declareItem, type ItemDeclaration } from "./item";
import { evidenceWindow } from "./param-types";

const params = z.strictObject({
  minRequestsPerSecond: z._default(z.number().check(z.positive()), 500).check(z.describe("required achieved rate")),
  ...evidenceWindow(),
  sameRevision: z
    ._default(z.boolean(), false)
    .check(z.describe("only a load test of the revision running now counts (false: any within the window)")),
});

/** Load tested at 500 req/s; SLOs met */
export const loadTestedItem: ItemDeclaration<"load-tested", typeof params> = declareItem({
  id: "load-tested",
  section: "Reliability",
  title: "Load tested at 500 req/s; SLOs met",
  severity: "medium",
  decidedBy:
    "a load-test record against the currently deployed revision (or within the validity window) at ≥ 500 req/s achieved rate, with error rate and P99 inside the SLO",
  remediation:
    "Load-test the deployed API at a constant arrival rate of at least `minRequestsPerSecond` and record it: `readiness load --service NAME --rps 500 --results-table TABLE` (docs/load.md). The run must hold its rate within 1% and meet the SLO's P99 and error rate.",
  needs: { evidence: "no load test recorded" },
  params,
  sources: {
    evidence: recordedEvidence({
      howToGather: "run `readiness load --service NAME --results-table TABLE` against the running API",
      roles: ["api"],
    }),
  },
});
