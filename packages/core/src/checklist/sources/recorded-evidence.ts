import type { PartSource } from "../engine/sources";
import type { EvidenceSourceOptions } from "../evidence/evidence-source";

/**
 * An evidence part decided by what readiness recorded (`readiness load`, the drills, the log probe,
 * the gate): the newest record per service, judged against the item's validity window and the
 * running revision. The reading code loads with the first read.
 */
export const recordedEvidence = (options: EvidenceSourceOptions): PartSource => ({
  gather: async (context) => (await import("../evidence/evidence-source")).gatherRecordedEvidence(context, options),
});
