import type { SmokeSpec } from "@readiness/core/gate/smoke/types";

/**
 * The smoke settings the tests run the example task service with: timeouts and a submit SLO far
 * above what it takes on a quiet machine, so that a busy one does not turn a pass into a fail.
 */
export const EXAMPLE_SERVICE_SMOKE_SPEC: SmokeSpec = {
  timeouts: { requestMs: 10_000, completionMs: 20_000 },
  poll: { initialMs: 50, maxMs: 500, factor: 2 },
  sloSubmitMs: 1_000,
  retries: 1,
};
