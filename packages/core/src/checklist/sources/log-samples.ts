import { liveProbe } from "../engine/sources";

/**
 * trace-id-in-logs' probe: recent events of each service's awslogs groups (FilterLogEvents,
 * bounded by the item's sampleSize and windowMinutes), judged by the share that carry a trace id.
 * A template has no log events (the part says a live run decides it); a run that cannot sample
 * (no sampler) leaves it undecided. The probe's code loads with the first sample.
 */
export const logSamples = liveProbe(
  "needs a live run: the probe samples the services' CloudWatch log groups (readiness check --live, or the Config rule)",
  async ({ inventory, params, reach, onProgress }) => {
    if (!reach.sampleLogs) return undefined;
    const { traceIdProbeDecider } = await import("../probes/logs/trace-id-decider");
    const { gatherLogSamples } = await import("../probes/logs/gather");
    const { minShare, sampleSize, windowMinutes } = params as {
      minShare: number;
      sampleSize: number;
      windowMinutes: number;
    };
    const window = { sampleSize, windowMinutes, now: reach.now ?? new Date() };
    const samples = await gatherLogSamples(inventory, reach.sampleLogs, window, onProgress);
    return traceIdProbeDecider(samples, { minShare, windowMinutes });
  },
);
