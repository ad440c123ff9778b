import { SmokeConfigError } from "./errors";
import type { ResolvedSmokeSpec, SmokeSpec } from "./types";

export const SMOKE_DEFAULTS = {
  expect: { output: "reverse-of-input", status: "COMPLETED" },
  timeouts: { requestMs: 5_000, completionMs: 30_000 },
  poll: { initialMs: 100, maxMs: 2_000, factor: 2 },
  sloSubmitMs: 100,
  retries: 2,
} as const;

/** Applies the defaults and rejects values that cannot work (a zero timeout, a factor below 1). */
export const resolveSpec = (spec: SmokeSpec, fresh: { uuid: () => string }): ResolvedSmokeSpec => {
  const resolved: ResolvedSmokeSpec = {
    input: spec.input ?? `readiness-smoke-${fresh.uuid().slice(0, 8)}`,
    expect: {
      output: spec.expect?.output ?? SMOKE_DEFAULTS.expect.output,
      status: spec.expect?.status ?? SMOKE_DEFAULTS.expect.status,
    },
    timeouts: { ...SMOKE_DEFAULTS.timeouts, ...defined(spec.timeouts) },
    poll: { ...SMOKE_DEFAULTS.poll, ...defined(spec.poll) },
    sloSubmitMs: spec.sloSubmitMs ?? SMOKE_DEFAULTS.sloSubmitMs,
    retries: spec.retries ?? SMOKE_DEFAULTS.retries,
    idempotencyKey: spec.idempotencyKey ?? fresh.uuid(),
  };
  positive(resolved.timeouts.requestMs, "timeouts.requestMs");
  positive(resolved.timeouts.completionMs, "timeouts.completionMs");
  positive(resolved.poll.initialMs, "poll.initialMs");
  positive(resolved.poll.maxMs, "poll.maxMs");
  positive(resolved.sloSubmitMs, "sloSubmitMs");
  if (!(resolved.poll.factor >= 1))
    throw new SmokeConfigError(`poll.factor must be at least 1, got ${resolved.poll.factor}`, undefined, "use 2 to double each delay");
  if (resolved.poll.maxMs < resolved.poll.initialMs)
    throw new SmokeConfigError(
      `poll.maxMs (${resolved.poll.maxMs}) is below poll.initialMs (${resolved.poll.initialMs})`,
      undefined,
      "raise poll.maxMs or lower poll.initialMs",
    );
  if (!Number.isInteger(resolved.retries) || resolved.retries < 0)
    throw new SmokeConfigError(`retries must be a whole number ≥ 0, got ${resolved.retries}`);
  if (resolved.input === "") throw new SmokeConfigError("input must not be empty", undefined, "omit it to use a generated input");
  if (resolved.idempotencyKey === "" || resolved.idempotencyKey.length > 128)
    throw new SmokeConfigError("idempotencyKey must be 1 to 128 characters", undefined, "omit it to use a fresh UUID");
  return resolved;
};

/** The output the verify step expects for this spec. */
export const expectedOutput = (spec: ResolvedSmokeSpec): string =>
  spec.expect.output === "reverse-of-input" ? reverse(spec.input) : spec.expect.output;

// By code point, as the worker does (`[...input].reverse()`), so non-BMP characters survive.
export const reverse = (text: string): string => [...text].reverse().join("");

const positive = (value: number, name: string): void => {
  if (!Number.isFinite(value) || value <= 0)
    throw new SmokeConfigError(`${name} must be a positive number of milliseconds, got ${value}`);
};

/** Drops undefined fields so they do not overwrite defaults when spread. */
const defined = <T extends object>(value: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
