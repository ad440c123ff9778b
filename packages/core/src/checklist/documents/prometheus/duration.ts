/**
 * Prometheus durations as promtool 2.42 reads them (`model.ParseDuration` of prometheus/common):
 * one or more `<integer><unit>` parts, units in the order y, w, d, h, m, s, ms, each at most once,
 * and a bare `0`. No fractions, no signs, no spaces: `1h30m` and `90m` are durations, `1.5h`,
 * `30m1h` and `5` are not.
 */
const UNITS: readonly { readonly unit: string; readonly ms: number }[] = [
  { unit: "y", ms: 365 * 24 * 3_600_000 },
  { unit: "w", ms: 7 * 24 * 3_600_000 },
  { unit: "d", ms: 24 * 3_600_000 },
  { unit: "h", ms: 3_600_000 },
  { unit: "m", ms: 60_000 },
  { unit: "s", ms: 1_000 },
  { unit: "ms", ms: 1 },
];

/** time.Duration is an int64 of nanoseconds: Prometheus refuses durations past it. */
const MAX_MS = (2 ** 63 - 1) / 1e6;

export type DurationResult =
  | { readonly ok: true; readonly ms: number }
  | { readonly ok: false; readonly error: string };

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

export const parseDuration = (text: string): DurationResult => {
  if (text === "0") return { ok: true, ms: 0 };
  if (text === "") return { ok: false, error: "empty duration string" };
  const invalid: DurationResult = { ok: false, error: `not a valid duration string: ${JSON.stringify(text)}` };
  let total = 0;
  let next = 0; // index in UNITS of the smallest unit still allowed
  let i = 0;
  while (i < text.length) {
    const start = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (i === start) return invalid;
    const count = Number(text.slice(start, i));
    const unit = text.startsWith("ms", i) ? "ms" : text[i];
    const index = UNITS.findIndex((u, at) => at >= next && u.unit === unit);
    if (index < 0) return invalid;
    i += unit.length;
    next = index + 1;
    total += count * UNITS[index].ms;
  }
  if (total > MAX_MS) return { ok: false, error: "duration out of range" };
  return { ok: true, ms: total };
};

/** "1h30m" for 5_400_000: how Prometheus prints a duration. */
export const formatDuration = (ms: number): string => {
  if (ms === 0) return "0s";
  let rest = ms;
  let out = "";
  for (const { unit, ms: size } of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) out += `${count}${unit}`;
    rest -= count * size;
  }
  return out;
};
