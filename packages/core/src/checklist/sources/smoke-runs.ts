import type { PartSource } from "../engine/sources";

/**
 * post-deploy-smoke's evidence and idempotent-writes' probe: the smoke runs the deployment gate
 * recorded for the revision each service runs now. Without the results table the parts stay
 * undecided. The reading code loads with the first read.
 */
export const smokeRuns: PartSource = {
  gather: async (context) => (await import("../evidence/smoke-source")).gatherSmokeRuns(context),
};
