/** How far the achieved rate may be from the target for the run to count: ±1%. */
export const RATE_TOLERANCE = 0.01;

export interface RateJudgement {
  readonly held: boolean;
  /** (achieved − target) / target. */
  readonly deviation: number;
  /** Why the rate was not held, with what to change; undefined when it was. */
  readonly reason?: string;
}

/**
 * Whether the run kept its arrival rate. A run that fell behind sent fewer requests than its
 * schedule asked for, so its percentiles describe a lighter load than the one claimed.
 */
export const judgeRate = (
  targetRps: number,
  achievedRps: number,
  figures: { readonly unsent: number; readonly waitedForConnection: number; readonly scheduleLagMaxMs: number },
): RateJudgement => {
  const deviation = targetRps > 0 ? (achievedRps - targetRps) / targetRps : 0;
  if (Math.abs(deviation) <= RATE_TOLERANCE + 1e-12) return { held: true, deviation };
  const cause =
    figures.waitedForConnection > 0
      ? `${figures.unsent} requests due were never sent and ${figures.waitedForConnection} waited for a free connection: raise --connections, or the target cannot take this rate`
      : figures.unsent > 0
        ? `${figures.unsent} requests due were never sent: the generator fell behind its schedule (CPU-bound: lower --rps or give it a core of its own)`
        : `the last requests left late (schedule lag up to ${Math.round(figures.scheduleLagMaxMs)} ms): the generator fell behind its schedule (CPU-bound: lower --rps or give it a core of its own)`;
  return {
    held: false,
    deviation,
    reason: `rate not held: achieved ${achievedRps.toFixed(1)} req/s of ${targetRps} (${percent(deviation)}, beyond ±${RATE_TOLERANCE * 100}%); ${cause}`,
  };
};

const percent = (fraction: number): string => `${fraction >= 0 ? "+" : "−"}${Math.abs(fraction * 100).toFixed(2)}%`;
