import * as z from "../../kernel/validation/zod";
import { gracefulShutdown } from "../rules/ecs/graceful-shutdown";
import { recordedEvidence } from "../sources/recorded-evidence";
import { declareItem, type ItemDeclaration } from "./item";
import { evidenceWindow } from "./param-types";

const params = z.strictObject({
  /** Seconds a worker needs to drain its in-flight tasks; stopTimeout must be at least this. */
  drainSeconds: z
    ._default(z.int().check(z.positive(), z.lte(120)), 30)
    .check(z.describe("seconds a worker needs to drain (≤ 120); `stopTimeout` must be at least this")),
  /** Target-group deregistration delay the API needs so in-flight requests finish (≥ this, seconds). */
  minDeregistrationDelaySeconds: z
    ._default(z.int().check(z.nonnegative()), 5)
    .check(z.describe("lowest acceptable API target-group deregistration delay")),
  ...evidenceWindow("how long a drain drill counts as evidence"),
});

/** Graceful shutdown: workers drain in-flight tasks on SIGTERM */
export const gracefulShutdownItem: ItemDeclaration<"graceful-shutdown", typeof params> = declareItem({
  id: "graceful-shutdown",
  section: "Reliability",
  title: "Graceful shutdown: workers drain in-flight tasks on SIGTERM",
  severity: "high",
  decidedBy:
    "worker containers have `stopTimeout` ≥ the declared drain time; target-group deregistration delay set for the API; a drain drill (SIGTERM during in-flight work, nothing lost) recorded",
  remediation:
    "Set `StopTimeout` on worker containers to at least the drain time (max 120 s on Fargate) and `deregistration_delay.timeout_seconds` on the API target group. The evidence part needs a drain drill: `readiness drill drain --endpoint URL --cluster CLUSTER --service WORKER --results-table TABLE` SIGTERMs a worker during in-flight work and records whether nothing was lost and it exited within its stop timeout (docs/drills.md).",
  needs: { evidence: "no drain drill recorded" },
  params,
  sources: {
    evidence: recordedEvidence({
      howToGather: "run `readiness drill drain --results-table TABLE …` against the worker service",
      roles: ["worker"],
    }),
  },
  rules: [gracefulShutdown],
});
