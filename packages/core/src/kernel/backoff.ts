import type { BackoffPolicy } from "../gate/smoke/types";

/** The delay after `delayMs`: multiplied by the factor, capped at the maximum. */
export const nextDelay = (delayMs: number, policy: BackoffPolicy): number =>
  Math.min(delayMs * policy.factor, policy.maxMs);

/** The first `count` delays of the policy: initial, initial×factor, … capped at maxMs. */
export const backoffDelays = (policy: BackoffPolicy, count: number): number[] => {
  const delays: number[] = [];
  for (let delay = Math.min(policy.initialMs, policy.maxMs); delays.length < count; delay = nextDelay(delay, policy))
    delays.push(delay);
  return delays;
};

/** "30 s", "1.5 s", "250 ms": how durations read in reasons. */
export const formatDuration = (ms: number): string => {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1_000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
};
