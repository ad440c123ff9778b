import { UsageError } from "@readiness/core/kernel/errors";

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** A duration flag ("90s", "5m", "1500ms", "1h", "1.5m") in milliseconds; anything else is a usage error. */
export const parseDuration = (value: string, flag: string): number => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : Number.NaN;
  if (!Number.isFinite(ms) || ms < 1)
    throw new UsageError(`invalid ${flag} "${value}"`, undefined, "give a duration such as 90s, 5m or 1500ms");
  return Math.round(ms);
};
